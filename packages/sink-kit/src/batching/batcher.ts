/**
 * Groups rows by (table, partition) and decides when a group becomes a file: by row count, by
 * size, by age, or when too much is buffered overall. Pure: time is passed in, nothing is
 * scheduled here (the writer owns the timer), so every rule is testable without real timers.
 */
import type { Partition } from '../layout/partition.js';

export interface BatchingOptions {
  /**
   * A batch is sealed once it holds this many rows.
   * @default 10_000
   */
  readonly maxRows?: number;
  /**
   * … or once its estimated size (see `estimateSize`) reaches this many bytes.
   * @default 8_388_608 (8 MiB)
   */
  readonly maxBytes?: number;
  /**
   * … or once its first row is this old (checked by the writer's timer).
   * @default 60_000
   */
  readonly maxAgeMs?: number;
  /**
   * When all open batches together hold more than this, the largest is sealed early.
   * @default 67_108_864 (64 MiB)
   */
  readonly maxOpenBytes?: number;
}

export type ResolvedBatchingOptions = Required<BatchingOptions>;

export const DEFAULT_BATCHING: ResolvedBatchingOptions = {
  maxRows: 10_000,
  maxBytes: 8 * 1024 * 1024,
  maxAgeMs: 60_000,
  maxOpenBytes: 64 * 1024 * 1024,
};

/** @throws RangeError for a limit that is not a positive number. */
export function resolveBatching(options: BatchingOptions = {}): ResolvedBatchingOptions {
  const resolved = { ...DEFAULT_BATCHING, ...options };
  for (const [name, value] of Object.entries(resolved)) {
    if (!(typeof value === 'number' && value > 0)) {
      throw new RangeError(`batching.${name} must be a positive number, got ${String(value)}`);
    }
  }
  return resolved;
}

export type SealReason = 'rows' | 'bytes' | 'age' | 'memory' | 'flush';

export interface Batch<TItem> {
  readonly table: string;
  readonly partition: Partition;
  readonly items: readonly TItem[];
  /** Sum of the estimated sizes. */
  readonly bytes: number;
  /** When the first item arrived. */
  readonly openedAt: number;
  readonly reason: SealReason;
}

interface OpenBatch<TItem> {
  readonly table: string;
  readonly partition: Partition;
  readonly items: TItem[];
  bytes: number;
  readonly openedAt: number;
}

export class Batcher<TItem> {
  readonly options: ResolvedBatchingOptions;
  readonly #open = new Map<string, OpenBatch<TItem>>();
  #openBytes = 0;
  #openRows = 0;

  constructor(options: BatchingOptions = {}) {
    this.options = resolveBatching(options);
  }

  /** Rows in open (not yet sealed) batches. */
  get openRows(): number {
    return this.#openRows;
  }

  get openBytes(): number {
    return this.#openBytes;
  }

  /** Adds an item; returns the batches this sealed (its own when full, the largest on memory pressure). */
  add(
    table: string,
    partition: Partition,
    item: TItem,
    bytes: number,
    now: number,
  ): Batch<TItem>[] {
    const key = `${table}/${partition.ds}/${partition.hh}`;
    let batch = this.#open.get(key);
    if (!batch) {
      batch = { table, partition, items: [], bytes: 0, openedAt: now };
      this.#open.set(key, batch);
    }
    batch.items.push(item);
    batch.bytes += bytes;
    this.#openBytes += bytes;
    this.#openRows++;
    const sealed: Batch<TItem>[] = [];
    if (batch.items.length >= this.options.maxRows) sealed.push(this.#seal(key, 'rows'));
    else if (batch.bytes >= this.options.maxBytes) sealed.push(this.#seal(key, 'bytes'));
    while (this.#openBytes > this.options.maxOpenBytes) {
      const largest = this.#largest();
      if (largest === undefined) break;
      sealed.push(this.#seal(largest, 'memory'));
    }
    return sealed;
  }

  /** Seals the batches whose first item is at least `maxAgeMs` old. */
  due(now: number): Batch<TItem>[] {
    const sealed: Batch<TItem>[] = [];
    for (const [key, batch] of this.#open) {
      if (now - batch.openedAt >= this.options.maxAgeMs) sealed.push(this.#seal(key, 'age'));
    }
    return sealed;
  }

  /** When the oldest open batch becomes due; `undefined` when nothing is open. */
  nextDue(): number | undefined {
    let oldest: number | undefined;
    for (const batch of this.#open.values()) {
      if (oldest === undefined || batch.openedAt < oldest) oldest = batch.openedAt;
    }
    return oldest === undefined ? undefined : oldest + this.options.maxAgeMs;
  }

  /** Seals everything (flush, shutdown). */
  drain(): Batch<TItem>[] {
    return [...this.#open.keys()].map((key) => this.#seal(key, 'flush'));
  }

  #largest(): string | undefined {
    let found: string | undefined;
    let max = -1;
    for (const [key, batch] of this.#open) {
      if (batch.bytes > max) {
        max = batch.bytes;
        found = key;
      }
    }
    return found;
  }

  #seal(key: string, reason: SealReason): Batch<TItem> {
    const batch = this.#open.get(key);
    if (!batch) throw new Error(`no open batch ${key}`);
    this.#open.delete(key);
    this.#openBytes -= batch.bytes;
    this.#openRows -= batch.items.length;
    return { ...batch, reason };
  }
}
