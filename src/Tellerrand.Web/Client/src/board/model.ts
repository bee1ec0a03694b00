// The board model of docs/board-protocol.md, mirrored from src/Tellerrand.Boards (BoardSchema, BoardState,
// PushApplication, BoardText, WireSize). The client validates its own edits with the server's rules (CR1) and applies
// server patches to its confirmed state (CR2), so both must give the same results; the C# library stays the reference.

import { between, isValidIndex, repair } from "./fractionalIndex";

export const Limits = {
  protocolVersion: 3,
  maxMessageBytes: 65_536,
  maxChangesPerPush: 200,
  maxTextLength: 2_000,
  maxTitleLength: 200,
  maxIdLength: 100,
  maxIndexLength: 64,
  maxRecordsPerBoard: 5_000,
  maxCoordinate: 1_000_000,
  minExtent: 10,
  maxExtent: 100_000,
  maxVotesPerPerson: 20,
  defaultVotesPerPerson: 3,
  presenceIntervalMs: 50,
  maxSelection: 100,
} as const;

/** §3 reject reasons, by their wire value. */
export enum RejectReason {
  Malformed = 1,
  UnknownRecordKind = 2,
  TextTooLong = 3,
  TooManyChanges = 4,
  Oversized = 5,
  RecordLocked = 6,
  BoardFrozen = 7,
  NotPermitted = 8,
  ParentMissing = 9,
  CycleInParents = 10,
  ReferenceMissing = 11,
  VotingClosed = 12,
  VoteLimitReached = 13,
  TextInvalid = 14,
  BoardFull = 15,
  Stale = 16,
  ResultsFinal = 17,
}

export type Role = "observer" | "participant" | "moderator";

export interface Actor {
  participantId: string;
  role: Role;
}

export interface Placement {
  parent: string | null;
  index: string;
  x: number;
  y: number;
}

export type Value = string | number | boolean | Placement;

/** Properties of a record (never null) or of a change (null resets a property to its default). */
export type Props = Record<string, Value | null>;

export interface BoardRecord {
  id: string;
  kind: string;
  props: Record<string, Value>;
}

export interface Change {
  op: "put" | "update" | "delete";
  id: string;
  kind?: string;
  props?: Props;
}

type PropertyType = "text" | "choice" | "number" | "flag" | "ref" | "placement";

interface PropertySpec {
  type: PropertyType;
  required?: boolean;
  default?: Value;
  maxLength?: number;
  min?: number;
  max?: number;
  choices?: readonly string[];
}

export const SettingsId = "board";
export const Colours = ["yellow", "orange", "pink", "green", "blue", "purple", "grey"] as const;
export const Sizes = ["s", "m", "l"] as const;
export const VoteStates = ["idle", "open", "revealed"] as const;

const placement: PropertySpec = { type: "placement", required: true };
const locked: PropertySpec = { type: "flag", default: false };
const size: PropertySpec = { type: "choice", default: "m", choices: Sizes };
const text: PropertySpec = { type: "text", default: "", maxLength: Limits.maxTextLength };
// Stamped by the server on the put that creates the record (AU1); absent means no author.
const author: PropertySpec = { type: "ref" };

interface KindSpec {
  placed: boolean;
  props: Record<string, PropertySpec>;
}

export const Kinds: Record<string, KindSpec> = {
  sticky: { placed: true, props: { placement, text, size, locked, author, colour: { type: "choice", default: "yellow", choices: Colours } } },
  text: { placed: true, props: { placement, text, size, locked, author } },
  frame: {
    placed: true,
    props: {
      placement,
      locked,
      author,
      title: { type: "text", default: "", maxLength: Limits.maxTitleLength },
      width: { type: "number", default: 800, min: Limits.minExtent, max: Limits.maxExtent },
      height: { type: "number", default: 600, min: Limits.minExtent, max: Limits.maxExtent },
    },
  },
  connector: {
    placed: false,
    props: {
      locked,
      author,
      from: { type: "ref", required: true },
      to: { type: "ref", required: true },
      label: { type: "text", default: "", maxLength: Limits.maxTitleLength },
    },
  },
  vote: { placed: false, props: { voter: { type: "ref", required: true }, target: { type: "ref", required: true } } },
  board: {
    placed: false,
    props: {
      frozen: { type: "flag", default: false },
      voteState: { type: "choice", default: "idle", choices: VoteStates },
      votesPerPerson: { type: "number", default: Limits.defaultVotesPerPerson, min: 1, max: Limits.maxVotesPerPerson },
      timerEndsAt: { type: "number", min: 0, max: 1e15 },
      gatherTarget: { type: "ref" },
      gatherAt: { type: "number", min: 0, max: 1e15 },
    },
  },
};

