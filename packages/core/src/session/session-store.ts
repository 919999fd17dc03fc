import type { Session } from './session.js';

/**
 * Where the engine keeps open sessions. The in-memory store is the default; a shared store
 * (e.g. for a fleet behind a non-sticky load balancer) implements the same interface.
 */
export interface SessionStore {
  /** The open session of a persistent-key value. */
  byPersistentKey(value: string): Session | undefined;
  /**
   * The open session whose keys match `keys`: every key present on both sides has the same
   * value (protocol.md §3.1). `keys` must hold at least one key.
   */
  find(keys: Readonly<Record<string, string>>): Session | undefined;
  add(session: Session): void;
  remove(session: Session): void;
  /** Records activity; the store keeps sessions in order of last activity. */
  touch(session: Session): void;
  readonly size: number;
  /** Sessions whose last activity is before `cutoff`, least recently active first. */
  idleBefore(cutoff: number): Session[];
  /** The least recently active session while the store holds more than its bound, else undefined. */
  overflow(): Session | undefined;
  /** Every open session (for draining at shutdown). */
  all(): Session[];
}
