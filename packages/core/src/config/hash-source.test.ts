import { describe, expect, it } from 'vitest';
import { hashSource } from './hash-source.js';

/** FNV-1a 64 the obvious way, on BigInt and TextEncoder, as a reference. */
function reference(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

describe('hashSource', () => {
  it('matches the published FNV-1a 64 vectors', () => {
    expect(hashSource('')).toBe('cbf29ce484222325');
    expect(hashSource('a')).toBe('af63dc4c8601ec8c');
    expect(hashSource('foobar')).toBe('85944171f73967e8');
  });

  it('hashes the UTF-8 bytes, including non-ASCII and lone surrogates', () => {
    for (const text of ['version: 1\n', 'ünïcödé', '日本語', '🎉 emoji', 'lone \uD800 surrogate']) {
      expect(hashSource(text)).toBe(reference(text));
    }
  });

  it('changes with any edit', () => {
    expect(hashSource('traffic: 50')).not.toBe(hashSource('traffic: 51'));
  });
});
