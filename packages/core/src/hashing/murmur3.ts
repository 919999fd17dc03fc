/**
 * MurmurHash3 x86 32-bit, the hash behind every assignment (config.md §4.2). Changing a single
 * output of these functions moves sessions between variants: the golden vectors in
 * `test/hash-vectors.test.ts` pin them.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** Mixes one little-endian 4-byte block into the running hash. */
function mixBlock(h: number, block: number): number {
  let k = Math.imul(block, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** The 1–3 trailing bytes, then the length and the final avalanche. */
function finish(h: number, tail: number, length: number): number {
  if (tail !== 0) {
    let k = Math.imul(tail, C1);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, C2);
  }
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * MurmurHash3 x86_32 of a byte string, as an unsigned 32-bit integer.
 *
 * @param seed @default 0
 * @example murmur3x86_32(new Uint8Array([0x61])) // 1009084850
 */
export function murmur3x86_32(bytes: Uint8Array, seed = 0): number {
  const length = bytes.length;
  const blocks = length & ~3;
  let h = seed | 0;
  let i = 0;
  for (; i < blocks; i += 4) {
    h = mixBlock(
      h,
      (bytes[i] ?? 0) |
        ((bytes[i + 1] ?? 0) << 8) |
        ((bytes[i + 2] ?? 0) << 16) |
        ((bytes[i + 3] ?? 0) << 24),
    );
  }
  let tail = 0;
  for (let shift = 0; i < length; i++, shift += 8) tail |= (bytes[i] ?? 0) << shift;
  return finish(h, tail, length);
}

/**
 * MurmurHash3 x86_32 (seed 0) of the UTF-8 encoding of `s`, without allocating: the UTF-8 bytes
 * are produced from the UTF-16 code units on the fly and fed straight into the block mixer.
 * A lone surrogate is encoded as U+FFFD, exactly as `TextEncoder` does, so the result always
 * equals `murmur3x86_32(new TextEncoder().encode(s))`.
 *
 * @example murmur3String('hello') // 613153351
 */
export function murmur3String(s: string): number {
  return murmur3Concat(s, '', '', '');
}

/**
 * `murmur3String(a + b + c + d)` without building the joined string. Assignment keys are
 * `prefix + id + ":" + splitKey`; joining them first costs an allocation and a flatten that take
 * about as long as the hash itself.
 */
export function murmur3Concat(a: string, b: string, c: string, d: string): number {
  let h = 0;
  // Pending bytes of the current block, lowest first, and how many bits of it are filled.
  let block = 0;
  let fill = 0;
  let length = 0;
  // A high surrogate that ended a part: the next part may start with its low half.
  let high = 0;
  for (let part = 0; part < 4; part++) {
    const s = part === 0 ? a : part === 1 ? b : part === 2 ? c : d;
    const n = s.length;
    let i = 0;
    while (i < n) {
      let cp = s.charCodeAt(i);
      if (high === 0 && i + 3 < n) {
        // Split keys are mostly ASCII: take four characters at once, whatever the alignment.
        const c1 = s.charCodeAt(i + 1);
        const c2 = s.charCodeAt(i + 2);
        const c3 = s.charCodeAt(i + 3);
        if ((cp | c1 | c2 | c3) < 0x80) {
          const word = cp | (c1 << 8) | (c2 << 16) | (c3 << 24);
          h = mixBlock(h, block | (word << fill));
          block = fill === 0 ? 0 : word >>> (32 - fill);
          length += 4;
          i += 4;
          continue;
        }
      }
      if (high !== 0) {
        // Pair across parts; otherwise the lone high half becomes U+FFFD and s[i] is read next.
        if (cp >= 0xdc00 && cp <= 0xdfff) {
          cp = 0x10000 + ((high - 0xd800) << 10) + (cp - 0xdc00);
          i++;
        } else {
          cp = 0xfffd;
        }
        high = 0;
      } else {
        i++;
        if (cp >= 0xd800 && cp <= 0xdfff) {
          const next = i < n ? s.charCodeAt(i) : 0;
          if (cp > 0xdbff) {
            cp = 0xfffd;
          } else if (next >= 0xdc00 && next <= 0xdfff) {
            cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00);
            i++;
          } else if (i === n && laterLength(part, b, c, d) > 0) {
            high = cp;
            continue;
          } else {
            cp = 0xfffd;
          }
        }
      }
      // The code point's UTF-8 bytes, lowest first, and how many there are.
      let bytes: number;
      let count: number;
      if (cp < 0x80) {
        bytes = cp;
        count = 1;
      } else if (cp < 0x800) {
        bytes = 0xc0 | (cp >> 6) | ((0x80 | (cp & 0x3f)) << 8);
        count = 2;
      } else if (cp < 0x10000) {
        bytes =
          0xe0 | (cp >> 12) | ((0x80 | ((cp >> 6) & 0x3f)) << 8) | ((0x80 | (cp & 0x3f)) << 16);
        count = 3;
      } else {
        bytes =
          0xf0 |
          (cp >> 18) |
          ((0x80 | ((cp >> 12) & 0x3f)) << 8) |
          ((0x80 | ((cp >> 6) & 0x3f)) << 16) |
          ((0x80 | (cp & 0x3f)) << 24);
        count = 4;
      }
      length += count;
      for (; count > 0; count--, bytes >>>= 8) {
        block |= (bytes & 0xff) << fill;
        fill += 8;
        if (fill === 32) {
          h = mixBlock(h, block);
          block = 0;
          fill = 0;
        }
      }
    }
  }
  return finish(h, block, length);
}

/** Characters in the parts after `part`: decides whether a trailing high surrogate may pair. */
function laterLength(part: number, b: string, c: string, d: string): number {
  return part === 0
    ? b.length + c.length + d.length
    : part === 1
      ? c.length + d.length
      : part === 2
        ? d.length
        : 0;
}
