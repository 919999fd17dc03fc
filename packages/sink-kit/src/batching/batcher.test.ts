import { describe, expect, it } from 'vitest';

import { Batcher, resolveBatching } from './batcher.js';
import { estimateSize } from './estimate-size.js';

const hour = { ds: '2026-03-06', hh: '10' };
const next = { ds: '2026-03-06', hh: '11' };
const limits = { maxRows: 3, maxBytes: 1000, maxAgeMs: 60_000, maxOpenBytes: 5000 };

describe('Batcher', () => {
  it('seals a batch when it reaches maxRows', () => {
    const batcher = new Batcher<number>(limits);
    expect(batcher.add('t', hour, 1, 10, 0)).toEqual([]);
    expect(batcher.add('t', hour, 2, 10, 5)).toEqual([]);
    const [sealed] = batcher.add('t', hour, 3, 10, 9);
    expect(sealed).toEqual({
      table: 't',
      partition: hour,
      items: [1, 2, 3],
      bytes: 30,
      openedAt: 0,
      reason: 'rows',
    });
    expect(batcher.openRows).toBe(0);
  });

  it('seals a batch when it reaches maxBytes', () => {
    const batcher = new Batcher<string>(limits);
    batcher.add('t', hour, 'a', 600, 0);
    expect(batcher.add('t', hour, 'b', 400, 0).map((b) => [b.items, b.reason])).toEqual([
      [['a', 'b'], 'bytes'],
    ]);
  });

  it('keeps tables and partitions apart', () => {
    const batcher = new Batcher<string>(limits);
    batcher.add('a', hour, 'a1', 1, 0);
    batcher.add('b', hour, 'b1', 1, 0);
    batcher.add('a', next, 'a2', 1, 0);
    batcher.add('a', hour, 'a3', 1, 0);
    expect(batcher.openRows).toBe(4);
    expect(batcher.drain().map((b) => [b.table, b.partition.hh, b.items, b.reason])).toEqual([
      ['a', '10', ['a1', 'a3'], 'flush'],
      ['b', '10', ['b1'], 'flush'],
      ['a', '11', ['a2'], 'flush'],
    ]);
    expect(batcher.drain()).toEqual([]);
  });

  it('seals batches by age, with the deadline of the oldest exposed for a timer', () => {
    const batcher = new Batcher<string>(limits);
    expect(batcher.nextDue()).toBeUndefined();
    batcher.add('a', hour, 'old', 1, 1_000);
    batcher.add('b', hour, 'young', 1, 30_000);
    batcher.add('a', hour, 'later', 1, 50_000); // joins the open batch: its age counts from 1_000
    expect(batcher.nextDue()).toBe(61_000);
    expect(batcher.due(60_999)).toEqual([]);
    expect(batcher.due(61_000).map((b) => [b.table, b.items, b.reason])).toEqual([
      ['a', ['old', 'later'], 'age'],
    ]);
    expect(batcher.nextDue()).toBe(90_000);
  });

  it('seals the largest batch when all open batches hold too much', () => {
    const batcher = new Batcher<string>({ ...limits, maxBytes: 4000, maxOpenBytes: 5000 });
    batcher.add('a', hour, 'a', 3000, 0);
    batcher.add('b', hour, 'b', 1500, 0);
    const sealed = batcher.add('c', hour, 'c', 1000, 0);
    expect(sealed.map((b) => [b.table, b.reason])).toEqual([['a', 'memory']]);
    expect(batcher.openBytes).toBe(2500);
  });

  it('validates its options', () => {
    expect(resolveBatching({ maxRows: 5 })).toMatchObject({ maxRows: 5, maxAgeMs: 60_000 });
    expect(() => resolveBatching({ maxRows: 0 })).toThrow(
      'batching.maxRows must be a positive number, got 0',
    );
  });
});

describe('estimateSize', () => {
  it('counts string lengths, 8 per number and small overheads', () => {
    expect(estimateSize('abcd')).toBe(8);
    expect(estimateSize(12)).toBe(8);
    expect(estimateSize(null)).toBe(1);
    expect(estimateSize({ a: 'xy', b: [1, 2], c: { d: true } })).toBe(4 + 6 + (4 + 16) + (4 + 1));
  });
});
