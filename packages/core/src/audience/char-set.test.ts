import { describe, expect, it } from 'vitest';
import {
  ANY_CHAR,
  charSet,
  complement,
  describeChar,
  DOT,
  intersect,
  MAX_CODE_POINT,
  union,
  WORD,
} from './char-set.js';

describe('char sets', () => {
  it('normalises ranges: sorted, merged when overlapping or adjacent', () => {
    expect(charSet([10, 20, 0, 5, 6, 8, 30, 25])).toEqual([0, 8, 10, 20]);
  });

  it('unions, intersects and complements', () => {
    expect(union([0, 5], [3, 9])).toEqual([0, 9]);
    expect(intersect([0, 5, 10, 20], [4, 12])).toEqual([4, 5, 10, 12]);
    expect(intersect([0, 5], [6, 9])).toEqual([]);
    expect(complement([0, 5, 10, 20])).toEqual([6, 9, 21, MAX_CODE_POINT]);
    expect(complement(ANY_CHAR)).toEqual([]);
    expect(complement([])).toEqual(ANY_CHAR);
  });

  it('knows \\w and . ', () => {
    expect(intersect(WORD, [0x5f, 0x5f])).toEqual([0x5f, 0x5f]);
    expect(intersect(DOT, [0x0a, 0x0a])).toEqual([]);
    expect(intersect(DOT, [0x1f600, 0x1f600])).toEqual([0x1f600, 0x1f600]);
  });

  it('names a readable character', () => {
    expect(describeChar(DOT)).toBe("'a'");
    expect(describeChar([0x30, 0x39])).toBe("'0'");
    expect(describeChar([0xe9, 0xe9])).toBe('U+00E9');
  });
});
