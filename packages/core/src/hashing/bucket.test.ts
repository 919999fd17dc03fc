import { describe, expect, it } from 'vitest';
import {
  BUCKETS,
  bucket,
  inRollout,
  inTraffic,
  pickVariant,
  rampPercent,
  rolloutBucket,
  rolloutKey,
  shareBuckets,
  trafficBucket,
  trafficKey,
  variantBoundaries,
  variantBucket,
  variantKey,
} from './bucket.js';
import { murmur3String } from './murmur3.js';

const KEYS = Array.from({ length: 20_000 }, (_, i) => `device-${i}`);
const RAMP_KEYS = KEYS.slice(0, 10_000);

describe('bucket', () => {
  it('is floor(H * 10000 / 2^32), within [0, 9999]', () => {
    for (const key of KEYS.slice(0, 2000)) {
      const b = bucket(key);
      expect(b).toBe(Math.floor((murmur3String(key) * 10000) / 2 ** 32));
      expect(Number.isInteger(b) && b >= 0 && b < BUCKETS).toBe(true);
    }
  });

  it('builds the keys of config.md §4.2, and the key buckets equal bucket(key)', () => {
    expect(trafficKey('cta-copy', 'u-1')).toBe('traffic:cta-copy:u-1');
    expect(variantKey('cta-copy', 'u-1')).toBe('variant:cta-copy:u-1');
    expect(rolloutKey('new-button', 'u-1')).toBe('rollout:new-button:u-1');
    for (const key of [...KEYS.slice(0, 300), 'élève-😀', '']) {
      expect(trafficBucket('exp', key)).toBe(bucket(trafficKey('exp', key)));
      expect(variantBucket('exp', key)).toBe(bucket(variantKey('exp', key)));
      expect(rolloutBucket('r', key)).toBe(bucket(rolloutKey('r', key)));
    }
  });
});

/** The rounding rule by its definition: c is the integer with c - 1/2 <= 10000 S / W < c + 1/2. */
function isRoundHalfUp(c: number, cumulative: number, total: number): boolean {
  return (2 * c - 1) * total <= 20000 * cumulative && 20000 * cumulative < (2 * c + 1) * total;
}

