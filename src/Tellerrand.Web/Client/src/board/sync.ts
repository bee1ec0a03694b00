// Keeps a BoardReplica in step with the hub at /hubs/board (SignalR, MessagePack only): resume on every (re)connect,
// re-send pending pushes in order (RS4), resume again on a lasting gap (RS3), reconnect on its own, and treat the
// browser going offline as a closed connection. Every local change is saved to IndexedDB before it is sent, so a
// closed tab loses nothing.

import { HubConnection, HubConnectionBuilder, HubConnectionState, LogLevel } from "@microsoft/signalr";
import { MessagePackHubProtocol } from "@microsoft/signalr-protocol-msgpack";
import type { Actor, Change, RejectReason } from "./model";
import { BoardReplica } from "./replica";
import type { ReplicaStore } from "./store";
import * as wire from "./wire";

export type ConnectionState = "connecting" | "connected" | "reconnecting" | "offline" | "refused";

export interface SyncEvents {
  /** The view changed (local edit, patch, ack, reject or resume). */
  changed(remote: boolean): void;
  state(state: ConnectionState, pending: number): void;
  presence(batch: { entries: wire.PresenceEntry[]; left: string[] }): void;
  rejected(reason: RejectReason): void;
}

const RetryDelaysMs = [0, 1_000, 2_000, 5_000, 10_000];
const GapPatienceMs = 2_000;
const PresenceHeartbeatMs = 15_000;