export function voteId(voter: string, target: string): string {
  return `vote:${voter}:${target}`;
}

function hasAuthor(kind: string): boolean {
  return Object.hasOwn(Kinds, kind) && "author" in Kinds[kind].props;
}

/** BoardSchema.StampAuthor: the puts stamped as the server will stamp them (AU1), so the usual ack carries nothing (AU5). */
export function stampAuthor(changes: readonly Change[], participantId: string): Change[] {
  return changes.map((c) => (c.op === "put" && c.props && typeof c.kind === "string" && hasAuthor(c.kind) ? { ...c, props: { ...c.props, author: participantId } } : c));
}

export function isValidId(id: unknown): id is string {
  return typeof id === "string" && id.length > 0 && id.length <= Limits.maxIdLength && /^[A-Za-z0-9_:-]+$/.test(id);
}

/** A property's value, or the kind's default when it is not set. */
export function get(record: BoardRecord, name: string): Value | undefined {
  return record.props[name] ?? Kinds[record.kind]?.props[name]?.default;
}

export function textOf(record: BoardRecord, name: string): string {
  const value = get(record, name);
  return typeof value === "string" ? value : "";
}

export function placementOf(record: BoardRecord): Placement | undefined {
  const value = record.props.placement;
  return typeof value === "object" ? value : undefined;
}

export function isLocked(record: BoardRecord): boolean {
  return record.props.locked === true;
}

export function valueEquals(a: Value | null | undefined, b: Value | null | undefined): boolean {
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    return a.parent === b.parent && a.index === b.index && a.x === b.x && a.y === b.y;
  }
  return (a ?? null) === (b ?? null);
}

export function recordEquals(a: BoardRecord | undefined, b: BoardRecord | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.id !== b.id || a.kind !== b.kind) return false;
  const names = Object.keys(a.props);
  return names.length === Object.keys(b.props).length && names.every((n) => valueEquals(a.props[n], b.props[n]));
}

