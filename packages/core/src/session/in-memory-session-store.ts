import type { Session } from './session.js';
import type { SessionStore } from './session-store.js';

export interface InMemorySessionStoreOptions {
  /** Name of the persistent-key arg. */
  readonly persistentKey: string;
  /** Names of the `@session_key` args (indexed so a signal carrying only them finds the session). */
  readonly sessionKeys: readonly string[];
  /**
   * Most sessions held at once. Past it, `overflow()` names the least recently active session,
   * which the engine closes early (its data is written, not dropped).
   * @default 500_000
   */
  readonly maxSessions?: number;
}

/**
 * Open sessions in one process. A `Map` keeps insertion order, so re-inserting on every touch
 * keeps sessions ordered by last activity: idle expiry and eviction read from the front and stop
 * at the first live session, so both cost O(expired), not O(open).
 */
export class InMemorySessionStore implements SessionStore {
  readonly #byPersistent = new Map<string, Session>();
  readonly #indexes = new Map<string, Map<string, Session>>();
  readonly #persistentKey: string;
  readonly #maxSessions: number;

  constructor(options: InMemorySessionStoreOptions) {
    this.#persistentKey = options.persistentKey;
    this.#maxSessions = options.maxSessions ?? 500_000;
    for (const key of options.sessionKeys) {
      if (key !== options.persistentKey) this.#indexes.set(key, new Map());
    }
  }

  get size(): number {
    return this.#byPersistent.size;
  }

  byPersistentKey(value: string): Session | undefined {
    return this.#byPersistent.get(value);
  }

  find(keys: Readonly<Record<string, string>>): Session | undefined {
    const persistent = keys[this.#persistentKey];
    if (persistent !== undefined) {
      const session = this.#byPersistent.get(persistent);
      return session && keysMatch(session.keys, keys) ? session : undefined;
    }
    for (const [name, index] of this.#indexes) {
      const value = keys[name];
      if (value === undefined) continue;
      const session = index.get(value);
      if (session && keysMatch(session.keys, keys)) return session;
    }
    return undefined;
  }

  add(session: Session): void {
    this.#byPersistent.set(session.persistentKey, session);
    for (const [name, index] of this.#indexes) {
      const value = session.keys[name];
      if (value !== undefined) index.set(value, session);
    }
  }

  remove(session: Session): void {
    if (this.#byPersistent.get(session.persistentKey) === session) {
      this.#byPersistent.delete(session.persistentKey);
    }
    for (const [name, index] of this.#indexes) {
      const value = session.keys[name];
      if (value !== undefined && index.get(value) === session) index.delete(value);
    }
  }

  touch(session: Session): void {
    if (this.#byPersistent.get(session.persistentKey) !== session) return;
    this.#byPersistent.delete(session.persistentKey);
    this.#byPersistent.set(session.persistentKey, session);
  }

  idleBefore(cutoff: number): Session[] {
    const idle: Session[] = [];
    for (const session of this.#byPersistent.values()) {
      if (session.lastActivity >= cutoff) break;
      idle.push(session);
    }
    return idle;
  }

  overflow(): Session | undefined {
    if (this.#byPersistent.size <= this.#maxSessions) return undefined;
    return this.#byPersistent.values().next().value;
  }

  all(): Session[] {
    return [...this.#byPersistent.values()];
  }
}

/** Keys match when every key present on both sides has the same value. */
export function keysMatch(
  a: Readonly<Record<string, string>>,
  b: Readonly<Record<string, string>>,
): boolean {
  for (const name of Object.keys(b)) {
    const value = a[name];
    if (value !== undefined && value !== b[name]) return false;
  }
  return true;
}
