// The board page's client: reads the page's config (who I am, the room's names, the localized words), restores the
// replica from IndexedDB, connects to the hub and mounts the canvas and its outline twin, presence and moderation.

import { BoardActions } from "./actions";
import { CanvasView, personColour, type Remote } from "./canvas";
import { Colours, type Role, Sizes, textOf } from "./model";
import { el, OutlineView } from "./outline";
import { format, type Strings } from "./strings";
import { ReplicaStore, replicaKey } from "./store";
import { BoardSync, type ConnectionState } from "./sync";

interface Config {
  boardId: string;
  participantId: string;
  role: Role;
  names: Record<string, string>;
  strings: Strings;
}

async function main(): Promise<void> {
  const root = document.getElementById("board-root");
  const configElement = document.getElementById("board-config");
  if (!root || !configElement) return;
  const config = JSON.parse(configElement.textContent ?? "{}") as Config;
  const s = config.strings;
  const key = replicaKey(config.boardId, config.participantId);
  const store = await ownStore(key);

  const stateLine = el("p", { class: "board-state", role: "status", "data-state": "connecting" }, s.stateConnecting);
  const notice = el("p", { class: "board-notice", role: "status" });
  const alert = el("p", { class: "board-alert", role: "alert" });
  const timer = el("p", { class: "board-timer", role: "timer", "aria-live": "off" });
  const people = el("ul", { class: "board-people", "aria-labelledby": "board-people-heading" });
  const remotes = new Map<string, Remote & { participantId: string }>();
  let canvas: CanvasView;
  let outline: OutlineView;
  let lastGather = 0;
  let fitted = false;

  const sync = await BoardSync.create(config.boardId, { participantId: config.participantId, role: config.role }, store, key, {
    changed: (remote) => {
      canvas.render();
      outline.render();
      renderStatus();
      if (remote) followGather();
    },
    state: (state: ConnectionState, pending: number) => {
      const text = { connecting: s.stateConnecting, connected: s.stateConnected, reconnecting: s.stateReconnecting, offline: s.stateOffline, refused: s.stateRefused }[state];
      stateLine.dataset.state = state;
      // While connected, pending pushes are a matter of milliseconds; announcing them would only chatter.
      stateLine.textContent = pending > 0 && (state === "offline" || state === "reconnecting") ? `${text} · ${format(s, "pending", pending)}` : text;
    },
    presence: (batch) => {
      for (const entry of batch.entries) {
        if (entry.clientId === sync.replica.clientId) continue;
        remotes.set(entry.clientId, { participantId: entry.participantId, name: nameOf(entry.participantId), colour: personColour(entry.participantId), presence: entry.presence });
      }
      for (const left of batch.left) remotes.delete(left);
      canvas.setRemotes(remotes);
      renderPeople();
    },
    rejected: (reason) => showRefusal(reason),
  });
  const actions = new BoardActions(sync, (reason) => showRefusal(reason));
  canvas = new CanvasView(s, actions, () => sync.setPresence(canvas.presence), () => renderToolbar());
  outline = new OutlineView(s, actions);
  canvas.viewport.addEventListener("click", (e) => canvas.handleClick(e));

  function nameOf(participantId: string): string {
    return config.names[participantId] ?? s.guest;
  }

  function showRefusal(reason: number): void {
    alert.textContent = format(s, "refused", s[`reason.${reason}`] ?? s["reason.1"]);
    setTimeout(() => (alert.textContent = ""), 6_000);
  }

  function renderPeople(): void {
    const here = new Map<string, string>([[config.participantId, format(s, "you", nameOf(config.participantId))]]);
    for (const remote of remotes.values()) if (!here.has(remote.participantId)) here.set(remote.participantId, remote.name);
    people.replaceChildren(...[...here].map(([id, name]) => {
      const li = el("li", {}, name);
      li.style.setProperty("--remote-colour", personColour(id));
      return li;
    }));
  }

  // The moderator's "bring everyone here": each new gatherAt moves everyone's view to the target, once.
  function followGather(): void {
    const settings = sync.replica.view.settings;
    const at = (settings?.props.gatherAt as number | undefined) ?? 0;
    const target = settings?.props.gatherTarget as string | undefined;
    // Until the board is first shown, the value at load is taken as seen (fitOnce), so a late joiner is not pulled away.
    if (fitted && at > lastGather && target && sync.replica.view.get(target)) {
      lastGather = at;
      canvas.focusOn(target);
      const record = sync.replica.view.get(target)!;
      notice.textContent = format(s, "gathered", textOf(record, record.kind === "frame" ? "title" : "text"));
    }
  }

  // Toolbar
  const toolbar = el("div", { class: "board-toolbar", role: "toolbar", "aria-label": s.toolbar });
  const button = (label: string, action: () => void, extra: Record<string, string> = {}) => {
    const b = el("button", { type: "button", class: "btn btn-outline-dark btn-sm", ...extra }, label) as HTMLButtonElement;
    b.addEventListener("click", action);
    toolbar.append(b);
    return b;
  };
  const editButtons = [
    button(s.addSticky, () => canvas.addInView("sticky")),
    button(s.addText, () => canvas.addInView("text")),
    button(s.addFrame, () => canvas.addInView("frame")),
  ];
  const selectionButtons = [
    button(s.connect, () => {
      const [a, b] = [...canvas.selection];
      actions.connect(a, b);
    }, { "data-needs": "2" }),
    button(s.duplicate, () => canvas.select(actions.duplicate([...canvas.selection]))),
    button(s.delete, () => actions.remove([...canvas.selection]) && canvas.select([])),
  ];
  const colour = select(s.colour, "board-colour", Colours.map((c) => [c, s[`colour.${c}`]]), (value) => actions.setProps([...canvas.selection], { colour: value }));
  const size = select(s.size, "board-size", Sizes.map((c) => [c, s[`size.${c}`]]), (value) => actions.setProps([...canvas.selection], { size: value }));
  toolbar.append(colour.wrapper, size.wrapper);
  const undo = button(s.undo, () => actions.undo());
  const redo = button(s.redo, () => actions.redo());
  button(s.zoomIn, () => canvas.zoomBy(1.25));
  button(s.zoomOut, () => canvas.zoomBy(0.8));
  button(s.zoomReset, () => canvas.fit());

  function select(label: string, id: string, options: [string, string][], onChange: (value: string) => void) {
    const wrapper = el("span", { class: "board-select" });
    const control = el("select", { id, class: "form-select form-select-sm" }) as HTMLSelectElement;
    control.append(el("option", { value: "" }, "–"), ...options.map(([value, text]) => el("option", { value }, text)));
    control.addEventListener("change", () => control.value && onChange(control.value));
    wrapper.append(el("label", { for: id }, label), control);
    return { wrapper, control };
  }

  function renderToolbar(): void {
    const canEdit = actions.canEdit;
    const selected = [...canvas.selection].map((id) => sync.replica.view.get(id)).filter((r) => r !== undefined);
    const changeable = selected.length > 0 && selected.every((r) => actions.canChange(r));
    for (const b of editButtons) (b as HTMLButtonElement).disabled = !canEdit;
    for (const b of selectionButtons) (b as HTMLButtonElement).disabled = !canEdit || (b.dataset.needs === "2" ? selected.length !== 2 : !changeable);
    colour.control.disabled = !changeable || !selected.some((r) => r.kind === "sticky");
    size.control.disabled = !changeable || !selected.some((r) => r.kind === "sticky" || r.kind === "text");
    const first = selected[0];
    colour.control.value = first?.kind === "sticky" ? textOf(first, "colour") : "";
    size.control.value = first && first.kind !== "frame" ? textOf(first, "size") : "";
    undo.disabled = !canEdit || !sync.replica.canUndo;
    redo.disabled = !canEdit || !sync.replica.canRedo;
    renderModeration();
  }

  // Moderation (AZ4)
  const moderation = el("section", { class: "board-moderation", "aria-labelledby": "board-moderation-heading" });
  const modControls: Record<string, HTMLButtonElement> = {};
  const votesInput = el("input", { id: "board-votes-per-person", type: "number", min: "1", max: "20", value: "3", class: "form-control form-control-sm" }) as HTMLInputElement;
  const minutesInput = el("input", { id: "board-timer-minutes", type: "number", min: "1", max: "180", value: "5", class: "form-control form-control-sm" }) as HTMLInputElement;
  if (config.role === "moderator") {
    moderation.append(el("h2", { id: "board-moderation-heading" }, s.moderation));
    const modButton = (name: string, label: string, action: () => void) => {
      const b = el("button", { type: "button", class: "btn btn-outline-primary btn-sm" }, label) as HTMLButtonElement;
      b.addEventListener("click", action);
      modControls[name] = b;
      return b;
    };
    const group = (...children: HTMLElement[]) => {
      const div = el("div", { class: "board-moderation-group" });
      div.append(...children);
      return div;
    };
    moderation.append(
      group(el("label", { for: votesInput.id }, s.votesPerPerson), votesInput,
        modButton("start", s.startVote, () => actions.startVote(Math.min(20, Math.max(1, Number(votesInput.value) || 3)))),
        modButton("reveal", s.revealVote, () => actions.setVoteState("revealed")),
        modButton("end", s.endVote, () => actions.setVoteState("idle"))),
      group(el("label", { for: minutesInput.id }, s.timerMinutes), minutesInput,
        modButton("timer", s.startTimer, () => actions.setTimer(Math.min(180, Math.max(1, Number(minutesInput.value) || 5)))),
        modButton("stopTimer", s.stopTimer, () => actions.setTimer(null))),
      group(modButton("lock", s.lock, () => actions.setProps([...canvas.selection], { locked: true })),
        modButton("unlock", s.unlock, () => actions.setProps([...canvas.selection], { locked: false })),
        modButton("gather", s.gather, () => {
          const target = canvas.centreRecord();
          if (target) actions.gather(target);
        }),
        modButton("freeze", s.freeze, () => actions.setFrozen(!sync.replica.view.isFrozen))),
    );
  }

  function renderModeration(): void {
    if (config.role !== "moderator") return;
    const view = sync.replica.view;
    const frozen = view.isFrozen;
    modControls.start.disabled = frozen || view.voteState === "open";
    modControls.reveal.disabled = frozen || view.voteState !== "open";
    modControls.end.disabled = frozen || view.voteState === "idle";
    modControls.timer.disabled = frozen;
    modControls.stopTimer.disabled = frozen || view.settings?.props.timerEndsAt === undefined;
    modControls.lock.disabled = frozen || canvas.selection.size === 0;
    modControls.unlock.disabled = frozen || canvas.selection.size === 0;
    modControls.gather.disabled = frozen;
    modControls.freeze.textContent = frozen ? s.unfreeze : s.freeze;
  }

  function renderStatus(): void {
    const view = sync.replica.view;
    const lines: string[] = [];
    if (view.isFrozen) lines.push(s.frozen);
    if (view.voteState === "open") lines.push(format(s, "voteOpen", actions.votesLeft(view), view.votesPerPerson));
    if (view.voteState === "revealed") lines.push(s.voteRevealed);
    const text = lines.join(" ");
    if (status.textContent !== text) status.textContent = text;
    renderTimer();
    renderToolbar();
  }

  function renderTimer(): void {
    const ends = sync.replica.view.settings?.props.timerEndsAt as number | undefined;
    if (ends === undefined) {
      timer.textContent = "";
      return;
    }
    const left = Math.max(0, Math.round((ends - Date.now()) / 1000));
    timer.textContent = left === 0 ? s.timerDone : format(s, "timer", `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`);
  }

  // Views: the canvas and its outline twin, switched by two pressed-state buttons.
  const status = el("p", { class: "board-status", "aria-live": "polite" });
  const switcher = el("div", { class: "board-views", role: "group", "aria-label": s.viewSwitch });
  const showCanvas = el("button", { type: "button", class: "btn btn-outline-primary btn-sm", "aria-pressed": "true" }, s.viewCanvas);
  const showOutline = el("button", { type: "button", class: "btn btn-outline-primary btn-sm", "aria-pressed": "false" }, s.viewOutline);
  switcher.append(showCanvas, showOutline);
  const canvasPanel = el("div", { class: "board-canvas-panel" });
  canvasPanel.append(toolbar, canvas.element);
  outline.element.hidden = true;
  const setView = (outlineView: boolean) => {
    showCanvas.setAttribute("aria-pressed", String(!outlineView));
    showOutline.setAttribute("aria-pressed", String(outlineView));
    canvasPanel.hidden = outlineView;
    outline.element.hidden = !outlineView;
    if (outlineView) outline.render(true);
    else canvas.render();
  };
  showCanvas.addEventListener("click", () => setView(false));
  showOutline.addEventListener("click", () => setView(true));

  const bar = el("div", { class: "board-bar" });
  const presence = el("div", { class: "board-presence" });
  presence.append(el("h2", { id: "board-people-heading", class: "board-people-heading" }, s.presenceHeading), people);
  bar.append(stateLine, switcher, timer, presence);
  root.replaceChildren(bar, status, notice, alert, moderation, canvasPanel, outline.element);
  if (config.role !== "moderator") moderation.remove();
  if (new URLSearchParams(location.search).get("view") === "outline") setView(true);

  setInterval(renderTimer, 1_000);
  canvas.render();
  outline.render(true);
  renderPeople();
  renderStatus();
  sync.start();
  const fitOnce = () => {
    if (!fitted && sync.replica.view.count > 0) {
      fitted = true;
      canvas.fit();
      lastGather = (sync.replica.view.settings?.props.gatherAt as number | undefined) ?? 0;
    }
  };
  const observer = setInterval(() => {
    fitOnce();
    if (fitted) clearInterval(observer);
  }, 100);
}

/**
 * The IndexedDB store, when this tab is the only one holding this board for this person: a second tab gets a fresh
 * client id and keeps its edits in memory, so that two tabs never re-send each other's pushes under one client id.
 */
async function ownStore(key: string): Promise<ReplicaStore | null> {
  if (!("indexedDB" in window) || !navigator.locks) return null;
  const owned = await new Promise<boolean>((resolve) => {
    void navigator.locks.request(`tellerrand-board:${key}`, { ifAvailable: true }, (lock) => {
      resolve(lock !== null);
      // Held for the life of the page.
      return lock ? new Promise<void>(() => undefined) : undefined;
    });
  });
  return owned ? ReplicaStore.open().catch(() => null) : null;
}

void main();
