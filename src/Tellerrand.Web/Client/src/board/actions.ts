// What people do on a board, as pushes: one place that turns a user's intent into changes, shared by the canvas, the
// outline and the moderation panel, so both views behave the same.

import { betweenMany } from "./fractionalIndex";
import { type BoardRecord, type BoardState, type Change, cleanText, get, isLocked, Kinds, Limits, placementOf, type Placement, type Props, RejectReason, SettingsId, textOf, voteId } from "./model";
import type { BoardSync } from "./sync";

export interface VoteView {
  /** The count to show, or null while votes are hidden (a round is open). */
  shown: number | null;
  mine: boolean;
  canVote: boolean;
}

export const StickySizes: Record<string, number> = { s: 120, m: 180, l: 260 };

export function newRecordId(): string {
  return "r" + crypto.randomUUID().replaceAll("-", "");
}

export class BoardActions {
  constructor(
    private readonly sync: BoardSync,
    private readonly notify: (reason: RejectReason) => void,
  ) {}

  get view(): BoardState {
    return this.sync.replica.view;
  }

  get participantId(): string {
    return this.sync.replica.actor.participantId;
  }

  get isModerator(): boolean {
    return this.sync.replica.actor.role === "moderator";
  }

  get canEdit(): boolean {
    return this.sync.replica.actor.role !== "observer" && !this.view.isFrozen;
  }

  canChange(record: BoardRecord): boolean {
    return this.canEdit && (this.isModerator || !isLocked(record));
  }

  /** Applies an edit locally and queues it; tells the user why when the rules refuse it. */
  edit(changes: Change[]): boolean {
    if (changes.length === 0) return true;
    for (let start = 0; start < changes.length; start += Limits.maxChangesPerPush) {
      const reason = this.sync.edit(changes.slice(start, start + Limits.maxChangesPerPush));
      if (reason !== null) {
        this.notify(reason);
        return false;
      }
    }
    return true;
  }

  undo(): void {
    this.sync.undo();
  }

  redo(): void {
    this.sync.redo();
  }

  /** The absolute board position of a placed record (positions are relative to the parent frame). */
  absolute(id: string, view = this.view): { x: number; y: number } {
    let x = 0;
    let y = 0;
    for (let record = view.get(id); record; ) {
      const p = placementOf(record);
      if (!p) break;
      x += p.x;
      y += p.y;
      record = p.parent ? view.get(p.parent) : undefined;
    }
    return { x, y };
  }

  /** Adds a sticky, text or frame at an absolute position, inside the frame under it; returns its id. */
  addAt(kind: "sticky" | "text" | "frame", x: number, y: number, text = "", colour = "yellow"): string | null {
    const parent = kind === "frame" ? null : this.frameAt(x, y, new Set());
    const origin = parent ? this.absolute(parent) : { x: 0, y: 0 };
    const placement: Placement = { parent, index: this.view.topIndex(parent), x: round(x - origin.x), y: round(y - origin.y) };
    const id = newRecordId();
    const props: Props = { placement };
    if (kind === "sticky") Object.assign(props, { text: clean(text), colour });
    if (kind === "text") props.text = clean(text);
    if (kind === "frame") Object.assign(props, { title: cleanText(text, Limits.maxTitleLength), width: 800, height: 600 });
    return this.edit([{ op: "put", id, kind, props }]) ? id : null;
  }

  /** A note in a frame (or on the board), placed on the next free spot of a grid: what the outline adds. */
  addNoteIn(frame: string | null, text: string): boolean {
    const count = this.view.childrenOf(frame).filter((r) => r.kind === "sticky" || r.kind === "text").length;
    const columns = frame ? Math.max(1, Math.floor(((get(this.view.get(frame)!, "width") as number) - 40) / 200)) : 6;
    const placement: Placement = { parent: frame, index: this.view.topIndex(frame), x: 40 + (count % columns) * 200, y: 80 + Math.floor(count / columns) * 200 };
    return this.edit([{ op: "put", id: newRecordId(), kind: "sticky", props: { placement, text: clean(text), colour: "yellow" } }]);
  }

  setText(id: string, text: string): boolean {
    const record = this.view.get(id);
    if (!record) return false;
    const name = record.kind === "frame" ? "title" : "text";
    const value = cleanText(text, name === "title" ? Limits.maxTitleLength : Limits.maxTextLength);
    if (textOf(record, name) === value) return true;
    return this.edit([{ op: "update", id, props: { [name]: value } }]);
  }

  setProps(ids: string[], props: Props): boolean {
    const changes: Change[] = ids
      .filter((id) => this.view.get(id) && Object.keys(props).every((name) => Object.hasOwn(Kinds[this.view.get(id)!.kind].props, name)))
      .map((id) => ({ op: "update", id, props }));
    return this.edit(changes);
  }

  remove(ids: string[]): boolean {
    return this.edit(ids.filter((id) => this.view.get(id)).map((id) => ({ op: "delete", id })));
  }

