// The client's copy of a board (CR1–CR4, RS3–RS5), mirrored from BoardReplica.cs and UndoHistory.cs: the confirmed
// state at the last serverSeq applied in order, the client's pending pushes, and the view (confirmed + pending).

import { type Actor, type ApplyResult, type BoardRecord, BoardState, type Change, Limits, placementOf, type Props, RejectReason, stampAuthor, valueEquals } from "./model";

export interface PushMessage {
  clientId: string;
  clientSeq: number;
  changes: Change[];
}

export interface PatchMessage {
  serverSeq: number;
  clientId: string;
  clientSeq: number;
  changes: Change[];
}

export interface ResumedMessage {
  serverSeq: number;
  patches: PatchMessage[] | null;
  snapshot: BoardRecord[] | null;
}

export interface AckMessage {
  clientSeq: number;
  serverSeq: number;
  changes: Change[] | null;
}

export interface RejectMessage {
  clientSeq: number;
  reason: number;
}

export interface PendingPush {
  clientSeq: number;
  changes: Change[];
  sent?: boolean;
  ackedServerSeq?: number;
}

/** What a replica keeps across page loads (the IndexedDB store saves it): enough to resume and re-send. */
export interface ReplicaSnapshot {
  clientId: string;
  confirmedSeq: number;
  confirmed: BoardRecord[];
  pending: { clientSeq: number; changes: Change[] }[];
  nextClientSeq: number;
}

interface Arrival {
  changes: Change[];
  clientId: string;
  clientSeq: number;
}

export class BoardReplica {
  private pending: PendingPush[] = [];
  private readonly inbox = new Map<number, Arrival>();
  private readonly history = new UndoHistory();
  private nextClientSeq = 1;
  private resumed = false;

  confirmed: BoardState = BoardState.empty;
  confirmedSeq = 0;
  view: BoardState = BoardState.empty;

  constructor(
    readonly clientId: string,
    readonly actor: Actor,
  ) {}

  /** A replica as it was saved, with its pending pushes queued again (they are re-sent after the next resume). */
  static restore(saved: ReplicaSnapshot, actor: Actor): BoardReplica {
    const replica = new BoardReplica(saved.clientId, actor);
    replica.confirmed = BoardState.fromRecords(saved.confirmed);
    replica.confirmedSeq = saved.confirmedSeq;
    replica.pending = saved.pending.map((p) => ({ clientSeq: p.clientSeq, changes: p.changes }));
    replica.nextClientSeq = saved.nextClientSeq;
    replica.rebase();
    return replica;
  }

  save(): ReplicaSnapshot {
    return {
      clientId: this.clientId,
      confirmedSeq: this.confirmedSeq,
      confirmed: this.confirmed.all,
      pending: this.pending.map((p) => ({ clientSeq: p.clientSeq, changes: p.changes })),
      nextClientSeq: this.nextClientSeq,
    };
  }

  get pendingPushes(): readonly PendingPush[] {
    return this.pending;
  }

  get hasGap(): boolean {
    return this.inbox.size > 0;
  }

  get canUndo(): boolean {
    return this.history.canUndo;
  }

  get canRedo(): boolean {
    return this.history.canRedo;
  }

  /** Starts a connection: nothing is sent until the Resumed answer (RS4). Send the returned Resume first. */
  connect(): { protocolVersion: number; clientId: string; lastServerSeq: number } {
    this.resumed = false;
    for (const push of this.pending) push.sent = false;
    return { protocolVersion: Limits.protocolVersion, clientId: this.clientId, lastServerSeq: this.confirmedSeq };
  }

  disconnect(): void {
    this.resumed = false;
  }

  /** A local edit, applied optimistically and queued (CR1); the reason when the rules refuse it. Text must be clean. */
  edit(changes: Change[]): RejectReason | null {
    return this.commit(changes, "edit");
  }

  undo(): boolean {
    return this.step(() => this.history.popUndo(this.view), "undo");
  }

  redo(): boolean {
    return this.step(() => this.history.popRedo(this.view), "redo");
  }

  /** The pushes to send now, in clientSeq order: after a resume all pending ones, then each new one once (RS4). */
  takeOutgoing(): PushMessage[] {
    if (!this.resumed) return [];
    const outgoing: PushMessage[] = [];
    for (const push of this.pending) {
      if (!push.sent && push.ackedServerSeq === undefined) {
        push.sent = true;
        outgoing.push({ clientId: this.clientId, clientSeq: push.clientSeq, changes: push.changes });
      }
    }
    return outgoing;
  }

  receiveResumed(resumed: ResumedMessage): void {
    if (resumed.snapshot) {
      this.confirmed = BoardState.fromRecords(resumed.snapshot);
      this.confirmedSeq = resumed.serverSeq;
      for (const seq of [...this.inbox.keys()]) if (seq <= this.confirmedSeq) this.inbox.delete(seq);
      // Acked pushes at or below the snapshot are in it; the others are re-sent and decided by the server (ID1, ID3).
      this.pending = this.pending.filter((p) => !(p.ackedServerSeq !== undefined && p.ackedServerSeq <= this.confirmedSeq));
    }
    for (const patch of resumed.patches ?? []) this.enqueue(patch.serverSeq, patch);
    this.drain();
    this.resumed = true;
    this.rebase();
  }

  receivePatch(patch: PatchMessage): void {
    this.enqueue(patch.serverSeq, patch);
    this.drain();
    this.rebase();
  }

