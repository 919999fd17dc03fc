/**
 * Sets of Unicode code points as sorted, disjoint, inclusive ranges `[lo0, hi0, lo1, hi1, …]`:
 * what the regular-expression safety check needs to ask "can these two parts match the same
 * character?".
 */

/** Sorted, disjoint, non-adjacent inclusive ranges, flattened. */
export type CharSet = readonly number[];

export const MAX_CODE_POINT = 0x10ffff;

export const EMPTY_SET: CharSet = [];
export const ANY_CHAR: CharSet = [0, MAX_CODE_POINT];

/** Normalises ranges given as flattened `[lo, hi]` pairs in any order. */
export function charSet(ranges: readonly number[]): CharSet {
  const pairs: [number, number][] = [];
  for (let i = 0; i + 1 < ranges.length; i += 2) {
    const lo = ranges[i] ?? 0;
    const hi = ranges[i + 1] ?? 0;
    if (lo <= hi) pairs.push([lo, hi]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of pairs) {
    const last = out.length - 1;
    if (last > 0 && lo <= (out[last] ?? 0) + 1) {
      out[last] = Math.max(out[last] ?? 0, hi);
    } else {
      out.push(lo, hi);
    }
  }
  return out;
}

export function union(a: CharSet, b: CharSet): CharSet {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  return charSet([...a, ...b]);
}

export function intersect(a: CharSet, b: CharSet): CharSet {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i] ?? 0, b[j] ?? 0);
    const aHi = a[i + 1] ?? 0;
    const bHi = b[j + 1] ?? 0;
    if (lo <= Math.min(aHi, bHi)) out.push(lo, Math.min(aHi, bHi));
    if (aHi < bHi) i += 2;
    else j += 2;
  }
  return out;
}

export function complement(a: CharSet): CharSet {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < a.length; i += 2) {
    const lo = a[i] ?? 0;
    if (lo > next) out.push(next, lo - 1);
    next = (a[i + 1] ?? 0) + 1;
  }
  if (next <= MAX_CODE_POINT) out.push(next, MAX_CODE_POINT);
  return out;
}

/** `\d` */
export const DIGIT: CharSet = [0x30, 0x39];
/** `\w` (patterns run without the `i` flag, so no case-folding extras) */
export const WORD: CharSet = charSet([0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a]);
/** `\s`: ECMAScript WhiteSpace and LineTerminator. */
export const SPACE: CharSet = charSet([
  0x09, 0x0d, 0x20, 0x20, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029, 0x202f,
  0x202f, 0x205f, 0x205f, 0x3000, 0x3000, 0xfeff, 0xfeff,
]);
/** `.` without the `s` flag: anything but a line terminator. */
export const DOT: CharSet = complement(charSet([0x0a, 0x0a, 0x0d, 0x0d, 0x2028, 0x2029]));

// Characters to name in messages, most readable first.
const READABLE: readonly CharSet[] = [
  [0x61, 0x7a],
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x21, 0x7e],
];

/** A readable example character of a non-empty set, for messages: `'a'` or `U+00E9`. */
export function describeChar(set: CharSet): string {
  for (const range of READABLE) {
    const cp = intersect(set, range)[0];
    if (cp !== undefined) return `'${String.fromCodePoint(cp)}'`;
  }
  return `U+${(set[0] ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}