  /** Copies of the selected placed records, a little offset, on top; returns their ids. */
  duplicate(ids: string[]): string[] {
    const copies: string[] = [];
    const changes: Change[] = [];
    const byParent = new Map<string | null, BoardRecord[]>();
    for (const id of ids) {
      const record = this.view.get(id);
      const p = record && placementOf(record);
      if (!record || !p || record.kind === "frame") continue;
      byParent.set(p.parent, [...(byParent.get(p.parent) ?? []), record]);
    }
    for (const [parent, records] of byParent) {
      const keys = betweenMany(this.lastIndex(parent), null, records.length);
      records.forEach((record, i) => {
        const p = placementOf(record)!;
        const id = newRecordId();
        const props: Props = { ...record.props, placement: { ...p, index: keys[i], x: p.x + 24, y: p.y + 24 } };
        delete props.locked;
        changes.push({ op: "put", id, kind: record.kind, props });
        copies.push(id);
      });
    }
    return this.edit(changes) ? copies : [];
  }

  /** Moves records to absolute positions, into the frame under each one's new spot (BM6: one placement value). */
  moveTo(positions: Map<string, { x: number; y: number }>): boolean {
    const changes: Change[] = [];
    const moving = new Set(positions.keys());
    const appended = new Map<string | null, number>();
    for (const [id, at] of positions) {
      const record = this.view.get(id);
      const p = record && placementOf(record);
      if (!record || !p) continue;
      const parent = record.kind === "frame" ? p.parent : this.frameAt(at.x + 10, at.y + 10, moving, id);
      const origin = parent ? this.absolute(parent) : { x: 0, y: 0 };
      let index = p.index;
      if (parent !== p.parent) {
        const n = appended.get(parent) ?? 0;
        appended.set(parent, n + 1);
        index = betweenMany(this.lastIndex(parent), null, n + 1)[n];
      }
      changes.push({ op: "update", id, props: { placement: { parent, index, x: clamp(round(at.x - origin.x)), y: clamp(round(at.y - origin.y)) } } });
    }
    return this.edit(changes);
  }

  connect(from: string, to: string): boolean {
    return this.edit([{ op: "put", id: newRecordId(), kind: "connector", props: { from, to } }]);
  }

  votesOn(view: BoardState, target: string): VoteView {
    const votes = view.all.filter((r) => r.kind === "vote" && r.props.target === target);
    const mine = votes.some((v) => v.props.voter === this.participantId);
    const open = view.voteState === "open";
    return { shown: open ? null : votes.length > 0 || view.voteState === "revealed" ? votes.length : null, mine, canVote: open && this.sync.replica.actor.role !== "observer" && !view.isFrozen };
  }

  votesLeft(view = this.view): number {
    return view.votesPerPerson - view.all.filter((r) => r.kind === "vote" && r.props.voter === this.participantId).length;
  }

  toggleVote(target: string): boolean {
    const id = voteId(this.participantId, target);
    return this.view.get(id)
      ? this.edit([{ op: "delete", id }])
      : this.edit([{ op: "put", id, kind: "vote", props: { voter: this.participantId, target } }]);
  }

  // Moderation (AZ4): everything lives on the settings record, so every client sees it the same way.

  /** Starts a fresh round: earlier votes go, so that each round counts on its own. */
  startVote(votesPerPerson: number): boolean {
    const clear: Change[] = this.view.all.filter((r) => r.kind === "vote").map((r) => ({ op: "delete", id: r.id }));
    return this.edit([...clear, this.settings({ voteState: "open", votesPerPerson })]);
  }

  setVoteState(state: "revealed" | "idle"): boolean {
    return this.edit([this.settings({ voteState: state })]);
  }

  setTimer(minutes: number | null): boolean {
    return this.edit([this.settings({ timerEndsAt: minutes === null ? null : Date.now() + minutes * 60_000 })]);
  }

  gather(target: string): boolean {
    return this.edit([this.settings({ gatherTarget: target, gatherAt: Date.now() })]);
  }

  setFrozen(frozen: boolean): boolean {
    return this.edit([this.settings({ frozen })]);
  }

  /** The innermost frame whose area holds the point, ignoring the records being moved. */
  frameAt(x: number, y: number, exclude: Set<string>, self?: string): string | null {
    let found: string | null = null;
    let depth = -1;
    for (const frame of this.view.all.filter((r) => r.kind === "frame" && !exclude.has(r.id) && r.id !== self)) {
      const at = this.absolute(frame.id);
      if (x >= at.x && y >= at.y && x <= at.x + (get(frame, "width") as number) && y <= at.y + (get(frame, "height") as number)) {
        let d = 0;
        for (let p = placementOf(frame)?.parent; p; p = placementOf(this.view.get(p)!)?.parent) d++;
        if (d > depth) {
          depth = d;
          found = frame.id;
        }
      }
    }
    return found;
  }

  private lastIndex(parent: string | null): string | null {
    const children = this.view.childrenOf(parent);
    return children.length ? placementOf(children[children.length - 1])!.index : null;
  }

  private settings(props: Props): Change {
    return this.view.get(SettingsId) ? { op: "update", id: SettingsId, props } : { op: "put", id: SettingsId, kind: "board", props };
  }
}

const round = (v: number) => Math.round(v);
const clamp = (v: number) => Math.max(-Limits.maxCoordinate, Math.min(Limits.maxCoordinate, v));
const clean = (text: string) => cleanText(text, Limits.maxTextLength);
