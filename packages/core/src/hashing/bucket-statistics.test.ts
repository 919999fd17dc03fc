// The statistical properties config.md §4.2 requires, over 10^5 fixed keys: the split is
// uniform (chi-square goodness of fit) and two experiments assign independently (chi-square
// test of independence), both at p < 0.001. The keys are fixed, so the outcome is reproducible;
// the biased cases show the tests can fail.
import { describe, expect, it } from 'vitest';
import { bucket, pickVariant, variantBoundaries, variantBucket, inTraffic } from './bucket.js';

const N = 100_000;
const KEYS = Array.from({ length: N }, (_, i) => `user-${i}`);
const ALPHA = 0.001;

/** ln Γ(z) for z > 0 (Lanczos, g = 7, n = 9; about 15 significant digits). */
function lnGamma(z: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - lnGamma(1 - z);
  const x = z - 1;
  let sum = c[0]!;
  for (let i = 1; i < 9; i++) sum += c[i]! / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Regularised upper incomplete gamma Q(a, x) (series below a + 1, Lentz continued fraction above). */
function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const front = Math.exp(-x + a * Math.log(x) - lnGamma(a));
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10_000 && Math.abs(term) > Math.abs(sum) * 1e-16; n++) {
      term *= x / (a + n);
      sum += term;
    }
    return 1 - front * sum;
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return front * h;
}

/** P(X >= statistic) for X chi-square distributed with `df` degrees of freedom. */
function chiSquarePValue(statistic: number, df: number): number {
  return gammaQ(df / 2, statistic / 2);
}

/** Goodness of fit of observed counts to expected shares (summing to 1). */
function goodnessOfFit(
  observed: readonly number[],
  shares: readonly number[],
): { statistic: number; p: number } {
  const total = observed.reduce((a, b) => a + b, 0);
  let statistic = 0;
  observed.forEach((o, i) => {
    const e = total * shares[i]!;
    statistic += ((o - e) * (o - e)) / e;
  });
  return { statistic, p: chiSquarePValue(statistic, observed.length - 1) };
}

/** Pearson's test of independence on an r x c contingency table. */
function independence(table: readonly (readonly number[])[]): { statistic: number; p: number } {
  const rows = table.map((row) => row.reduce((a, b) => a + b, 0));
  const columns = table[0]!.map((_, j) => table.reduce((sum, row) => sum + row[j]!, 0));
  const total = rows.reduce((a, b) => a + b, 0);
  let statistic = 0;
  table.forEach((row, i) => {
    row.forEach((o, j) => {
      const e = (rows[i]! * columns[j]!) / total;
      statistic += ((o - e) * (o - e)) / e;
    });
  });
  const df = (table.length - 1) * (columns.length - 1);
  return { statistic, p: chiSquarePValue(statistic, df) };
}

function counts(assign: (key: string, index: number) => number, arms: number): number[] {
  const out = new Array<number>(arms).fill(0);
  KEYS.forEach((key, i) => out[assign(key, i)]!++);
  return out;
}

function crossTable(
  a: (key: string, index: number) => number,
  b: (key: string, index: number) => number,
  [rows, columns]: [number, number],
): number[][] {
  const table = Array.from({ length: rows }, () => new Array<number>(columns).fill(0));
  KEYS.forEach((key, i) => table[a(key, i)]![b(key, i)]!++);
  return table;
}

/** Shares of the arms as the boundaries define them (0.01 % resolution). */
function sharesOf(boundaries: readonly number[]): number[] {
  return boundaries.map((c, i) => (c - (boundaries[i - 1] ?? 0)) / 10_000);
}

describe('chi-square p-values (the test helper itself)', () => {
  // Upper 0.001 critical values of the chi-square distribution and further reference points.
  it.each([
    [10.827566170662733, 1, 0.001],
    [13.815510557964274, 2, 0.001],
    [18.466826952903173, 4, 0.001],
    [22.457744484825323, 6, 0.001],
    [148.23035916510173, 99, 0.001],
    [150, 99, 0.0007204453957169282],
    [80, 99, 0.9191878735980901],
    [3, 2, 0.22313016014842982],
    [30, 10, 0.000856641210775301],
    [0.5, 3, 0.9188914116546758],
    [1000, 999, 0.48513148927490146],
  ])('P(chi2 >= %d | df %i) = %d', (statistic, df, p) => {
    expect(chiSquarePValue(statistic, df)).toBeCloseTo(p, 9);
  });
});

describe('assignment statistics over 10^5 keys', () => {
  const oneTwoThree = variantBoundaries([1, 2, 3]);
  const variantOf =
    (experimentId: string, boundaries: readonly number[]) =>
    (key: string): number =>
      pickVariant(variantBucket(experimentId, key), boundaries);

  it('splits a 1:2:3 experiment as its weights say (goodness of fit)', () => {
    const observed = counts(variantOf('three-arms', oneTwoThree), 3);
    const { statistic, p } = goodnessOfFit(observed, sharesOf(oneTwoThree));
    expect(statistic).toBeLessThan(13.815510557964274);
    expect(p).toBeGreaterThan(ALPHA);
  });

  it('fills 100 equal bucket ranges evenly (goodness of fit)', () => {
    const observed = counts((key) => Math.floor(bucket(key) / 100), 100);
    expect(goodnessOfFit(observed, new Array<number>(100).fill(0.01)).p).toBeGreaterThan(ALPHA);
  });

  it('assigns two experiments independently', () => {
    const a = variantOf('exp-a', variantBoundaries([1, 1]));
    const b = variantOf('exp-b', oneTwoThree);
    const { statistic, p } = independence(crossTable(a, b, [2, 3]));
    expect(statistic).toBeLessThan(13.815510557964274);
    expect(p).toBeGreaterThan(ALPHA);
  });

  it('keeps traffic and variant of one experiment independent', () => {
    const inside = (key: string): number => (inTraffic('exp-a', key, 50) ? 1 : 0);
    const variant = variantOf('exp-a', variantBoundaries([1, 1, 1]));
    expect(independence(crossTable(inside, variant, [2, 3])).p).toBeGreaterThan(ALPHA);
  });

  it('rejects a split that is 1.7 % off its weights', () => {
    const biased = counts(variantOf('three-arms', variantBoundaries([1, 2, 3.1])), 3);
    expect(goodnessOfFit(biased, sharesOf(oneTwoThree)).p).toBeLessThan(ALPHA);
  });

  it('rejects a second experiment that copies the first for 2 % of keys', () => {
    const a = variantOf('exp-a', variantBoundaries([1, 1]));
    const own = variantOf('exp-b', oneTwoThree);
    const copied = variantOf('exp-a', oneTwoThree);
    const b = (key: string, i: number): number => (i % 50 === 0 ? copied(key) : own(key));
    expect(independence(crossTable(a, b, [2, 3])).p).toBeLessThan(ALPHA);
  });
});
