// The canvas: frames, sticky notes, texts and connectors drawn as positioned elements in a pannable, zoomable world;
// select, multi-select (Shift), drag to move, resize by the corner handle, edit text in place, keyboard shortcuts, and
// the other people's cursors and selections. It reads the replica's view and edits through BoardActions.

import { type BoardActions, StickySizes } from "./actions";
import { type BoardRecord, type BoardState, get, isLocked, placementOf, textOf } from "./model";
import { el } from "./outline";
import { format, type Strings } from "./strings";
import type { PresenceEntry } from "./wire";

interface Drag {
  kind: "move" | "pan" | "resize";
  startX: number;
  startY: number;
  origin: Map<string, { x: number; y: number }>;
  target?: string;
  moved: boolean;
}

export interface Remote {
  name: string;
  colour: string;
  presence: PresenceEntry["presence"];
}

const PersonColours = ["#b3261e", "#1d5fa8", "#0f7b3f", "#7a3ea1", "#a15c00", "#00707a"];

export function personColour(participantId: string): string {
  let hash = 0;
  for (const c of participantId) hash = (hash * 31 + c.charCodeAt(0)) | 0;
  return PersonColours[Math.abs(hash) % PersonColours.length];
}

export class CanvasView {
  readonly element: HTMLElement;
  readonly viewport: HTMLElement;
  private readonly world: HTMLElement;
  private readonly lines: SVGSVGElement;
  private readonly items = new Map<string, HTMLElement>();
  private readonly cursors = new Map<string, HTMLElement>();
  readonly selection = new Set<string>();
  private zoom = 0.5;
  private panX = 20;
  private panY = 20;
  private drag: Drag | null = null;
  private editingId: string | null = null;
  private remotes = new Map<string, Remote>();
  private pointer: { x: number; y: number } | null = null;

  constructor(
    private readonly strings: Strings,
    private readonly actions: BoardActions,
    private readonly onPresence: () => void,
    private readonly onSelectionChange: () => void,
  ) {
    this.element = el("div", { class: "board-canvas" });
    this.viewport = el("div", { class: "board-viewport", tabindex: "0", role: "region", "aria-label": strings.canvasLabel, "aria-describedby": "board-canvas-help" });
    const help = el("p", { id: "board-canvas-help", class: "visually-hidden" }, strings.canvasHelp);
    this.world = el("div", { class: "board-world" });
    this.lines = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    this.lines.setAttribute("class", "board-lines");
    this.lines.setAttribute("aria-hidden", "true");
    this.world.append(this.lines);
    this.viewport.append(this.world);
    this.element.append(help, this.viewport);
    this.viewport.addEventListener("pointerdown", (e) => this.onPointerDown(e));
    this.viewport.addEventListener("pointermove", (e) => this.onPointerMove(e));
    this.viewport.addEventListener("pointerup", (e) => this.onPointerUp(e));
    this.viewport.addEventListener("pointerleave", () => {
      this.pointer = null;
      this.onPresence();
    });
    // Double-click edits a note or text in place, and puts a new note anywhere else (also inside a frame). The
    // pointer capture of the first click retargets the event to the viewport, so the point decides.
    this.viewport.addEventListener("dblclick", (e) => {
      const id = this.itemIdAt(document.elementFromPoint(e.clientX, e.clientY));
      const record = id ? this.actions.view.get(id) : undefined;
      if (record && record.kind !== "frame") this.startEditing(record.id);
      else if (this.actions.canEdit) {
        const at = this.toWorld(e.clientX, e.clientY);
        const created = this.actions.addAt("sticky", at.x - 90, at.y - 90);
        if (created) {
          this.select([created]);
          this.startEditing(created);
        }
      }
    });
    this.viewport.addEventListener("wheel", (e) => this.onWheel(e), { passive: false });
    this.viewport.addEventListener("keydown", (e) => this.onKey(e));
    this.viewport.addEventListener("focusin", (e) => {
      const id = this.itemIdAt(e.target);
      if (id && !this.selection.has(id) && !this.drag && this.editingId === null) this.select([id]);
    });
    this.applyTransform();
  }

  /** Cursor and selection for presence, in board coordinates. */
  get presence(): PresenceEntry["presence"] {
    const drag = this.drag?.kind === "move" && this.drag.moved ? [...this.drag.origin.keys()].map((id) => ({ id, ...this.currentPosition(id) })) : [];
    return { cursor: this.pointer, selection: [...this.selection].slice(0, 100), drag };
  }

