/** Append-only buffers for the column builders: capacity doubles, contents are copied once. */

function capacity(current: number, needed: number): number {
  let length = Math.max(current * 2, 64);
  while (length < needed) length *= 2;
  return length;
}

export function growInt32(array: Int32Array, needed: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(capacity(array.length, needed));
  next.set(array);
  return next;
}

export function growFloat64(array: Float64Array, needed: number): Float64Array<ArrayBuffer> {
  const next = new Float64Array(capacity(array.length, needed));
  next.set(array);
  return next;
}

export function growBytes(array: Uint8Array, needed: number): Uint8Array<ArrayBuffer> {
  const next = new Uint8Array(capacity(array.length, needed));
  next.set(array);
  return next;
}

/**
 * An Arrow bitmap (LSB first) that costs nothing until the first zero: columns without nulls
 * (most of them) never allocate one.
 */
export class Validity {
  #bits: Uint8Array | undefined;
  length = 0;
  nulls = 0;

  valid(): void {
    const i = this.length++;
    const bits = this.#bits;
    if (bits === undefined) return;
    const byte = i >> 3;
    const target = byte < bits.length ? bits : this.#grow(byte + 1);
    target[byte] = (target[byte] ?? 0) | (1 << (i & 7));
  }

  null(): void {
    const i = this.length++;
    this.nulls++;
    if (this.#bits === undefined) {
      // Everything before the first null was valid.
      const bits = new Uint8Array(capacity(0, (i >> 3) + 1));
      bits.fill(0xff, 0, i >> 3);
      bits[i >> 3] = (1 << (i & 7)) - 1;
      this.#bits = bits;
    } else if (i >> 3 >= this.#bits.length) {
      this.#grow((i >> 3) + 1);
    }
  }

  /** `undefined` when there was no null. */
  bits(): Uint8Array | undefined {
    return this.#bits?.subarray(0, (this.length + 7) >> 3);
  }

  #grow(needed: number): Uint8Array {
    const bits = new Uint8Array(capacity(this.#bits?.length ?? 0, needed));
    if (this.#bits) bits.set(this.#bits);
    this.#bits = bits;
    return bits;
  }
}

/** Boolean values as an Arrow bitmap. */
export class BitBuffer {
  #bits = new Uint8Array(64);
  length = 0;

  push(bit: boolean): void {
    const i = this.length++;
    const byte = i >> 3;
    if (byte >= this.#bits.length) {
      const next = new Uint8Array(capacity(this.#bits.length, byte + 1));
      next.set(this.#bits);
      this.#bits = next;
    }
    if (bit) this.#bits[byte] = (this.#bits[byte] ?? 0) | (1 << (i & 7));
  }

  bits(): Uint8Array {
    return this.#bits.subarray(0, (this.length + 7) >> 3);
  }
}