describe('variantBoundaries', () => {
  it.each([
    [
      [50, 50],
      [5000, 10000],
    ],
    [
      [1, 1, 1],
      [3333, 6667, 10000],
    ],
    [
      [1, 2, 3],
      [1667, 5000, 10000],
    ],
    [
      [90, 10],
      [9000, 10000],
    ],
    [
      [5, 15, 80],
      [500, 2000, 10000],
    ],
    [
      [7, 3, 11, 13],
      [2059, 2941, 6176, 10000],
    ],
  ])('uneven weights %j', (weights, expected) => {
    expect(variantBoundaries(weights)).toEqual(expected);
  });

  it.each([
    // 10000 * 1 / 20000 = 0.5 -> 1; 10000 * 3 / 16 = 1875 exactly; 10000 / 80000 = 0.125 -> 0
    [
      [1, 19999],
      [1, 10000],
    ],
    [
      [1, 39999],
      [0, 10000],
    ],
    [
      [3, 13],
      [1875, 10000],
    ],
    [
      [1, 1, 19998],
      [1, 1, 10000],
    ],
    [
      [3, 19997],
      [2, 10000],
    ], // 1.5 -> 2
    [
      [5, 19995],
      [3, 10000],
    ], // 2.5 -> 3
  ])('rounds exact halves up: %j', (weights, expected) => {
    expect(variantBoundaries(weights)).toEqual(expected);
  });

  it('rounds decimal halves up where double arithmetic would not', () => {
    // 10000 * 0.15 / 0.96 is exactly 1562.5; in doubles it comes out as 1562.4999…
    expect(Math.floor((10000 * 0.15) / (0.15 + 0.81) + 0.5)).toBe(1562);
    expect(variantBoundaries([0.15, 0.81])).toEqual([1563, 10000]);
    expect(variantBoundaries([0.00005, 0.99995])).toEqual([1, 10000]);
    expect(variantBoundaries([33.335, 66.665])).toEqual([3334, 10000]);
  });

  it('handles weights written with exponents', () => {
    expect(variantBoundaries([1e-7, 1e-7])).toEqual([5000, 10000]);
    expect(variantBoundaries([1e21, 1e21, 2e21])).toEqual([2500, 5000, 10000]);
  });

  it('gives zero weights no buckets, wherever they are', () => {
    expect(variantBoundaries([30, 0, 70])).toEqual([3000, 3000, 10000]);
    expect(variantBoundaries([0, 30, 70])).toEqual([0, 3000, 10000]);
    expect(variantBoundaries([50, 50, 0])).toEqual([5000, 10000, 10000]);
    const boundaries = variantBoundaries([30, 0, 0, 70]);
    const seen = new Set<number>();
    for (let b = 0; b < BUCKETS; b++) seen.add(pickVariant(b, boundaries));
    expect([...seen].sort()).toEqual([0, 3]);
  });

  it('follows the definition for many integer weight lists', () => {
    let seed = 1;
    const next = (): number => (seed = (seed * 48271) % 2147483647);
    for (let round = 0; round < 2000; round++) {
      const weights = Array.from(
        { length: 2 + (next() % 5) },
        () => next() % (round % 2 ? 100 : 100000),
      );
      if (weights.every((w) => w === 0)) continue;
      const total = weights.reduce((a, b) => a + b, 0);
      const boundaries = variantBoundaries(weights);
      let cumulative = 0;
      weights.forEach((w, i) => {
        cumulative += w;
        expect(isRoundHalfUp(boundaries[i]!, cumulative, total), weights.join(',')).toBe(true);
      });
      expect(boundaries.at(-1)).toBe(10000);
      expect(boundaries).toEqual([...boundaries].sort((a, b) => a - b));
    }
  });

  it.each([[[]], [[-1, 2]], [[Number.NaN, 1]], [[Infinity, 1]], [[0, 0]]])(
    'refuses %s',
    (weights) => {
      expect(() => variantBoundaries(weights)).toThrow(RangeError);
    },
  );
});

describe('pickVariant', () => {
  it('takes the first boundary above the bucket', () => {
    const boundaries = [1667, 5000, 10000];
    expect(pickVariant(0, boundaries)).toBe(0);
    expect(pickVariant(1666, boundaries)).toBe(0);
    expect(pickVariant(1667, boundaries)).toBe(1);
    expect(pickVariant(4999, boundaries)).toBe(1);
    expect(pickVariant(5000, boundaries)).toBe(2);
    expect(pickVariant(9999, boundaries)).toBe(2);
    expect(pickVariant(10000, boundaries)).toBe(-1);
  });

  it('gives each variant exactly its boundary span of buckets', () => {
    const boundaries = variantBoundaries([7, 3, 11, 13]);
    const counts = [0, 0, 0, 0];
    for (let b = 0; b < BUCKETS; b++) counts[pickVariant(b, boundaries)]!++;
    expect(counts).toEqual(boundaries.map((c, i) => c - (boundaries[i - 1] ?? 0)));
  });
});

describe('shareBuckets', () => {
  it('is exactly percent * 100 for every two-decimal percent', () => {
    for (let hundredths = 0; hundredths <= 10000; hundredths++) {
      const percent = Number((hundredths / 100).toFixed(2));
      expect(shareBuckets(percent)).toBe(hundredths);
    }
  });

  it('absorbs float noise that a plain comparison would not', () => {
    expect(0.07 * 100).toBeGreaterThan(7); // so `bucket < 0.07 * 100` would let bucket 7 in
    expect(shareBuckets(0.07)).toBe(7);
    expect(shareBuckets(0.29)).toBe(29);
    expect(shareBuckets(1.15)).toBe(115);
  });

  it('keeps the meaning of bucket < percent * 100 for ramp values', () => {
    expect(shareBuckets(12.345)).toBe(1235); // buckets 0..1234 are below 1234.5
    expect(shareBuckets(12.3401)).toBe(1235);
    expect(shareBuckets(0.001)).toBe(1);
  });

  it('clamps to [0, 10000]', () => {
    expect(shareBuckets(-5)).toBe(0);
    expect(shareBuckets(150)).toBe(10000);
  });
});

