/**
 * Buckets, variant boundaries and shares: assignment by hash (config.md §4.2). A session's bucket
 * is a pure function of the experiment or rollout id and its split key, so assignment needs no
 * stored state and every server agrees.
 */
import { murmur3Concat, murmur3String } from './murmur3.js';

/** Number of buckets: one bucket is 0.01 % of traffic. */
export const BUCKETS = 10_000;

const TWO_POW_32 = 4294967296;

/** `floor(h * 10000 / 2^32)`. Exact in doubles: the product stays below 2^53. */
function toBucket(h: number): number {
  return Math.floor((h * BUCKETS) / TWO_POW_32);
}

/**
 * The bucket of a string, an integer in `[0, 9999]`.
 *
 * @example bucket('a') // 2349
 */
export function bucket(s: string): number {
  return toBucket(murmur3String(s));
}

/** The string whose bucket decides whether a session enters an experiment. */
export function trafficKey(experimentId: string, splitKey: string): string {
  return 'traffic:' + experimentId + ':' + splitKey;
}

/** The string whose bucket picks a session's variant in an experiment. */
export function variantKey(experimentId: string, splitKey: string): string {
  return 'variant:' + experimentId + ':' + splitKey;
}

/** The string whose bucket decides whether a session is inside a rollout's share. */
export function rolloutKey(rolloutId: string, splitKey: string): string {
  return 'rollout:' + rolloutId + ':' + splitKey;
}

// The *Bucket functions equal bucket(xKey(...)) but skip building the key string: on the
// request path the join and its flattening cost about as much as the hash.

/** `bucket(trafficKey(experimentId, splitKey))`. */
export function trafficBucket(experimentId: string, splitKey: string): number {
  return toBucket(murmur3Concat('traffic:', experimentId, ':', splitKey));
}

/** `bucket(variantKey(experimentId, splitKey))`. */
export function variantBucket(experimentId: string, splitKey: string): number {
  return toBucket(murmur3Concat('variant:', experimentId, ':', splitKey));
}

/** `bucket(rolloutKey(rolloutId, splitKey))`. */
export function rolloutBucket(rolloutId: string, splitKey: string): number {
  return toBucket(murmur3Concat('rollout:', rolloutId, ':', splitKey));
}

/** `w` as `digits * 10^exponent`, read from the shortest decimal that round-trips to `w`. */
function toDecimal(w: number): { digits: bigint; exponent: number } {
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(w));
  if (match === null) throw new RangeError(`weight ${String(w)} is not a non-negative number`);
  const fraction = match[2] ?? '';
  return {
    digits: BigInt((match[1] ?? '0') + fraction),
    exponent: Number(match[3] ?? '0') - fraction.length,
  };
}

/**
 * Upper bucket boundaries of the variants: `c_i = floor(10000 * (w_1 + … + w_i) / W + 0.5)`.
 * The last boundary is always 10000, and a zero weight gives an arm no buckets.
 *
 * Weights are taken at the decimal value they are written with (`0.15` is 15/100, not the nearest
 * double) and the formula is evaluated in exact rational arithmetic on `bigint`s, as
 * `floor((20000 * S_i + W) / (2 * W))`, so exact halves always round up. Plain double arithmetic
 * gets that wrong: for weights `[0.15, 0.81]` it computes 1562.4999… for the exact 1562.5. Meant
 * to run once per configuration load, not per request.
 *
 * @throws RangeError when `weights` is empty, holds a negative or non-finite number, or sums to 0.
 * @example variantBoundaries([1, 2, 3]) // [1667, 5000, 10000]
 */
export function variantBoundaries(weights: readonly number[]): number[] {
  if (weights.length === 0) throw new RangeError('at least one weight is needed');
  const decimals = weights.map((w) => {
    if (!Number.isFinite(w) || w < 0) {
      throw new RangeError(`weight ${String(w)} is not a non-negative finite number`);
    }
    return toDecimal(w);
  });
  const minExponent = Math.min(...decimals.map((d) => d.exponent));
  const scaled = decimals.map((d) => d.digits * 10n ** BigInt(d.exponent - minExponent));
  const total = scaled.reduce((sum, w) => sum + w, 0n);
  if (total === 0n) throw new RangeError('weights sum to zero');
  let cumulative = 0n;
  return scaled.map((w) => {
    cumulative += w;
    return Number((20000n * cumulative + total) / (2n * total));
  });
}

/**
 * Index of the variant that owns `bucketValue`: the first `i` with `bucketValue < boundaries[i]`,
 * or -1 when the bucket lies beyond the last boundary (never for `variantBoundaries` output).
 */
export function pickVariant(bucketValue: number, boundaries: readonly number[]): number {
  let i = 0;
  for (const boundary of boundaries) {
    if (bucketValue < boundary) return i;
    i++;
  }
  return -1;
}

/**
 * How many buckets a share of `percent` % covers: a session is in iff its bucket is below this.
 * It is `ceil(percent * 100)`, the exact meaning of `bucket < percent * 100` for integer buckets,
 * except that a product less than 1e-6 above an integer counts as that integer: that absorbs
 * the float noise of two-decimal shares (`0.07 * 100` is 7.000000000000001), for which the
 * result equals `Math.round(percent * 100)`. Clamped to `[0, 10000]`.
 */
export function shareBuckets(percent: number): number {
  const buckets = Math.ceil(percent * 100 - 1e-6);
  return buckets <= 0 ? 0 : buckets >= BUCKETS ? BUCKETS : buckets;
}

/**
 * Current percent of a linear ramp: 0 at `from`, 100 at `to`, linear in between; times in any one
 * unit (epoch milliseconds in practice). A degenerate ramp (`to <= from`, refused by config
 * validation) is a step at `to`.
 */
export function rampPercent(now: number, from: number, to: number): number {
  if (!(to > from)) return now >= to ? 100 : 0;
  const fraction = (now - from) / (to - from);
  return fraction <= 0 ? 0 : fraction >= 1 ? 100 : 100 * fraction;
}

/** Whether a session enters an experiment whose traffic is `trafficPercent` (0..100). */
export function inTraffic(experimentId: string, splitKey: string, trafficPercent: number): boolean {
  return trafficBucket(experimentId, splitKey) < shareBuckets(trafficPercent);
}

/** Whether a session is inside a rollout's current share of `percentNow` (0..100). */
export function inRollout(rolloutId: string, splitKey: string, percentNow: number): boolean {
  return rolloutBucket(rolloutId, splitKey) < shareBuckets(percentNow);
}
