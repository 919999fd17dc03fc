/**
 * The content hash of a configuration file, shown by `admin/config` and stored with snapshots so
 * that operators can tell which file a server runs. FNV-1a 64 over the UTF-8 bytes: small, pure,
 * and with 64 bits two revisions of a file practically never collide (the 32-bit MurmurHash3
 * behind assignment would, over a long history). Not a cryptographic hash.
 */

// FNV-1a 64 in four 16-bit limbs (least significant first), so that every product stays exact
// in a double without BigInt. Offset basis 0xcbf29ce484222325, prime 2^40 + 0x1b3.
const BASIS = [0x2325, 0x8422, 0x9ce4, 0xcbf2] as const;
const PRIME_LOW = 0x1b3;

/**
 * FNV-1a 64 of the UTF-8 encoding of `text`, as 16 lower-case hex digits. Lone surrogates are
 * encoded as U+FFFD, as `TextEncoder` does.
 *
 * @example hashSource('a') // 'af63dc4c8601ec8c'
 */
export function hashSource(text: string): string {
  let [h0, h1, h2, h3] = BASIS as readonly number[] as [number, number, number, number];
  const mix = (byte: number): void => {
    h0 ^= byte;
    const t0 = h0 * PRIME_LOW;
    const t1 = h1 * PRIME_LOW + (t0 >>> 16);
    const t2 = h2 * PRIME_LOW + h0 * 0x100 + (t1 >>> 16);
    const t3 = h3 * PRIME_LOW + h1 * 0x100 + (t2 >>> 16);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  };
  for (const char of text) {
    let cp = char.codePointAt(0) ?? 0xfffd;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) mix(cp);
    else if (cp < 0x800) {
      mix(0xc0 | (cp >> 6));
      mix(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      mix(0xe0 | (cp >> 12));
      mix(0x80 | ((cp >> 6) & 0x3f));
      mix(0x80 | (cp & 0x3f));
    } else {
      mix(0xf0 | (cp >> 18));
      mix(0x80 | ((cp >> 12) & 0x3f));
      mix(0x80 | ((cp >> 6) & 0x3f));
      mix(0x80 | (cp & 0x3f));
    }
  }
  return [h3, h2, h1, h0].map((limb) => limb.toString(16).padStart(4, '0')).join('');
}
