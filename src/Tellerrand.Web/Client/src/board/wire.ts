// The wire shapes of docs/board-protocol.md §4 (BoardWire.cs): maps with camelCase keys. Messages from the server are
// normalised (nil fields become absent) before the replica sees them; pushes carry only the fields their op allows.

import type { BoardRecord, Change, Props, Value } from "./model";
import type { AckMessage, PatchMessage, PushMessage, RejectMessage, ResumedMessage } from "./replica";

type Wire = Record<string, unknown>;

function value(raw: unknown): Value | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === "object") {
    const p = raw as Wire;
    return { parent: (p.parent as string | null) ?? null, index: p.index as string, x: Number(p.x), y: Number(p.y) };
  }
  return raw as Value;
}

function props(raw: unknown): Props {
  const out: Props = {};
  for (const [name, v] of Object.entries((raw as Wire) ?? {})) out[name] = value(v);
  return out;
}

export function change(raw: Wire): Change {
  const c: Change = { op: raw.op as Change["op"], id: raw.id as string };
  if (typeof raw.kind === "string") c.kind = raw.kind;
  if (raw.props !== null && raw.props !== undefined) c.props = props(raw.props);
  return c;
}

function record(raw: Wire): BoardRecord {
  const p = props(raw.props);
  const out: Record<string, Value> = {};
  for (const [name, v] of Object.entries(p)) if (v !== null) out[name] = v;
  return { id: raw.id as string, kind: raw.kind as string, props: out };
}

export function patch(raw: Wire): PatchMessage {
  return { serverSeq: Number(raw.serverSeq), clientId: raw.clientId as string, clientSeq: Number(raw.clientSeq), changes: (raw.changes as Wire[]).map(change) };
}

export function resumed(raw: Wire): ResumedMessage {
  return {
    serverSeq: Number(raw.serverSeq),
    patches: raw.patches ? (raw.patches as Wire[]).map(patch) : null,
    snapshot: raw.snapshot ? (raw.snapshot as Wire[]).map(record) : null,
  };
}

export function ack(raw: Wire): AckMessage {
  return { clientSeq: Number(raw.clientSeq), serverSeq: Number(raw.serverSeq), changes: raw.changes ? (raw.changes as Wire[]).map(change) : null };
}

export function reject(raw: Wire): RejectMessage {
  return { clientSeq: Number(raw.clientSeq), reason: Number(raw.reason) };
}

/** A push as the hub decodes it: `kind` and `props` only where the op has them, placements with all four keys. */
export function push(message: PushMessage): Wire {
  return {
    clientId: message.clientId,
    clientSeq: message.clientSeq,
    changes: message.changes.map((c) => {
      const out: Wire = { op: c.op, id: c.id };
      if (c.op === "put") out.kind = c.kind;
      if (c.op !== "delete") out.props = c.props;
      return out;
    }),
  };
}

export interface PresenceState {
  cursor: { x: number; y: number } | null;
  selection: string[];
  drag: { id: string; x: number; y: number }[];
}

export interface PresenceEntry {
  clientId: string;
  participantId: string;
  presence: PresenceState;
}

export function presenceBatch(raw: Wire): { entries: PresenceEntry[]; left: string[] } {
  return {
    entries: ((raw.entries as Wire[]) ?? []).map((e) => {
      const p = (e.presence as Wire) ?? {};
      return {
        clientId: e.clientId as string,
        participantId: e.participantId as string,
        presence: {
          cursor: p.cursor ? { x: Number((p.cursor as Wire).x), y: Number((p.cursor as Wire).y) } : null,
          selection: (p.selection as string[]) ?? [],
          drag: ((p.drag as Wire[]) ?? []).map((d) => ({ id: d.id as string, x: Number(d.x), y: Number(d.y) })),
        },
      };
    }),
    left: (raw.left as string[]) ?? [],
  };
}
