import { describe, expect, it } from "vitest";
import { between, betweenMany, isValidIndex, repair } from "./fractionalIndex";
import { type Actor, BoardState, type Change, cleanText, RejectReason } from "./model";

const moderator: Actor = { participantId: "m".repeat(32), role: "moderator" };
const alice: Actor = { participantId: "a".repeat(32), role: "participant" };
const observer: Actor = { participantId: "o".repeat(32), role: "observer" };

const at = (parent: string | null, index: string, x = 0, y = 0) => ({ parent, index, x, y });

function board(): BoardState {
  const result = BoardState.empty.tryApply(
    [
      { op: "put", id: "board", kind: "board", props: { votesPerPerson: 2 } },
      { op: "put", id: "tpl-ideas", kind: "frame", props: { placement: at(null, "V"), title: "Ideen", locked: true } },
    ],
    moderator,
  );
  expect(result.reason).toBeNull();
  return result.state;
}

describe("fractional index (BM7)", () => {
  it("orders keys between bounds and never ends in 0", () => {
    let keys = ["V"];
    for (let i = 0; i < 200; i++) keys.push(between(keys[keys.length - 1], null));
    for (let i = 0; i < 200; i++) keys.unshift(between(null, keys[0]));
    for (let i = 0; i < 40; i++) keys.splice(1, 0, between(keys[0], keys[1]));
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every(isValidIndex)).toBe(true);
  });

  it("gives the keys FractionalIndex.cs gives (short appends, bisection)", () => {
    expect(between(null, null)).toBe("1");
    expect(between("1", "2")).toBe("11");
    expect(between(null, "1")).toBe("0z");
    expect(between("z", null)).toBe("z1");
    expect(betweenMany(null, null, 4)).toEqual(["0z", "1", "2", "3"]);
  });

  it("repairs duplicates in (index, id) order, keeping the first", () => {
    const fixed = repair([["b", "V"], ["a", "V"], ["c", "W"]]);
    expect(fixed.map(([id]) => id)).toEqual(["b"]);
    expect(fixed[0][1] > "V" && fixed[0][1] < "W").toBe(true);
  });
});

