import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { type Actor, BoardState, type Change, placementOf } from "./model";
import { type AckMessage, BoardReplica, type PatchMessage, type PushMessage, type RejectMessage, type ResumedMessage } from "./replica";
import { ReplicaStore, replicaKey } from "./store";

const moderator: Actor = { participantId: "m".repeat(32), role: "moderator" };
const alice: Actor = { participantId: "a".repeat(32), role: "participant" };
const bob: Actor = { participantId: "b".repeat(32), role: "participant" };

/**
 * A small model of the server side (BoardAuthority): orders pushes, applies them with the same rules, remembers
 * applied (clientId, clientSeq) for re-acks (ID1), rejects stale repeats (ID3), and answers resumes with patches.
 */
class Server {
  state = BoardState.empty;
  log: PatchMessage[] = [];
  private applied = new Map<string, number>();
  private highest = new Map<string, number>();

  push(message: PushMessage, actor: Actor): { ack?: AckMessage; reject?: RejectMessage; patch?: PatchMessage } {
    const key = `${message.clientId}:${message.clientSeq}`;
    const known = this.applied.get(key);
    if (known !== undefined) return { ack: { clientSeq: message.clientSeq, serverSeq: known, changes: this.log[known - 1].changes } };
    if (message.clientSeq <= (this.highest.get(message.clientId) ?? 0)) return { reject: { clientSeq: message.clientSeq, reason: 16 } };
    const result = this.state.tryApply(message.changes, actor);
    if (result.reason !== null) return { reject: { clientSeq: message.clientSeq, reason: result.reason } };
    this.state = result.state;
    const patch: PatchMessage = { serverSeq: this.log.length + 1, clientId: message.clientId, clientSeq: message.clientSeq, changes: result.patch };
    this.log.push(patch);
    this.applied.set(key, patch.serverSeq);
    this.highest.set(message.clientId, message.clientSeq);
    const same = JSON.stringify(result.patch) === JSON.stringify(message.changes);
    return { ack: { clientSeq: message.clientSeq, serverSeq: patch.serverSeq, changes: same ? null : result.patch }, patch };
  }

