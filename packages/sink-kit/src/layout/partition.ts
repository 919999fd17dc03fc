/** Hive-style partitions: the UTC date and hour of an instant (warehouse.md §1). */
export interface Partition {
  /** `YYYY-MM-DD` (UTC). */
  readonly ds: string;
  /** `HH`, `00`–`23` (UTC). */
  readonly hh: string;
}

const HOUR_MS = 3_600_000;
let cachedHour = Number.NaN;
let cachedPartition: Partition = { ds: '', hh: '' };

/**
 * The partition of an epoch-millisecond instant: `23:59:59.999` is still the old day, `00:00` the
 * new one. Rows arrive in time order, so the last hour is remembered.
 *
 * @throws RangeError for an instant that is not a finite number of milliseconds.
 */
export function partitionOf(epochMs: number): Partition {
  const hour = Math.floor(epochMs / HOUR_MS);
  if (hour === cachedHour) return cachedPartition;
  if (!Number.isFinite(hour) || Math.abs(epochMs) > 8.64e15) {
    throw new RangeError(`not a valid instant: ${epochMs}`);
  }
  const iso = new Date(hour * HOUR_MS).toISOString();
  // Years beyond 9999 render as `+010000-…`; everything we write is far from that.
  const partition = { ds: iso.slice(0, 10), hh: iso.slice(11, 13) };
  cachedHour = hour;
  cachedPartition = partition;
  return partition;
}

/** `ds=YYYY-MM-DD/hh=HH`. */
export function partitionPath(partition: Partition): string {
  return `ds=${partition.ds}/hh=${partition.hh}`;
}