// BM9: tab and line feed are what people type; other control characters, unpaired surrogates and bidi overrides are not.
function isForbidden(code: number): boolean {
  return (
    ((code < 0x20 || (code >= 0x7f && code <= 0x9f)) && code !== 0x09 && code !== 0x0a) ||
    (code >= 0xd800 && code <= 0xdfff) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** BoardText.Check: null when the text is acceptable. */
export function checkText(value: string, maxLength: number): RejectReason | null {
  if (value.length > maxLength) return RejectReason.TextTooLong;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (isHigh(c) && i + 1 < value.length && isLow(value.charCodeAt(i + 1))) {
      i++;
      continue;
    }
    if (isForbidden(c)) return RejectReason.TextInvalid;
  }
  return null;
}

/** BoardText.Clean: what the client pushes instead of what was typed (BM9). */
export function cleanText(value: string, maxLength: number): string {
  let out = "";
  for (let i = 0; i < value.length && out.length < maxLength; i++) {
    const c = value.charCodeAt(i);
    if (isHigh(c) && i + 1 < value.length && isLow(value.charCodeAt(i + 1))) {
      if (out.length + 2 > maxLength) break;
      out += value[i] + value[i + 1];
      i++;
    } else if (c === 0x0d) {
      out += "\n";
      if (value.charCodeAt(i + 1) === 0x0a) i++;
    } else if (!isForbidden(c)) {
      out += value[i];
    }
  }
  return out;
}

const utf8 = new TextEncoder();
const sizeOf = (s: string | null | undefined) => 5 + (s == null ? 0 : utf8.encode(s).length);

/** WireSize.Estimate: an upper bound of the push's MessagePack size (PU3). */
export function estimateSize(changes: readonly Change[]): number {
  let total = 5;
  for (const change of changes) {
    total += 32 + sizeOf(change.id) + sizeOf(change.kind);
    for (const [name, value] of Object.entries(change.props ?? {})) {
      total += sizeOf(name);
      if (typeof value === "string") total += sizeOf(value);
      else if (typeof value === "number") total += 9;
      else if (typeof value === "object" && value !== null) total += 24 + sizeOf(value.parent) + sizeOf(value.index) + 18;
      else total += 1;
    }
  }
  return total;
}

function checkValue(spec: PropertySpec, value: Value): RejectReason | null {
  switch (spec.type) {
    case "text":
      return typeof value === "string" ? checkText(value, spec.maxLength!) : RejectReason.Malformed;
    case "choice":
      return typeof value === "string" && spec.choices!.includes(value) ? null : RejectReason.Malformed;
    case "number":
      return typeof value === "number" && Number.isFinite(value) && value >= spec.min! && value <= spec.max! ? null : RejectReason.Malformed;
    case "flag":
      return typeof value === "boolean" ? null : RejectReason.Malformed;
    case "ref":
      return isValidId(value) ? null : RejectReason.Malformed;
    case "placement":
      return typeof value === "object" &&
        (value.parent === null || isValidId(value.parent)) &&
        isValidIndex(value.index) &&
        isCoordinate(value.x) &&
        isCoordinate(value.y)
        ? null
        : RejectReason.Malformed;
  }
}

const isCoordinate = (v: number) => typeof v === "number" && Number.isFinite(v) && Math.abs(v) <= Limits.maxCoordinate;

const ordinal = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function withoutNulls(props: Props): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const [name, value] of Object.entries(props)) if (value !== null && value !== undefined) out[name] = value;
  return out;
}

function merge(current: Record<string, Value>, changes: Props): Record<string, Value> {
  const merged = { ...current };
  for (const [name, value] of Object.entries(changes)) {
    if (value === null || value === undefined) delete merged[name];
    else merged[name] = value;
  }
  return merged;
}

export type ApplyResult = { state: BoardState; patch: Change[]; reason: null } | { state: BoardState; patch: []; reason: RejectReason };

/** The records of one board; immutable, like the C# BoardState. */
export class BoardState {
  static readonly empty = new BoardState(new Map());

  private constructor(private readonly records: ReadonlyMap<string, BoardRecord>) {}

  static fromRecords(records: Iterable<BoardRecord>): BoardState {
    return new BoardState(new Map([...records].map((r) => [r.id, r])));
  }

  get count(): number {
    return this.records.size;
  }

  /** All records in ordinal id order. */
  get all(): BoardRecord[] {
    return [...this.records.values()].sort((a, b) => ordinal(a.id, b.id));
  }

  get(id: string): BoardRecord | undefined {
    return this.records.get(id);
  }

  get settings(): BoardRecord | undefined {
    return this.records.get(SettingsId);
  }

  get isFrozen(): boolean {
    return this.settings?.props.frozen === true;
  }

  get voteState(): string {
    return this.settings ? textOf(this.settings, "voteState") : "idle";
  }

  get votesPerPerson(): number {
    return (this.settings && (get(this.settings, "votesPerPerson") as number)) || Limits.defaultVotesPerPerson;
  }

  /** Children of a parent frame (null: the board), bottom to top. */
  childrenOf(parent: string | null): BoardRecord[] {
    return [...this.records.values()]
      .filter((r) => placementOf(r)?.parent === parent)
      .sort((a, b) => ordinal(placementOf(a)!.index, placementOf(b)!.index) || ordinal(a.id, b.id));
  }