  resume(lastServerSeq: number, snapshot: boolean): ResumedMessage {
    return snapshot || lastServerSeq === 0
      ? { serverSeq: this.log.length, patches: null, snapshot: this.state.all }
      : { serverSeq: this.log.length, patches: this.log.slice(lastServerSeq), snapshot: null };
  }
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sticky = (id: string, index: string, text = ""): Change => ({ op: "put", id, kind: "sticky", props: { placement: { parent: null, index, x: 0, y: 0 }, text } });

describe("replica (CR1–CR4, RS3–RS5)", () => {
  it("CR1 refuses an edit the rules reject and never queues it", () => {
    const replica = new BoardReplica("c1", alice);
    replica.receiveResumed({ serverSeq: 0, patches: [], snapshot: [] });
    expect(replica.edit([{ op: "put", id: "board", kind: "board", props: {} }])).toBe(8);
    expect(replica.pendingPushes).toHaveLength(0);
  });

  it("CR2 rebases pending edits on a remote patch; the later server order wins (BM3)", () => {
    const replica = new BoardReplica("c1", alice);
    replica.receiveResumed({ serverSeq: 1, patches: null, snapshot: [{ id: "n", kind: "sticky", props: { placement: { parent: null, index: "V", x: 0, y: 0 }, text: "a" } }] });
    replica.edit([{ op: "update", id: "n", props: { text: "mine" } }]);
    replica.receivePatch({ serverSeq: 2, clientId: "other", clientSeq: 1, changes: [{ op: "update", id: "n", props: { text: "theirs", colour: "blue" } }] });
    expect(replica.view.get("n")!.props).toMatchObject({ text: "mine", colour: "blue" });
    replica.receiveAck({ clientSeq: 1, serverSeq: 3, changes: null });
    expect(replica.pendingPushes).toHaveLength(0);
    expect(replica.confirmed.get("n")!.props.text).toBe("mine");
  });

  it("RS3 holds a patch after a gap until the gap is filled", () => {
    const replica = new BoardReplica("c1", alice);
    replica.receiveResumed({ serverSeq: 0, patches: [], snapshot: null });
    replica.receivePatch({ serverSeq: 2, clientId: "o", clientSeq: 2, changes: [sticky("n2", "W")] });
    expect(replica.hasGap).toBe(true);
    expect(replica.view.get("n2")).toBeUndefined();
    replica.receivePatch({ serverSeq: 1, clientId: "o", clientSeq: 1, changes: [sticky("n1", "V")] });
    expect(replica.hasGap).toBe(false);
    expect(replica.confirmedSeq).toBe(2);
  });

  it("RS4 re-sends every pending push after a resume, in order, with its clientSeq; CR3 drops a rejected one", () => {
    const replica = new BoardReplica("c1", alice);
    replica.connect();
    replica.edit([sticky("n1", "V")]);
    replica.edit([sticky("n2", "W")]);
    expect(replica.takeOutgoing()).toEqual([]);
    replica.receiveResumed({ serverSeq: 0, patches: [], snapshot: null });
    expect(replica.takeOutgoing().map((p) => p.clientSeq)).toEqual([1, 2]);
    expect(replica.takeOutgoing()).toEqual([]);
    replica.connect();
    replica.receiveResumed({ serverSeq: 1, patches: [{ serverSeq: 1, clientId: "c1", clientSeq: 1, changes: [sticky("n1", "V")] }], snapshot: null });
    expect(replica.takeOutgoing().map((p) => p.clientSeq)).toEqual([2]);
    replica.receiveReject({ clientSeq: 2, reason: 9 });
    expect(replica.view.get("n2")).toBeUndefined();
  });

  it("CR4 undo sets back only one's own values and leaves someone else's later edit", () => {
    const replica = new BoardReplica("c1", alice);
    replica.receiveResumed({ serverSeq: 0, patches: [], snapshot: null });
    replica.edit([sticky("n1", "V", "first")]);
    replica.edit([{ op: "update", id: "n1", props: { text: "second", colour: "pink" } }]);
    replica.receiveAck({ clientSeq: 1, serverSeq: 1, changes: null });
    replica.receiveAck({ clientSeq: 2, serverSeq: 2, changes: null });
    replica.receivePatch({ serverSeq: 3, clientId: "o", clientSeq: 1, changes: [{ op: "update", id: "n1", props: { text: "theirs" } }] });
    expect(replica.undo()).toBe(true);
    expect(replica.view.get("n1")!.props).toMatchObject({ text: "theirs" });
    expect(replica.view.get("n1")!.props.colour).toBeUndefined();
    expect(replica.redo()).toBe(true);
    expect(replica.view.get("n1")!.props.colour).toBe("pink");
  });

  it("AU5 stamps its own puts, so the server's ack carries nothing; AU3 an undone delete is the re-creator's", () => {
    const server = new Server();
    const replica = new BoardReplica("c1", alice);
    replica.receiveResumed(server.resume(0, true));
    replica.edit([{ ...sticky("n1", "V", "Holz"), props: { ...sticky("n1", "V", "Holz").props, author: bob.participantId } }]);
    const [push] = replica.takeOutgoing();
    expect(push.changes[0].props!.author).toBe(alice.participantId);
    const { ack } = server.push(push, alice);
    expect(ack!.changes).toBeNull();
    replica.receiveAck(ack!);

    const other = new BoardReplica("c2", bob);
    other.receiveResumed(server.resume(0, true));
    other.edit([{ op: "delete", id: "n1" }]);
    expect(other.undo()).toBe(true);
    for (const message of other.takeOutgoing()) server.push(message, bob);
    expect(server.state.get("n1")!.props).toMatchObject({ text: "Holz", author: bob.participantId });
  });

  it("keeps pending edits in IndexedDB and sends them from a restored replica", async () => {
    const server = new Server();
    const store = await ReplicaStore.open();
    const key = replicaKey("board-1", alice.participantId);
    const first = new BoardReplica("c1", alice);
    first.connect();
    first.receiveResumed(server.resume(0, false));
    first.edit([sticky("offline-note", "V", "written offline")]);
    await store.save(key, first.save());

    const saved = await store.load(key);
    expect(saved?.pending).toHaveLength(1);
    const restored = BoardReplica.restore(saved!, alice);
    expect(restored.view.get("offline-note")!.props.text).toBe("written offline");
    restored.connect();
    restored.receiveResumed(server.resume(restored.confirmedSeq, false));
    for (const push of restored.takeOutgoing()) restored.receiveAck(server.push(push, alice).ack!);
    expect(server.state.get("offline-note")!.props.text).toBe("written offline");
    expect(restored.pendingPushes).toHaveLength(0);
    expect(await store.load("board-1:someone-else")).toBeNull();
    store.close();
  });
});

describe("seeded simulation (mirrors SyncSimulationTests at small scale)", () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`seed ${seed}: random edits, reordered and duplicated deliveries, disconnects and resumes converge`, () => {
      const random = seeded(seed);
      const pick = <T,>(items: T[]): T => items[Math.floor(random() * items.length)];
      const server = new Server();
      server.push({ clientId: "system", clientSeq: 1, changes: [{ op: "put", id: "board", kind: "board", props: { voteState: "open" } }, { op: "put", id: "f", kind: "frame", props: { placement: { parent: null, index: "V", x: 0, y: 0 } } }] }, moderator);
      const clients = [moderator, alice, bob].map((actor, i) => ({ actor, replica: new BoardReplica(`c${i}`, actor), inbox: [] as (() => void)[], online: false }));
      const acknowledged: { clientId: string; clientSeq: number; serverSeq: number }[] = [];
      const deliver = (client: (typeof clients)[number], push: PushMessage) => {
        const answer = server.push(push, client.actor);
        if (answer.ack) {
          if (!answer.reject) acknowledged.push({ clientId: push.clientId, clientSeq: push.clientSeq, serverSeq: answer.ack.serverSeq });
          const ack = answer.ack;
          client.inbox.push(() => client.replica.receiveAck(ack));
        }
        if (answer.reject) {
          const reject = answer.reject;
          client.inbox.push(() => client.replica.receiveReject(reject));
        }
        if (answer.patch) {
          const patch = answer.patch;
          for (const other of clients) if (other !== client && other.online) other.inbox.push(() => other.replica.receivePatch(patch));
        }
      };
      const resume = (client: (typeof clients)[number]) => {
        client.inbox = [];
        client.online = true;
        const message = client.replica.connect();
        client.replica.receiveResumed(server.resume(message.lastServerSeq, random() < 0.3));
      };
      clients.forEach(resume);

      for (let step = 0; step < 300; step++) {
        const client = pick(clients);
        const { replica } = client;
        const roll = random();
        const notes = replica.view.all.filter((r) => r.kind === "sticky");
        if (roll < 0.25) {
          replica.edit([sticky(`n${seed}-${step}`, replica.view.topIndex(null), `t${step}`)]);
        } else if (roll < 0.4 && notes.length) {
          replica.edit([{ op: "update", id: pick(notes).id, props: { text: `u${step}`, colour: pick(["blue", "pink", "green"]) } }]);
        } else if (roll < 0.47 && notes.length) {
          const note = pick(notes);
          replica.edit([{ op: "update", id: note.id, props: { placement: { ...placementOf(note)!, parent: random() < 0.5 ? "f" : null } } }]);
        } else if (roll < 0.52 && notes.length) {
          replica.edit([{ op: "delete", id: pick(notes).id }]);
        } else if (roll < 0.57 && notes.length) {
          const target = pick(notes).id;
          replica.edit([{ op: "put", id: `vote:${client.actor.participantId}:${target}`, kind: "vote", props: { voter: client.actor.participantId, target } }]);
        } else if (roll < 0.62) {
          replica.undo();
        } else if (roll < 0.65) {
          replica.redo();
        } else if (roll < 0.7) {
          // Disconnect: queued answers are lost; a push already on the way may still arrive late.
          const inFlight = client.online ? replica.takeOutgoing() : [];
          client.online = false;
          client.inbox = [];
          replica.disconnect();
          for (const push of inFlight) if (random() < 0.5) server.push(push, client.actor);
        } else if (roll < 0.75 && !client.online) {
          resume(client);
        }
        if (client.online) {
          for (const push of replica.takeOutgoing()) {
            deliver(client, push);
            if (random() < 0.1) deliver(client, push); // a duplicate send (ID1)
          }
        }
        // Deliver some queued messages, sometimes out of order (RS3).
        for (const c of clients) {
          while (c.inbox.length && random() < 0.6) {
            const at = random() < 0.2 ? Math.floor(random() * c.inbox.length) : 0;
            c.inbox.splice(at, 1)[0]();
          }
        }
      }
      // Everyone comes back and settles.
      for (let round = 0; round < 10; round++) {
        for (const c of clients) {
          if (!c.online || c.replica.hasGap) resume(c);
          for (const push of c.replica.takeOutgoing()) deliver(c, push);
        }
        for (const c of clients) while (c.inbox.length) c.inbox.shift()!();
      }
      for (const c of clients) {
        resume(c);
        expect(c.replica.pendingPushes).toHaveLength(0);
        expect(c.replica.confirmed.equals(server.state)).toBe(true);
        expect(c.replica.view.equals(server.state)).toBe(true);
      }
      for (const ack of acknowledged) {
        const entry = server.log[ack.serverSeq - 1];
        expect([entry.clientId, entry.clientSeq]).toEqual([ack.clientId, ack.clientSeq]);
      }
    });
  }
});
