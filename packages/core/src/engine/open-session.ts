import type { JsonValue, SessionDef } from '../fdl/schema-model.js';
import type { HistoryEntry, Session } from '../session/session.js';

export interface OpenSessionInput {
  readonly id: string;
  readonly def: SessionDef;
  readonly keys: Readonly<Record<string, string>>;
  readonly args: Record<string, JsonValue>;
  readonly now: number;
  readonly userAgent: string | null;
  readonly entryUrl: string | null;
  readonly clientType: string | null;
}

/** A new session; each `@mutable` arg starts its history with the value it opened with. */
export function openSession(input: OpenSessionInput): Session {
  const histories: Record<string, HistoryEntry[]> = {};
  for (const name of input.def.mutableArgs) {
    if (name in input.args)
      histories[name] = [{ startTime: input.now, endTime: null, value: input.args[name] ?? null }];
  }
  const persistentKey = input.keys[input.def.persistentKey] ?? '';
  return {
    id: input.id,
    keys: input.keys,
    persistentKey,
    args: input.args,
    histories,
    startTime: input.now,
    lastActivity: input.now,
    userAgent: input.userAgent,
    entryUrl: input.entryUrl,
    clientType: input.clientType,
    plugin: undefined,
    audiences: new Set(),
    assignments: new Map(),
    records: [],
    byArgs: new Map(),
    byImpression: new Map(),
    events: [],
    eventCounts: new Map(),
    exposures: new Map(),
    lastFlushTime: input.now,
  };
}

/** Records a new value of a `@mutable` field; the same value again is a no-op (protocol.md §3.5). */
export function recordMutation(
  session: Session,
  name: string,
  value: JsonValue,
  now: number,
  same: (a: JsonValue, b: JsonValue) => boolean,
): boolean {
  const history = (session.histories[name] ??= []);
  const last = history.at(-1);
  if (last && same(last.value, value)) return false;
  if (last) last.endTime = now;
  history.push({ startTime: now, endTime: null, value });
  return true;
}