describe("board model", () => {
  it("BM2 sets properties one by one and reports only what changed", () => {
    let state = board();
    const put = state.tryApply([{ op: "put", id: "n1", kind: "sticky", props: { placement: at("tpl-ideas", "V", 10, 10), text: "Brot" } }], alice);
    expect(put.reason).toBeNull();
    state = put.state;
    const update = state.tryApply([{ op: "update", id: "n1", props: { text: "Brot", colour: "blue" } }], alice);
    expect(update.patch).toEqual([{ op: "update", id: "n1", props: { colour: "blue" } }]);
    expect(update.state.get("n1")!.props.text).toBe("Brot");
  });

  it("PU1 rejects the whole push on the first failing change", () => {
    const state = board();
    const result = state.tryApply(
      [
        { op: "put", id: "n1", kind: "sticky", props: { placement: at(null, "V"), text: "ok" } },
        { op: "put", id: "n2", kind: "sticky", props: { placement: at("nowhere", "V") } },
      ],
      alice,
    );
    expect(result.reason).toBe(RejectReason.ParentMissing);
    expect(result.state.get("n1")).toBeUndefined();
  });

  it("AZ3 keeps participants off locked records, AZ4 off the settings, AZ2 observers off everything", () => {
    const state = board();
    expect(state.tryApply([{ op: "update", id: "tpl-ideas", props: { title: "Mine" } }], alice).reason).toBe(RejectReason.RecordLocked);
    expect(state.tryApply([{ op: "update", id: "board", props: { voteState: "open" } }], alice).reason).toBe(RejectReason.NotPermitted);
    expect(state.tryApply([{ op: "put", id: "n1", kind: "sticky", props: { placement: at(null, "V") } }], observer).reason).toBe(RejectReason.NotPermitted);
    expect(state.tryApply([{ op: "update", id: "tpl-ideas", props: { title: "Ideen!" } }], moderator).reason).toBeNull();
  });

  it("BM5 cascades deletes to children, connectors and votes, in ordinal order", () => {
    let state = board();
    state = state.tryApply([{ op: "update", id: "board", props: { voteState: "open" } }], moderator).state;
    const changes: Change[] = [
      { op: "put", id: "f", kind: "frame", props: { placement: at(null, "X") } },
      { op: "put", id: "n2", kind: "sticky", props: { placement: at("f", "V") } },
      { op: "put", id: "n1", kind: "sticky", props: { placement: at(null, "Y") } },
      { op: "put", id: "c", kind: "connector", props: { from: "n1", to: "n2" } },
      { op: "put", id: `vote:${alice.participantId}:n2`, kind: "vote", props: { voter: alice.participantId, target: "n2" } },
    ];
    state = state.tryApply(changes, alice).state;
    const deleted = state.tryApply([{ op: "delete", id: "f" }], alice);
    expect(deleted.patch.map((c) => c.id)).toEqual(["f", "c", "n2", `vote:${alice.participantId}:n2`]);
  });

  it("BM8/AZ5 votes: only while open, only one's own, within the limit", () => {
    let state = board();
    const vote = (target: string, actor = alice): Change => ({ op: "put", id: `vote:${actor.participantId}:${target}`, kind: "vote", props: { voter: actor.participantId, target } });
    state = state.tryApply(["a", "b", "c"].map((id, i) => ({ op: "put", id, kind: "sticky", props: { placement: at(null, "VWX"[i]) } })), alice).state;
    expect(state.tryApply([vote("a")], alice).reason).toBe(RejectReason.VotingClosed);
    state = state.tryApply([{ op: "update", id: "board", props: { voteState: "open" } }], moderator).state;
    expect(state.tryApply([vote("a", moderator)], alice).reason).toBe(RejectReason.NotPermitted);
    state = state.tryApply([vote("a"), vote("b")], alice).state;
    expect(state.tryApply([vote("c")], alice).reason).toBe(RejectReason.VoteLimitReached);
    expect(state.tryApply([vote("a")], alice).patch).toEqual([]);
  });

  it("AZ6 a frozen board refuses everything but the moderator unfreezing it", () => {
    let state = board().tryApply([{ op: "update", id: "board", props: { frozen: true } }], moderator).state;
    expect(state.tryApply([{ op: "put", id: "n1", kind: "sticky", props: { placement: at(null, "V") } }], alice).reason).toBe(RejectReason.BoardFrozen);
    expect(state.tryApply([{ op: "update", id: "board", props: { voteState: "open" } }], moderator).reason).toBe(RejectReason.BoardFrozen);
    state = state.tryApply([{ op: "update", id: "board", props: { frozen: false } }], moderator).state;
    expect(state.isFrozen).toBe(false);
  });

  it("BM9 rejects hostile text and cleans it before pushing", () => {
    const state = board();
    const hostile = "a\u202Eb\u0007c\r\nd";
    expect(state.tryApply([{ op: "put", id: "n1", kind: "sticky", props: { placement: at(null, "V"), text: hostile } }], alice).reason).toBe(RejectReason.TextInvalid);
    expect(cleanText(hostile, 2000)).toBe("abc\nd");
    expect(state.tryApply([{ op: "put", id: "n1", kind: "sticky", props: { placement: at(null, "V"), text: "x".repeat(2001) } }], alice).reason).toBe(RejectReason.TextTooLong);
  });

  it("AU1 stamps created records with the pusher, whatever the push carried; a put over a record keeps its author", () => {
    const state = board();
    const forged: Change = { op: "put", id: "n1", kind: "sticky", props: { placement: at(null, "W"), author: "b".repeat(32) } };
    const created = state.tryApply([forged, { op: "put", id: "f", kind: "frame", props: { placement: at(null, "X"), author: "not an id!" } }], alice);
    expect(created.patch[0].props!.author).toBe(alice.participantId);
    expect(created.state.get("f")!.props.author).toBe(alice.participantId);
    expect(state.get("tpl-ideas")!.props.author).toBe(moderator.participantId);
    const again = created.state.tryApply([{ ...forged, props: { placement: at(null, "W"), text: "Holz" } }], moderator);
    expect(again.patch).toEqual([{ op: "update", id: "n1", props: { text: "Holz" } }]);
    expect(again.state.get("n1")!.props.author).toBe(alice.participantId);
  });

  it("AU2 refuses an update that sets or resets the author, even the moderator's; a vote has no author", () => {
    const state = board().tryApply([{ op: "put", id: "n1", kind: "sticky", props: { placement: at(null, "W") } }], alice).state;
    expect(state.tryApply([{ op: "update", id: "n1", props: { author: alice.participantId } }], alice).reason).toBe(RejectReason.NotPermitted);
    expect(state.tryApply([{ op: "update", id: "n1", props: { author: null } }], moderator).reason).toBe(RejectReason.NotPermitted);
    const open = state.tryApply([{ op: "update", id: "board", props: { voteState: "open" } }], moderator).state;
    const vote: Change = { op: "put", id: `vote:${alice.participantId}:n1`, kind: "vote", props: { voter: alice.participantId, target: "n1", author: alice.participantId } };
    expect(open.tryApply([vote], alice).reason).toBe(RejectReason.Malformed);
  });

  it("BM10 rejects unknown properties and bad choices; BM7 repairs duplicate indices in the patch", () => {
    const state = board();
    expect(state.tryApply([{ op: "put", id: "n1", kind: "sticky", props: { placement: at(null, "V"), secret: "x" } }], alice).reason).toBe(RejectReason.Malformed);
    expect(state.tryApply([{ op: "put", id: "n1", kind: "sticky", props: { placement: at(null, "V"), colour: "red" } }], alice).reason).toBe(RejectReason.Malformed);
    const twins = state.tryApply(
      [
        { op: "put", id: "n1", kind: "sticky", props: { placement: at(null, "W") } },
        { op: "put", id: "n2", kind: "sticky", props: { placement: at(null, "W") } },
      ],
      alice,
    );
    expect(twins.patch[2]).toMatchObject({ op: "update", id: "n2" });
    const indices = twins.state.childrenOf(null).map((r) => (r.props.placement as { index: string }).index);
    expect(new Set(indices).size).toBe(indices.length);
  });
});