  receiveAck(ack: AckMessage): void {
    const push = this.pending.find((p) => p.clientSeq === ack.clientSeq);
    if (!push) return;
    if (ack.serverSeq <= this.confirmedSeq) {
      this.pending = this.pending.filter((p) => p !== push);
    } else {
      push.ackedServerSeq = ack.serverSeq;
      this.enqueue(ack.serverSeq, { changes: ack.changes ?? push.changes, clientId: this.clientId, clientSeq: ack.clientSeq });
      this.drain();
    }
    this.rebase();
  }

  receiveReject(reject: RejectMessage): void {
    const before = this.pending.length;
    this.pending = this.pending.filter((p) => !(p.clientSeq === reject.clientSeq && p.ackedServerSeq === undefined));
    if (this.pending.length !== before) this.rebase();
  }

  private step(pop: () => Change[] | null, effect: "undo" | "redo"): boolean {
    for (let changes = pop(); changes !== null; changes = pop()) {
      if (changes.length > 0) return this.commit(changes, effect) === null;
    }
    return false;
  }

  private commit(changes: Change[], effect: "edit" | "undo" | "redo"): RejectReason | null {
    const result = this.view.tryApply(changes, this.actor);
    if (result.reason !== null) return result.reason;
    this.history.record(this.view, result, effect);
    this.pending.push({ clientSeq: this.nextClientSeq++, changes: stampAuthor(changes, this.actor.participantId) });
    this.view = result.state;
    return null;
  }

  private enqueue(serverSeq: number, arrival: Arrival): void {
    if (serverSeq > this.confirmedSeq) this.inbox.set(serverSeq, { changes: arrival.changes, clientId: arrival.clientId, clientSeq: arrival.clientSeq });
  }

  private drain(): void {
    for (let arrival = this.inbox.get(this.confirmedSeq + 1); arrival; arrival = this.inbox.get(this.confirmedSeq + 1)) {
      this.inbox.delete(this.confirmedSeq + 1);
      this.confirmed = this.confirmed.applyPatch(arrival.changes);
      this.confirmedSeq++;
      if (arrival.clientId === this.clientId) this.pending = this.pending.filter((p) => p.clientSeq !== arrival!.clientSeq);
    }
  }

  // The confirmed state with every pending push that still validates on top; one that no longer does stays pending,
  // since the server decides it (CR2).
  private rebase(): void {
    let view = this.confirmed;
    for (const push of this.pending) {
      const result = view.tryApply(push.changes, this.actor);
      if (result.reason === null) view = result.state;
    }
    this.view = view;
  }
}

interface RecordChange {
  id: string;
  before: BoardRecord | undefined;
  after: BoardRecord | undefined;
}

/** Undo and redo of the user's own edits (CR4); the inverse is computed when used, against the state at that moment. */
class UndoHistory {
  private static readonly maxSteps = 100;
  private readonly undoSteps: RecordChange[][] = [];
  private readonly redoSteps: RecordChange[][] = [];

  get canUndo(): boolean {
    return this.undoSteps.length > 0;
  }

  get canRedo(): boolean {
    return this.redoSteps.length > 0;
  }

  record(before: BoardState, applied: ApplyResult, effect: "edit" | "undo" | "redo"): void {
    const ids = [...new Set(applied.patch.map((c) => c.id))];
    const step = ids.map((id) => ({ id, before: before.get(id), after: applied.state.get(id) }));
    if (step.length === 0) return;
    if (effect === "edit") this.redoSteps.length = 0;
    const stack = effect === "undo" ? this.redoSteps : this.undoSteps;
    stack.push(step);
    if (stack.length > UndoHistory.maxSteps) stack.shift();
  }

  popUndo(current: BoardState): Change[] | null {
    const step = this.undoSteps.pop();
    return step ? inverse(step, current) : null;
  }

  popRedo(current: BoardState): Change[] | null {
    const step = this.redoSteps.pop();
    return step ? inverse(step, current) : null;
  }
}

// Recreates deleted records (dependencies first), sets back properties that still hold the edit's value, and deletes
// records the edit created.
function inverse(step: RecordChange[], current: BoardState): Change[] {
  const changes: Change[] = [];
  let toRecreate = step.filter((r) => !r.after && r.before && !current.get(r.id)).map((r) => r.before!);
  const available = new Set<string>();
  let progress = true;
  while (progress) {
    progress = false;
    for (const record of [...toRecreate]) {
      if (dependencies(record).every((d) => available.has(d) || current.get(d))) {
        changes.push({ op: "put", id: record.id, kind: record.kind, props: { ...record.props } });
        available.add(record.id);
        toRecreate = toRecreate.filter((r) => r !== record);
        progress = true;
      }
    }
  }
  for (const { id, before, after } of step) {
    const now = current.get(id);
    if (!before || !after || !now) continue;
    const restore: Props = {};
    const names = [...new Set([...Object.keys(before.props), ...Object.keys(after.props)])].sort();
    for (const name of names) {
      if (!valueEquals(before.props[name], after.props[name]) && valueEquals(now.props[name], after.props[name])) {
        restore[name] = before.props[name] ?? null;
      }
    }
    if (Object.keys(restore).length > 0) changes.push({ op: "update", id, props: restore });
  }
  for (const { id, before, after } of step) {
    if (!before && after && current.get(id)) changes.push({ op: "delete", id });
  }
  return changes;
}

function dependencies(record: BoardRecord): string[] {
  const deps: string[] = [];
  const parent = placementOf(record)?.parent;
  if (parent) deps.push(parent);
  for (const name of ["from", "to", "target"]) {
    const reference = record.props[name];
    if (typeof reference === "string") deps.push(reference);
  }
  return deps;
}

export { RejectReason };
