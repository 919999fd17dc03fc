import { describe, expect, it } from 'vitest';
import { murmur3Concat, murmur3String, murmur3x86_32 } from './murmur3.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Deterministic generator (mulberry32): the same strings on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// One- to four-byte UTF-8 characters, a surrogate pair, and lone surrogates of both halves.
const PIECES = [
  'a',
  'Z',
  '0',
  ':',
  '-',
  'é',
  'ß',
  'ü',
  '日',
  '語',
  '€',
  '😀',
  '𝄞',
  '\uD83D',
  '\uDE00',
  '\u0000',
  '\u007f',
  '\u0080',
  '\u07ff',
  '\u0800',
  '\uffff',
];

function randomStrings(count: number, seed: number): string[] {
  const next = random(seed);
  return Array.from({ length: count }, () => {
    let s = '';
    const length = Math.floor(next() * 45);
    for (let i = 0; i < length; i++) {
      // Mostly ASCII, like real keys, so the four-at-a-time path meets every alignment.
      s +=
        next() < 0.6
          ? String.fromCharCode(32 + Math.floor(next() * 95))
          : PIECES[Math.floor(next() * PIECES.length)]!;
    }
    return s;
  });
}

describe('murmur3x86_32', () => {
  // Published reference values of MurmurHash3_x86_32 (SMHasher), with seeds.
  it.each([
    [[], 0, 0],
    [[], 1, 0x514e28b7],
    [[], 0xffffffff, 0x81f16f39],
    [[0xff, 0xff, 0xff, 0xff], 0, 0x76293b50],
    [[0x21, 0x43, 0x65, 0x87], 0, 0xf55b516b],
    [[0x21, 0x43, 0x65, 0x87], 0x5082edee, 0x2362f9de],
    [[0x21, 0x43, 0x65], 0, 0x7e4a8634],
    [[0x21, 0x43], 0, 0xa0f7b07a],
    [[0x21], 0, 0x72661cf4],
    [[0, 0, 0, 0], 0, 0x2362f9de],
    [[0, 0, 0], 0, 0x85f0b427],
    [[0, 0], 0, 0x30f4c306],
    [[0], 0, 0x514e28b7],
  ])('bytes %j seed %i', (bytes, seed, expected) => {
    expect(murmur3x86_32(new Uint8Array(bytes), seed)).toBe(expected);
  });

  it.each([
    ['aaaa', 0x5a97808a],
    ['aaa', 0x283e0130],
    ['aa', 0x5d211726],
    ['a', 0x7fa09ea6],
    ['abcd', 0xf0478627],
    ['abc', 0xc84a62dd],
    ['ab', 0x74875592],
    ['Hello, world!', 0x24884cba],
    ['ππππππππ', 0xd58063c1],
    ['The quick brown fox jumps over the lazy dog', 0x2fa826cd],
  ])('%j with seed 0x9747b28c', (s, expected) => {
    expect(murmur3x86_32(utf8(s), 0x9747b28c)).toBe(expected);
  });

  it('defaults to seed 0', () => {
    expect(murmur3x86_32(utf8('abc'))).toBe(0xb3dd93fa);
  });
});

describe('murmur3String', () => {
  it('equals murmur3x86_32 over TextEncoder output, lone surrogates included', () => {
    for (const s of randomStrings(3000, 7)) {
      expect(murmur3String(s), JSON.stringify(s)).toBe(murmur3x86_32(utf8(s)));
    }
  });

  it.each([
    '',
    'a',
    'ab',
    'abc',
    'abcd',
    'abcde',
    'é',
    'aé',
    'abé',
    'abcé',
    '日',
    'a日',
    '😀',
    'a😀',
    'ab😀',
    'abc😀',
    '\uD83D',
    'a\uDE00',
    '\uDE00\uD83D',
    '\uD83D\uD83D\uDE00',
    'x\uD83D',
  ])('at every alignment: %j', (s) => {
    for (const prefix of ['', 'p', 'pq', 'pqr']) {
      const joined = prefix + s + 'tail';
      expect(murmur3String(joined)).toBe(murmur3x86_32(utf8(joined)));
    }
  });

  it('returns an unsigned 32-bit integer', () => {
    for (const s of randomStrings(500, 11)) {
      const h = murmur3String(s);
      expect(Number.isInteger(h) && h >= 0 && h < 2 ** 32).toBe(true);
    }
  });
});

describe('murmur3Concat', () => {
  it('hashes the joined string for every way of cutting it, even inside a surrogate pair', () => {
    for (const s of ['variant:cta-copy:device-abc-123', 'a😀b\uD83D日é', '\uD83D\uDE00\uD83D']) {
      const expected = murmur3String(s);
      for (let x = 0; x <= s.length; x++) {
        for (let y = x; y <= s.length; y++) {
          for (let z = y; z <= s.length; z++) {
            expect(murmur3Concat(s.slice(0, x), s.slice(x, y), s.slice(y, z), s.slice(z))).toBe(
              expected,
            );
          }
        }
      }
    }
  });

  it('pairs a high surrogate with a low one across empty parts', () => {
    expect(murmur3Concat('a\uD83D', '', '', '\uDE00b')).toBe(murmur3String('a😀b'));
    expect(murmur3Concat('a\uD83D', '', '', '')).toBe(murmur3String('a\uFFFD'));
  });

  it('matches random strings cut at random places', () => {
    const next = random(3);
    for (const s of randomStrings(1000, 5)) {
      const cuts = [0, 0, 0].map(() => Math.floor(next() * (s.length + 1))).sort((a, b) => a - b);
      const [x = 0, y = 0, z = 0] = cuts;
      expect(murmur3Concat(s.slice(0, x), s.slice(x, y), s.slice(y, z), s.slice(z))).toBe(
        murmur3String(s),
      );
    }
  });
});
