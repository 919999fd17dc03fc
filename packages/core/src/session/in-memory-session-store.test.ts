import { describe, expect, it } from 'vitest';

import { InMemorySessionStore, keysMatch } from './in-memory-session-store.js';
import type { Session } from './session.js';

function session(keys: Record<string, string>, lastActivity: number): Session {
  return { keys, persistentKey: keys.deviceId ?? '', lastActivity } as unknown as Session;
}

describe('InMemorySessionStore', () => {
  it('finds sessions by any subset of their keys', () => {
    const store = new InMemorySessionStore({
      persistentKey: 'deviceId',
      sessionKeys: ['deviceId', 'visitId'],
    });
    const s = session({ deviceId: 'd1', visitId: 'v1' }, 1);
    store.add(s);
    expect(store.find({ deviceId: 'd1' })).toBe(s);
    expect(store.find({ visitId: 'v1' })).toBe(s);
    expect(store.find({ deviceId: 'd1', visitId: 'v1' })).toBe(s);
    expect(store.find({ deviceId: 'd1', visitId: 'v2' })).toBeUndefined();
    expect(store.find({ visitId: 'v2' })).toBeUndefined();
    store.remove(s);
    expect(store.find({ visitId: 'v1' })).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('orders by last activity for expiry and eviction', () => {
    const store = new InMemorySessionStore({
      persistentKey: 'deviceId',
      sessionKeys: ['deviceId'],
      maxSessions: 2,
    });
    const [a, b, c] = [
      session({ deviceId: 'a' }, 1),
      session({ deviceId: 'b' }, 2),
      session({ deviceId: 'c' }, 5),
    ];
    for (const s of [a, b]) store.add(s);
    expect(store.overflow()).toBeUndefined();
    a.lastActivity = 4;
    store.touch(a);
    store.add(c);
    expect(store.overflow()).toBe(b);
    expect(store.idleBefore(5).map((s) => s.keys.deviceId)).toEqual(['b', 'a']);
    expect(store.all().map((s) => s.keys.deviceId)).toEqual(['b', 'a', 'c']);
  });

  it('does not let a replaced session remove its successor from the indexes', () => {
    const store = new InMemorySessionStore({
      persistentKey: 'deviceId',
      sessionKeys: ['deviceId', 'visitId'],
    });
    const old = session({ deviceId: 'd', visitId: 'v1' }, 1);
    const next = session({ deviceId: 'd', visitId: 'v2' }, 2);
    store.add(old);
    store.add(next);
    store.remove(old);
    expect(store.find({ deviceId: 'd' })).toBe(next);
    expect(store.find({ visitId: 'v2' })).toBe(next);
  });
});

describe('keysMatch', () => {
  it('compares only keys present on both sides', () => {
    expect(keysMatch({ a: '1', b: '2' }, { a: '1' })).toBe(true);
    expect(keysMatch({ a: '1' }, { a: '1', b: '2' })).toBe(true);
    expect(keysMatch({ a: '1', b: '2' }, { b: '3' })).toBe(false);
  });
});
