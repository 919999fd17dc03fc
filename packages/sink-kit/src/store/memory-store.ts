import type { ObjectStore } from './object-store.js';

export interface MemoryStore extends ObjectStore {
  /** The stored objects by key. */
  readonly objects: Map<string, Uint8Array>;
}

/**
 * An in-memory store, for tests and for trying the writer out. Copies what it is given, like a
 * real store would.
 *
 * @example
 * const store = createMemoryStore();
 * await writer.flush();
 * console.log([...store.objects.keys()]);
 */
export function createMemoryStore(name = 'memory'): MemoryStore {
  const objects = new Map<string, Uint8Array>();
  return {
    objects,
    put(key, bytes) {
      objects.set(key, bytes.slice());
      return Promise.resolve();
    },
    delete(key) {
      objects.delete(key);
      return Promise.resolve();
    },
    describe: () => `memory store '${name}'`,
  };
}