  /** A fractional index above every child of the parent: where a new record goes so that it is drawn on top. */
  topIndex(parent: string | null): string {
    const children = this.childrenOf(parent);
    return between(children.length ? placementOf(children[children.length - 1])!.index : null, null);
  }

  equals(other: BoardState): boolean {
    return other.count === this.count && [...this.records.values()].every((r) => recordEquals(r, other.get(r.id)));
  }

  /** BoardState.TryApply: validates the push as the server would for this actor and applies it (PU1–PU4). */
  tryApply(changes: readonly Change[], actor: Actor): ApplyResult {
    const reject = (reason: RejectReason): ApplyResult => ({ state: this, patch: [], reason });
    if (changes.length === 0 || changes.length > Limits.maxChangesPerPush) return reject(RejectReason.TooManyChanges);
    if (estimateSize(changes) > Limits.maxMessageBytes) return reject(RejectReason.Oversized);
    const wasFrozen = this.isFrozen;
    if (wasFrozen && (actor.role !== "moderator" || changes.some((c) => c.id !== SettingsId))) return reject(RejectReason.BoardFrozen);
    if (actor.role === "observer") return reject(RejectReason.NotPermitted);
    const push = new PushApplication(new Map(this.records), actor);
    for (const change of changes) {
      const reason = push.apply(change);
      if (reason !== null) return reject(reason);
    }
    push.repairIndices();
    if (push.records.size > Limits.maxRecordsPerBoard) return reject(RejectReason.BoardFull);
    const next = new BoardState(push.records);
    if (wasFrozen && next.isFrozen) return reject(RejectReason.BoardFrozen);
    return { state: next, patch: push.patch, reason: null };
  }

  /** BoardState.ApplyPatch: a server patch, applied without validation (the patch lists cascades itself). */
  applyPatch(patch: readonly Change[]): BoardState {
    const records = new Map(this.records);
    for (const change of patch) {
      if (change.op === "put") records.set(change.id, { id: change.id, kind: change.kind!, props: withoutNulls(change.props ?? {}) });
      else if (change.op === "update") {
        const existing = records.get(change.id);
        if (existing) records.set(change.id, { ...existing, props: merge(existing.props, change.props ?? {}) });
      } else records.delete(change.id);
    }
    return new BoardState(records);
  }
}

/** PushApplication: one push, change by change, in the check order of PU4. */
class PushApplication {
  readonly patch: Change[] = [];
  private readonly touched = new Set<string>();

  constructor(
    readonly records: Map<string, BoardRecord>,
    private readonly actor: Actor,
  ) {}

  private get isModerator() {
    return this.actor.role === "moderator";
  }

  apply(change: Change): RejectReason | null {
    if (!change || !isValidId(change.id)) return RejectReason.Malformed;
    switch (change.op) {
      case "put":
        return this.put(change);
      case "update":
        return this.update(change);
      case "delete":
        return this.delete(change.id);
      default:
        return RejectReason.Malformed;
    }
  }

  private put(change: Change): RejectReason | null {
    if (typeof change.kind !== "string" || !change.props) return RejectReason.Malformed;
    const kind = Kinds[change.kind];
    if (!kind || !Object.hasOwn(Kinds, change.kind)) return RejectReason.UnknownRecordKind;
    const existing = this.records.get(change.id);
    const props = this.stampAuthor(change.kind, withoutNulls(change.props), existing);
    const shape = this.checkShape(kind, props);
    if (shape !== null) return shape;
    if ((change.id === SettingsId) !== (change.kind === "board")) return RejectReason.Malformed;
    if (Object.entries(kind.props).some(([name, spec]) => spec.required && props[name] === undefined)) return RejectReason.Malformed;
    if (existing && existing.kind !== change.kind) return RejectReason.Malformed;
    if (change.kind === "vote" && change.id !== voteId(props.voter as string, props.target as string)) return RejectReason.Malformed;
    const permission = this.checkPermission(change.kind, props, existing) ?? this.checkVoteCast(change.kind, props);
    if (permission !== null) return permission;
    if (existing && isLocked(existing) && !this.isModerator) return RejectReason.RecordLocked;
    const missing = this.checkReferences(change.id, change.kind, props);
    if (missing !== null) return missing;
    if (existing) {
      this.setProperties(existing, props);
      return null;
    }
    const created: BoardRecord = { id: change.id, kind: change.kind, props };
    this.records.set(change.id, created);
    this.patch.push({ op: "put", id: created.id, kind: created.kind, props: { ...props } });
    this.touch(placementOf(created));
    return change.kind === "vote" ? this.checkVoteLimit(props.voter as string) : null;
  }