export class BoardSync {
  readonly replica: BoardReplica;
  private connection: HubConnection;
  private state: ConnectionState = "connecting";
  private attempt = 0;
  private stopped = false;
  private gapTimer: ReturnType<typeof setTimeout> | undefined;
  private presenceTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private lastPresence: wire.PresenceState = { cursor: null, selection: [], drag: [] };
  private presenceSent = "";
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly boardId: string,
    replica: BoardReplica,
    private readonly store: { save(key: string, snapshot: ReturnType<BoardReplica["save"]>): Promise<void> } | null,
    private readonly storeKey: string,
    private readonly events: SyncEvents,
    hubUrl = "/hubs/board",
  ) {
    this.replica = replica;
    this.connection = new HubConnectionBuilder()
      .withUrl(hubUrl)
      .withHubProtocol(new MessagePackHubProtocol())
      .configureLogging(LogLevel.None)
      .build();
    this.connection.on("Resumed", (m) => this.onResumed(m));
    this.connection.on("Patch", (m) => this.onRemote(() => this.replica.receivePatch(wire.patch(m))));
    this.connection.on("Ack", (m) => this.onRemote(() => this.replica.receiveAck(wire.ack(m)), false));
    this.connection.on("Reject", (m) => {
      const reject = wire.reject(m);
      this.onRemote(() => this.replica.receiveReject(reject), false);
      this.events.rejected(reject.reason as RejectReason);
    });
    this.connection.on("PresenceBatch", (m) => this.events.presence(wire.presenceBatch(m)));
    this.connection.on("Incompatible", () => location.reload());
    this.connection.onclose(() => this.onClosed());
  }

  static async create(boardId: string, actor: Actor, store: ReplicaStore | null, storeKey: string, events: SyncEvents): Promise<BoardSync> {
    const saved = store ? await store.load(storeKey).catch(() => null) : null;
    const replica = saved ? BoardReplica.restore(saved, actor) : new BoardReplica(newClientId(), actor);
    return new BoardSync(boardId, replica, store, storeKey, events);
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  start(): void {
    window.addEventListener("offline", () => void this.connection.stop());
    window.addEventListener("online", () => {
      this.attempt = 0;
      void this.connect();
    });
    this.heartbeat = setInterval(() => this.sendPresence(true), PresenceHeartbeatMs);
    void this.connect();
  }

  /** A local edit: applied at once, saved, then sent when connected. The reason when the rules refuse it. */
  edit(changes: Change[]): RejectReason | null {
    const reason = this.replica.edit(changes);
    if (reason === null) this.afterLocal();
    return reason;
  }

  undo(): boolean {
    const done = this.replica.undo();
    if (done) this.afterLocal();
    return done;
  }

  redo(): boolean {
    const done = this.replica.redo();
    if (done) this.afterLocal();
    return done;
  }

  /** Presence at most every PresenceInterval and only when it changed (PR2); lossy, so nothing is queued offline. */
  setPresence(presence: wire.PresenceState): void {
    this.lastPresence = presence;
    if (this.presenceTimer === undefined) {
      this.presenceTimer = setTimeout(() => {
        this.presenceTimer = undefined;
        this.sendPresence(false);
      }, 50);
    }
  }

  /** Resolves when every local change so far is in IndexedDB. */
  flushed(): Promise<void> {
    return this.saving;
  }

  private sendPresence(force: boolean): void {
    const encoded = JSON.stringify(this.lastPresence);
    if (this.state !== "connected" || (!force && encoded === this.presenceSent)) return;
    this.presenceSent = encoded;
    this.connection.send("Presence", this.lastPresence).catch(() => undefined);
  }

  private afterLocal(): void {
    this.events.changed(false);
    this.persist();
    this.flush();
    this.report();
  }

  private persist(): void {
    if (!this.store) return;
    const snapshot = this.replica.save();
    this.saving = this.saving.then(() => this.store!.save(this.storeKey, snapshot)).catch(() => undefined);
  }

  private flush(): void {
    if (this.connection.state !== HubConnectionState.Connected) return;
    for (const push of this.replica.takeOutgoing()) {
      this.connection.send("Push", wire.push(push)).catch(() => undefined);
    }
  }

  private onRemote(apply: () => void, remote = true): void {
    apply();
    this.events.changed(remote);
    this.persist();
    this.watchGap();
    this.report();
  }

  private onResumed(message: Record<string, unknown>): void {
    this.replica.receiveResumed(wire.resumed(message));
    this.attempt = 0;
    this.setState("connected");
    this.events.changed(true);
    this.persist();
    this.flush();
    this.sendPresence(true);
  }

  // A patch after a missing serverSeq waits for the gap to fill; if it lasts, the patch was lost: resume (RS3).
  private watchGap(): void {
    if (!this.replica.hasGap || this.gapTimer !== undefined) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = undefined;
      if (this.replica.hasGap && this.connection.state === HubConnectionState.Connected) void this.resume();
    }, GapPatienceMs);
  }

  private async connect(): Promise<void> {
    if (this.stopped || this.connection.state !== HubConnectionState.Disconnected) return;
    if (!navigator.onLine) {
      this.setState("offline");
      return;
    }
    this.setState(this.attempt === 0 && this.replica.confirmedSeq === 0 ? "connecting" : "reconnecting");
    try {
      await this.connection.start();
    } catch {
      // The connection never opened, so no close event follows: retry from here.
      this.retryLater();
      return;
    }
    // A failed resume closes the connection; its close event retries.
    await this.resume().catch(() => (this.state === "refused" ? undefined : this.connection.stop()));
  }

  private async resume(): Promise<void> {
    try {
      await this.connection.invoke("Resume", { ...this.replica.connect(), boardId: this.boardId });
    } catch (error) {
      if (String(error).includes("Not permitted")) {
        this.stopped = true;
        this.setState("refused");
      }
      throw error;
    }
  }

  private onClosed(): void {
    this.replica.disconnect();
    if (this.stopped) return;
    if (!navigator.onLine) {
      this.setState("offline");
      return;
    }
    this.retryLater();
  }

  private retryLater(): void {
    if (!navigator.onLine) {
      this.setState("offline");
      return;
    }
    this.setState("reconnecting");
    const delay = RetryDelaysMs[Math.min(this.attempt++, RetryDelaysMs.length - 1)];
    setTimeout(() => void this.connect(), delay);
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    this.report();
  }

  private report(): void {
    this.events.state(this.state, this.replica.pendingPushes.length);
  }
}

/** A random client id for this page load (≤ 40 characters, §1). */
export function newClientId(): string {
  return "c" + crypto.randomUUID().replaceAll("-", "");
}