describe('rampPercent', () => {
  const from = Date.UTC(2026, 10, 20);
  const to = Date.UTC(2026, 10, 27);

  it('is 0 before and at from, 100 at and after to, linear between', () => {
    expect(rampPercent(from - 1, from, to)).toBe(0);
    expect(rampPercent(from, from, to)).toBe(0);
    expect(rampPercent((from + to) / 2, from, to)).toBe(50);
    expect(rampPercent(from + (to - from) / 4, from, to)).toBe(25);
    expect(rampPercent(to, from, to)).toBe(100);
    expect(rampPercent(to + 1, from, to)).toBe(100);
  });

  it('never decreases as time goes on', () => {
    let previous = -1;
    for (let now = from - 3600_000; now <= to + 3600_000; now += 3600_000) {
      const p = rampPercent(now, from, to);
      expect(p).toBeGreaterThanOrEqual(previous);
      previous = p;
    }
  });

  it('is a step at `to` when the ramp is degenerate', () => {
    expect(rampPercent(from - 1, from, from)).toBe(0);
    expect(rampPercent(from, from, from)).toBe(100);
  });
});

describe('traffic and rollouts', () => {
  it('lets nobody in at 0 % and everybody at 100 %', () => {
    for (const key of KEYS.slice(0, 2000)) {
      expect(inTraffic('exp', key, 0)).toBe(false);
      expect(inTraffic('exp', key, 100)).toBe(true);
      expect(inRollout('r', key, 0)).toBe(false);
      expect(inRollout('r', key, 100)).toBe(true);
    }
  });

  it('is bucket < traffic * 100', () => {
    for (const key of KEYS.slice(0, 2000)) {
      expect(inTraffic('exp', key, 12.34)).toBe(trafficBucket('exp', key) < 1234);
      expect(inRollout('r', key, 0.07)).toBe(rolloutBucket('r', key) < 7);
    }
  });

  it('never moves a session that was in to another variant when traffic rises', () => {
    const boundaries = variantBoundaries([1, 2, 3]);
    const assign = (key: string, traffic: number): number | undefined =>
      inTraffic('exp', key, traffic)
        ? pickVariant(variantBucket('exp', key), boundaries)
        : undefined;
    const before = new Map<string, number>();
    for (const traffic of [0, 0.5, 5, 10, 33.33, 50, 75.25, 99.99, 100]) {
      let entered = 0;
      for (const key of KEYS) {
        const variant = assign(key, traffic);
        if (before.has(key)) expect(variant).toBe(before.get(key));
        if (variant !== undefined && !before.has(key)) {
          before.set(key, variant);
          entered++;
        }
      }
      if (traffic > 0) expect(entered).toBeGreaterThan(0);
    }
    expect(before.size).toBe(KEYS.length);
  });

  it('only ever adds sessions while a ramp rises', () => {
    const from = 1_000_000;
    const to = 8_000_000;
    let inside = new Set<string>();
    const times = Array.from({ length: 16 }, (_, i) => from - 500_000 + i * 500_000);
    for (const now of [...times, to]) {
      const next = new Set(
        RAMP_KEYS.filter((key) => inRollout('ramp', key, rampPercent(now, from, to))),
      );
      for (const key of inside) expect(next.has(key)).toBe(true);
      expect(next.size).toBeGreaterThanOrEqual(inside.size);
      inside = next;
    }
    expect(inside.size).toBe(RAMP_KEYS.length);
  });

  it('enters about the configured share of sessions', () => {
    const share = KEYS.filter((key) => inRollout('quarter', key, 25)).length / KEYS.length;
    expect(share).toBeGreaterThan(0.24);
    expect(share).toBeLessThan(0.26);
  });
});