  private update(change: Change): RejectReason | null {
    if (!change.props || Object.keys(change.props).length === 0) return RejectReason.Malformed;
    const existing = this.records.get(change.id);
    if (!existing) return null; // BM4: lost a race with a delete
    const kind = Kinds[existing.kind];
    if (existing.kind === "vote") return RejectReason.Malformed;
    const shape = this.checkShape(kind, change.props);
    if (shape !== null) return shape;
    if (Object.entries(change.props).some(([name, value]) => value === null && kind.props[name].required)) return RejectReason.Malformed;
    if ("author" in change.props) return RejectReason.NotPermitted; // AU2: only the authority stamps authors
    const permission = this.checkPermission(existing.kind, change.props, existing);
    if (permission !== null) return permission;
    if (isLocked(existing) && !this.isModerator) return RejectReason.RecordLocked;
    const missing = this.checkReferences(change.id, existing.kind, change.props);
    if (missing !== null) return missing;
    this.setProperties(existing, change.props);
    return null;
  }

  private delete(id: string): RejectReason | null {
    const existing = this.records.get(id);
    if (!existing) return null;
    if (existing.kind === "board") return RejectReason.NotPermitted;
    if (existing.kind === "vote" && !this.isModerator) {
      if (existing.props.voter !== this.actor.participantId) return RejectReason.NotPermitted;
      if (this.voteState !== "open") return RejectReason.VotingClosed;
    }
    const removed = this.collectCascade(id);
    if (!this.isModerator && [...removed].some((r) => isLocked(this.records.get(r)!))) return RejectReason.RecordLocked;
    this.patch.push({ op: "delete", id });
    this.records.delete(id);
    for (const cascaded of [...removed].filter((r) => r !== id).sort(ordinal)) {
      this.patch.push({ op: "delete", id: cascaded });
      this.records.delete(cascaded);
    }
    return null;
  }

  repairIndices(): void {
    if (this.touched.size === 0) return;
    const groups = new Map<string, BoardRecord[]>();
    for (const record of this.records.values()) {
      const p = placementOf(record);
      const key = p ? (p.parent ?? "") : undefined;
      if (key !== undefined && this.touched.has(key)) groups.set(key, [...(groups.get(key) ?? []), record]);
    }
    for (const key of [...groups.keys()].sort(ordinal)) {
      for (const [id, index] of repair(groups.get(key)!.map((r) => [r.id, placementOf(r)!.index] as [string, string]))) {
        const record = this.records.get(id)!;
        const moved = { ...placementOf(record)!, index };
        this.records.set(id, { ...record, props: { ...record.props, placement: moved } });
        this.patch.push({ op: "update", id, props: { placement: moved } });
      }
    }
  }

  private get voteState(): string {
    const settings = this.records.get(SettingsId);
    return settings ? textOf(settings, "voteState") : "idle";
  }

  // AU1: whatever the push carried is replaced before the shape check; a put over an existing record keeps its author.
  private stampAuthor(kind: string, props: Record<string, Value>, existing: BoardRecord | undefined): Record<string, Value> {
    if (!hasAuthor(kind)) return props;
    const stamped = { ...props };
    delete stamped.author;
    if (!existing) stamped.author = this.actor.participantId;
    return stamped;
  }