  setRemotes(remotes: Map<string, Remote>): void {
    this.remotes = remotes;
    this.renderPresence();
  }

  select(ids: string[], add = false): void {
    if (!add) this.selection.clear();
    for (const id of ids) this.selection.add(id);
    this.render();
    this.onSelectionChange();
    this.onPresence();
  }

  zoomBy(factor: number, clientX?: number, clientY?: number): void {
    const rect = this.viewport.getBoundingClientRect();
    const cx = clientX ?? rect.left + rect.width / 2;
    const cy = clientY ?? rect.top + rect.height / 2;
    const before = this.toWorld(cx, cy);
    this.zoom = Math.min(3, Math.max(0.1, this.zoom * factor));
    this.panX = cx - rect.left - before.x * this.zoom;
    this.panY = cy - rect.top - before.y * this.zoom;
    this.applyTransform();
  }

  /** Fits the whole board into the viewport. */
  fit(): void {
    const view = this.actions.view;
    const placed = view.all.filter((r) => placementOf(r));
    if (placed.length === 0) return;
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const r of placed) {
      const at = this.actions.absolute(r.id);
      const size = this.sizeOf(r);
      minX = Math.min(minX, at.x);
      minY = Math.min(minY, at.y);
      maxX = Math.max(maxX, at.x + size.w);
      maxY = Math.max(maxY, at.y + size.h);
    }
    this.showArea(minX, minY, maxX - minX, maxY - minY);
  }

  /** Brings a record into view, centred (the moderator's "bring everyone here"). */
  focusOn(id: string): void {
    const record = this.actions.view.get(id);
    if (!record) return;
    const at = this.actions.absolute(id);
    const size = this.sizeOf(record);
    this.showArea(at.x, at.y, size.w, size.h);
  }

  /** The record nearest the middle of the viewport: the part of the board the moderator is looking at. */
  centreRecord(): string | null {
    if (this.selection.size > 0) return [...this.selection][0];
    const rect = this.viewport.getBoundingClientRect();
    const centre = this.toWorld(rect.left + rect.width / 2, rect.top + rect.height / 2);
    return this.actions.frameAt(centre.x, centre.y, new Set()) ?? this.actions.view.all.find((r) => r.kind === "frame")?.id ?? null;
  }

  render(): void {
    const view = this.actions.view;
    for (const id of [...this.selection]) if (!view.get(id)) this.selection.delete(id);
    const seen = new Set<string>();
    let z = 1;
    const draw = (parent: string | null) => {
      for (const record of view.childrenOf(parent)) {
        if (record.kind !== "sticky" && record.kind !== "text" && record.kind !== "frame") continue;
        seen.add(record.id);
        this.drawItem(view, record, z++);
        if (record.kind === "frame") draw(record.id);
      }
    };
    draw(null);
    for (const [id, element] of this.items) {
      if (!seen.has(id)) {
        element.remove();
        this.items.delete(id);
      }
    }
    this.drawConnectors(view);
    this.renderPresence();
  }

  private drawItem(view: BoardState, record: BoardRecord, z: number): void {
    let item = this.items.get(record.id);
    if (!item) {
      item = el("div", { class: "board-item", tabindex: "0", "data-id": record.id });
      item.append(el("div", { class: "board-item-body" }));
      this.items.set(record.id, item);
      this.world.append(item);
    }
    const at = this.actions.absolute(record.id, view);
    const size = this.sizeOf(record);
    item.className = `board-item board-${record.kind}` + (record.kind === "sticky" ? ` board-colour-${textOf(record, "colour")}` : "") + (record.kind === "text" ? ` board-text-${textOf(record, "size")}` : "") + (this.selection.has(record.id) ? " is-selected" : "") + (isLocked(record) ? " is-locked" : "");
    item.style.left = `${at.x}px`;
    item.style.top = `${at.y}px`;
    item.style.width = record.kind === "text" ? "" : `${size.w}px`;
    item.style.height = record.kind === "text" ? "" : `${size.h}px`;
    item.style.zIndex = String(z);
    const text = record.kind === "frame" ? textOf(record, "title") : textOf(record, "text");
    const label = format(this.strings, record.kind, text) + (isLocked(record) ? ` (${this.strings.locked})` : "");
    item.setAttribute("aria-label", label);
    item.setAttribute("role", "group");
    item.setAttribute("aria-roledescription", this.strings[record.kind === "frame" ? "addFrame" : record.kind === "text" ? "addText" : "addSticky"]);
    if (this.editingId === record.id) return;
    const body = item.querySelector<HTMLElement>(".board-item-body")!;
    if (body.textContent !== text) body.textContent = text;
    this.drawVotes(view, record, item);
    let handle = item.querySelector<HTMLElement>(".board-resize");
    const resizable = this.selection.size === 1 && this.selection.has(record.id) && record.kind !== "text" && this.actions.canChange(record);
    if (resizable && !handle) {
      handle = el("div", { class: "board-resize", "aria-hidden": "true" });
      item.append(handle);
    } else if (!resizable && handle) handle.remove();
  }

  private drawVotes(view: BoardState, record: BoardRecord, item: HTMLElement): void {
    item.querySelector(".board-votes")?.remove();
    if (record.kind !== "sticky" && record.kind !== "text") return;
    const votes = this.actions.votesOn(view, record.id);
    if (votes.shown === null && !votes.canVote) return;
    const box = el("div", { class: "board-votes" });
    if (votes.shown !== null) box.append(el("span", { class: "board-vote-count" }, format(this.strings, "votes", votes.shown)));
    if (votes.canVote) {
      const text = textOf(record, "text");
      box.append(el("button", { type: "button", class: "board-vote" + (votes.mine ? " is-mine" : ""), "data-vote": record.id, "aria-pressed": String(votes.mine), "aria-label": `${this.strings.vote}: ${text}` }, votes.mine ? "●" : "○"));
    }
    item.append(box);
  }

  private drawConnectors(view: BoardState): void {
    const lines: string[] = [];
    for (const connector of view.all.filter((r) => r.kind === "connector")) {
      const from = view.get(connector.props.from as string);
      const to = view.get(connector.props.to as string);
      if (!from || !to) continue;
      const a = this.centreOf(from, view);
      const b = this.centreOf(to, view);
      lines.push(`<line x1="${a.x}" y1="${a.y}" x2="${b.x}" y2="${b.y}" marker-end="url(#board-arrow)"/>`);
    }
    this.lines.innerHTML = `<defs><marker id="board-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z"/></marker></defs>${lines.join("")}`;
  }

  private renderPresence(): void {
    for (const item of this.items.values()) {
      item.style.removeProperty("--remote-colour");
      item.classList.remove("is-remote-selected");
      item.removeAttribute("data-remote");
    }
    const seen = new Set<string>();
    for (const [clientId, remote] of this.remotes) {
      for (const id of remote.presence.selection) {
        const item = this.items.get(id);
        if (!item) continue;
        item.classList.add("is-remote-selected");
        item.style.setProperty("--remote-colour", remote.colour);
        item.dataset.remote = remote.name;
      }
      for (const d of remote.presence.drag) {
        const item = this.items.get(d.id);
        if (item && !this.drag) {
          item.style.left = `${d.x}px`;
          item.style.top = `${d.y}px`;
        }
      }
      if (!remote.presence.cursor) continue;
      seen.add(clientId);
      let cursor = this.cursors.get(clientId);
      if (!cursor) {
        cursor = el("div", { class: "board-cursor", "aria-hidden": "true", "data-client": clientId });
        cursor.append(el("span", {}));
        this.cursors.set(clientId, cursor);
        this.world.append(cursor);
      }
      cursor.style.left = `${remote.presence.cursor.x}px`;
      cursor.style.top = `${remote.presence.cursor.y}px`;
      cursor.style.setProperty("--remote-colour", remote.colour);
      cursor.querySelector("span")!.textContent = remote.name;
    }
    for (const [clientId, cursor] of this.cursors) {
      if (!seen.has(clientId)) {
        cursor.remove();
        this.cursors.delete(clientId);
      }
    }
  }

  private sizeOf(record: BoardRecord): { w: number; h: number } {
    if (record.kind === "frame") return { w: get(record, "width") as number, h: get(record, "height") as number };
    if (record.kind === "sticky") {
      const side = StickySizes[textOf(record, "size")] ?? 180;
      return { w: side, h: side };
    }
    const item = this.items.get(record.id);
    return { w: item ? item.offsetWidth : 200, h: item ? item.offsetHeight : 40 };
  }

  private centreOf(record: BoardRecord, view: BoardState): { x: number; y: number } {
    const at = this.actions.absolute(record.id, view);
    const size = this.sizeOf(record);
    return { x: at.x + size.w / 2, y: at.y + size.h / 2 };
  }

  private showArea(x: number, y: number, w: number, h: number): void {
    const rect = this.viewport.getBoundingClientRect();
    this.zoom = Math.min(2, Math.max(0.1, Math.min(rect.width / (w + 80), rect.height / (h + 80))));
    this.panX = rect.width / 2 - (x + w / 2) * this.zoom;
    this.panY = rect.height / 2 - (y + h / 2) * this.zoom;
    this.applyTransform();
  }

  private applyTransform(): void {
    this.world.style.transform = `translate(${this.panX}px, ${this.panY}px) scale(${this.zoom})`;
  }

  private toWorld(clientX: number, clientY: number): { x: number; y: number } {
    const rect = this.viewport.getBoundingClientRect();
    return { x: (clientX - rect.left - this.panX) / this.zoom, y: (clientY - rect.top - this.panY) / this.zoom };
  }

  private itemIdAt(target: EventTarget | null): string | null {
    return (target as HTMLElement | null)?.closest?.<HTMLElement>(".board-item")?.dataset.id ?? null;
  }

  private currentPosition(id: string): { x: number; y: number } {
    const item = this.items.get(id)!;
    return { x: parseFloat(item.style.left), y: parseFloat(item.style.top) };
  }

  private onPointerDown(e: PointerEvent): void {
    if (this.editingId !== null || e.button !== 0) return;
    const voteButton = (e.target as HTMLElement).closest<HTMLElement>("[data-vote]");
    if (voteButton) return;
    const id = this.itemIdAt(e.target);
    const start = this.toWorld(e.clientX, e.clientY);
    if ((e.target as HTMLElement).classList.contains("board-resize") && id) {
      this.drag = { kind: "resize", startX: start.x, startY: start.y, origin: new Map([[id, this.currentPosition(id)]]), target: id, moved: false };
    } else if (id) {
      if (e.shiftKey) {
        if (this.selection.has(id)) this.selection.delete(id);
        else this.selection.add(id);
        this.select([], true);
      } else if (!this.selection.has(id)) this.select([id]);
      const movable = [...this.selection].filter((s) => this.actions.view.get(s) && this.actions.canChange(this.actions.view.get(s)!));
      this.drag = { kind: "move", startX: start.x, startY: start.y, origin: new Map(movable.map((s) => [s, this.currentPosition(s)])), moved: false };
    } else {
      if (!e.shiftKey && this.selection.size > 0) this.select([]);
      this.drag = { kind: "pan", startX: e.clientX, startY: e.clientY, origin: new Map([["", { x: this.panX, y: this.panY }]]), moved: false };
    }
    this.viewport.setPointerCapture(e.pointerId);
  }

  private onPointerMove(e: PointerEvent): void {
    this.pointer = this.toWorld(e.clientX, e.clientY);
    const drag = this.drag;
    if (drag?.kind === "pan") {
      const o = drag.origin.get("")!;
      this.panX = o.x + e.clientX - drag.startX;
      this.panY = o.y + e.clientY - drag.startY;
      drag.moved = true;
      this.applyTransform();
    } else if (drag) {
      const dx = this.pointer.x - drag.startX;
      const dy = this.pointer.y - drag.startY;
      if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
      if (drag.moved && drag.kind === "move") {
        for (const [id, o] of drag.origin) {
          const item = this.items.get(id)!;
          item.style.left = `${o.x + dx}px`;
          item.style.top = `${o.y + dy}px`;
        }
      } else if (drag.moved && drag.kind === "resize") {
        const item = this.items.get(drag.target!)!;
        const record = this.actions.view.get(drag.target!)!;
        const size = this.sizeOf(record);
        item.style.width = `${Math.max(40, size.w + dx)}px`;
        item.style.height = `${Math.max(40, size.h + dy)}px`;
      }
    }
    this.onPresence();
  }

  private onPointerUp(e: PointerEvent): void {
    const drag = this.drag;
    this.drag = null;
    if (!drag || !drag.moved) return;
    const end = this.toWorld(e.clientX, e.clientY);
    if (drag.kind === "move") {
      this.actions.moveTo(new Map([...drag.origin].map(([id, o]) => [id, { x: o.x + end.x - drag.startX, y: o.y + end.y - drag.startY }])));
    } else if (drag.kind === "resize") {
      const record = this.actions.view.get(drag.target!)!;
      const size = this.sizeOf(record);
      const w = Math.max(10, Math.round(size.w + end.x - drag.startX));
      const h = Math.max(10, Math.round(size.h + end.y - drag.startY));
      if (record.kind === "frame") this.actions.setProps([record.id], { width: w, height: h });
      else {
        // A sticky comes in three sizes; the handle picks the nearest one.
        const nearest = Object.entries(StickySizes).sort((a, b) => Math.abs(a[1] - w) - Math.abs(b[1] - w))[0][0];
        this.actions.setProps([record.id], { size: nearest });
      }
    }
    this.render();
  }

  private onWheel(e: WheelEvent): void {
    e.preventDefault();
    if (e.ctrlKey || e.metaKey) this.zoomBy(e.deltaY < 0 ? 1.1 : 1 / 1.1, e.clientX, e.clientY);
    else {
      this.panX -= e.deltaX;
      this.panY -= e.deltaY;
      this.applyTransform();
    }
  }

  private onKey(e: KeyboardEvent): void {
    if (this.editingId !== null) return;
    const ctrl = e.ctrlKey || e.metaKey;
    const ids = [...this.selection];
    const key = e.key.toLowerCase();
    let handled = true;
    if (ctrl && key === "z" && !e.shiftKey) this.actions.undo();
    else if (ctrl && (key === "y" || (key === "z" && e.shiftKey))) this.actions.redo();
    else if (ctrl && key === "d") this.select(this.actions.duplicate(ids));
    else if (ctrl && key === "a") this.select(this.actions.view.all.filter((r) => r.kind === "sticky" || r.kind === "text").map((r) => r.id));
    else if (e.key === "Delete" || e.key === "Backspace") {
      if (this.actions.remove(ids)) this.select([]);
    } else if (e.key === "Escape") this.select([]);
    else if (e.key === "Enter" && ids.length === 1) this.startEditing(ids[0]);
    else if (e.key.startsWith("Arrow") && ids.length > 0) {
      const step = e.shiftKey ? 50 : 10;
      const dx = e.key === "ArrowLeft" ? -step : e.key === "ArrowRight" ? step : 0;
      const dy = e.key === "ArrowUp" ? -step : e.key === "ArrowDown" ? step : 0;
      this.actions.moveTo(new Map(ids.map((id) => [id, { x: this.actions.absolute(id).x + dx, y: this.actions.absolute(id).y + dy }])));
    } else if (!ctrl && (e.key === "+" || e.key === "=")) this.zoomBy(1.2);
    else if (!ctrl && e.key === "-") this.zoomBy(1 / 1.2);
    else if (!ctrl && (key === "n" || key === "t")) this.addInView(key === "n" ? "sticky" : "text");
    else handled = false;
    if (handled) e.preventDefault();
  }

  /** Adds a note or text in the middle of what the person sees, selected and ready for typing. */
  addInView(kind: "sticky" | "text" | "frame"): void {
    const rect = this.viewport.getBoundingClientRect();
    const centre = this.toWorld(rect.left + rect.width / 2, rect.top + rect.height / 2);
    const id = this.actions.addAt(kind, centre.x - 90, centre.y - 90, kind === "frame" ? this.strings.newFrame : "");
    if (id) {
      this.select([id]);
      this.startEditing(id);
    }
  }

  /** Edits a note's text or a frame's title in place; Escape cancels, leaving the field or Ctrl+Enter saves. */
  startEditing(id: string): void {
    const record = this.actions.view.get(id);
    const item = this.items.get(id);
    if (!record || !item || !this.actions.canChange(record)) return;
    this.editingId = id;
    const body = item.querySelector<HTMLElement>(".board-item-body")!;
    const area = el("textarea", { class: "board-editor", "aria-label": this.strings.editText }) as HTMLTextAreaElement;
    area.value = record.kind === "frame" ? textOf(record, "title") : textOf(record, "text");
    body.replaceChildren(area);
    area.focus();
    area.select();
    let done = false;
    const finish = (save: boolean) => {
      if (done) return;
      done = true;
      this.editingId = null;
      if (save) this.actions.setText(id, area.value);
      body.textContent = "";
      this.render();
      this.items.get(id)?.focus();
    };
    area.addEventListener("keydown", (e) => {
      e.stopPropagation();
      if (e.key === "Escape") finish(false);
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) finish(true);
    });
    area.addEventListener("blur", () => finish(true));
  }

  /** Handles a click on a vote button inside the canvas. */
  handleClick(e: MouseEvent): void {
    const button = (e.target as HTMLElement).closest<HTMLElement>("[data-vote]");
    if (button) this.actions.toggleVote(button.dataset.vote!);
  }
}