  private checkShape(kind: KindSpec, props: Props): RejectReason | null {
    for (const [name, value] of Object.entries(props)) {
      const spec = Object.hasOwn(kind.props, name) ? kind.props[name] : undefined;
      if (!spec) return RejectReason.Malformed;
      if (value !== null && value !== undefined) {
        const reason = checkValue(spec, value);
        if (reason !== null) return reason;
      }
    }
    return null;
  }

  // Participants may carry a lock flag along (an undo recreates a record with all its properties) but not flip it.
  private checkPermission(kind: string, props: Props, existing: BoardRecord | undefined): RejectReason | null {
    if (this.isModerator) return null;
    const flipsLock = "locked" in props && (props.locked === true) !== (existing ? isLocked(existing) : false);
    return kind === "board" || flipsLock ? RejectReason.NotPermitted : null;
  }

  private checkVoteCast(kind: string, props: Record<string, Value>): RejectReason | null {
    if (kind !== "vote") return null;
    if (props.voter !== this.actor.participantId) return RejectReason.NotPermitted;
    return this.voteState === "open" ? null : RejectReason.VotingClosed;
  }

  private checkReferences(id: string, kind: string, props: Props): RejectReason | null {
    const p = props.placement;
    if (typeof p === "object" && p !== null && p.parent !== null) {
      const parent = this.records.get(p.parent);
      if (!parent || parent.kind !== "frame") return RejectReason.ParentMissing;
      for (let ancestor: string | null | undefined = p.parent; ancestor; ancestor = placementOf(this.records.get(ancestor)!)?.parent) {
        if (ancestor === id) return RejectReason.CycleInParents;
      }
    }
    for (const name of ["from", "to", "target", "gatherTarget"]) {
      const reference = props[name];
      if (typeof reference === "string" && !this.isValidReference(kind, reference)) return RejectReason.ReferenceMissing;
    }
    return null;
  }

  private isValidReference(kind: string, target: string): boolean {
    const record = this.records.get(target);
    if (!record) return false;
    return kind === "vote" ? record.kind === "sticky" || record.kind === "text" : Kinds[record.kind].placed;
  }

  private checkVoteLimit(voter: string): RejectReason | null {
    const settings = this.records.get(SettingsId);
    const limit = (settings && (get(settings, "votesPerPerson") as number)) || Limits.defaultVotesPerPerson;
    let cast = 0;
    for (const r of this.records.values()) if (r.kind === "vote" && r.props.voter === voter) cast++;
    return cast > limit ? RejectReason.VoteLimitReached : null;
  }

  private setProperties(existing: BoardRecord, props: Props): void {
    const changed: Props = {};
    for (const name of Object.keys(props).sort(ordinal)) {
      if (!valueEquals(existing.props[name], props[name])) changed[name] = props[name] ?? null;
    }
    if (Object.keys(changed).length === 0) return;
    const updated = { ...existing, props: merge(existing.props, changed) };
    this.records.set(existing.id, updated);
    this.patch.push({ op: "update", id: existing.id, props: changed });
    if ("placement" in changed) this.touch(placementOf(updated));
  }

  private touch(p: Placement | undefined): void {
    if (p) this.touched.add(p.parent ?? "");
  }

  // The record, its descendants, and the connectors and votes attached to any of them (BM5).
  private collectCascade(id: string): Set<string> {
    const removed = new Set([id]);
    const children = new Map<string, string[]>();
    for (const r of this.records.values()) {
      const parent = placementOf(r)?.parent;
      if (parent) children.set(parent, [...(children.get(parent) ?? []), r.id]);
    }
    const queue = [id];
    while (queue.length) {
      for (const child of children.get(queue.shift()!) ?? []) {
        if (!removed.has(child)) {
          removed.add(child);
          queue.push(child);
        }
      }
    }
    for (const r of [...this.records.values()]) {
      const attached =
        r.kind === "connector"
          ? removed.has(r.props.from as string) || removed.has(r.props.to as string)
          : r.kind === "vote" && removed.has(r.props.target as string);
      if (attached) removed.add(r.id);
    }
    return removed;
  }
}
