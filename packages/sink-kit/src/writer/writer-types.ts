/** The warehouse writer's public types: options, the writer interface, what it reports. */
import type {
  ClosedSession,
  CompiledConfig,
  FdlSchema,
  Logger,
  OfflineEventRecord,
} from '@iserver/core';

import type { BatchingOptions } from '../batching/batcher.js';
import type { Partition } from '../layout/partition.js';
import type { EncodeParquetOptions, Row } from '../parquet/encode-parquet.js';
import type { ObjectStore } from '../store/object-store.js';
import type { RetryOptions } from '../store/retry.js';
import type { WarehouseTable } from '../tables/warehouse-table.js';
import type { RejectedRow } from './encode-batch.js';

/** Schedules a callback; returns its cancel function. The writer's only contact with timers. */
export type ScheduleFn = (callback: () => void, delayMs: number) => () => void;

export interface WarehouseWriterOptions {
  readonly schema: FdlSchema;
  /** Wrapped in `withRetry(store, retry)` unless `retry` is `false`. */
  readonly store: ObjectStore;
  /** First path segment of every object (`<environment>/tables/…`). */
  readonly environment: string;
  /**
   * Names this writer's objects (`<instanceId>-<sequence>.parquet`). Must be unique among writers
   * sharing a store, and per process run unless `firstSequence` continues a previous run's
   * numbering: a reused (instanceId, sequence) overwrites the earlier object.
   */
  readonly instanceId: string;
  /** @default 0 */
  readonly firstSequence?: number;
  readonly batching?: BatchingOptions;
  /** Compression and encodings of the Parquet files. @default snappy, no dictionaries */
  readonly parquet?: EncodeParquetOptions;
  /** @default withRetry's defaults (5 attempts, full-jitter backoff from 200 ms) */
  readonly retry?: RetryOptions | false;
  /**
   * How long failed uploads wait before the writer tries them again on its own.
   * @default 30_000
   */
  readonly retryFailedAfterMs?: number;
  /** @default { now: Date.now } */
  readonly clock?: { now(): number };
  /** @default setTimeout, unref'd so the writer never keeps a process alive */
  readonly schedule?: ScheduleFn;
  readonly logger?: Logger;
  /** Called after each object is stored. */
  readonly onObjectWritten?: (object: WrittenObject) => void;
  /** Called when rows do not fit their table; they are written as NDJSON under `rejected/`. */
  readonly onRowsRejected?: (info: { table: string; key: string; rows: RejectedRow[] }) => void;
}

/** An offline event already shaped as its table's row (`@iserver/runtime`'s `OfflineEventRow`). */
export interface OfflineEventRow {
  /** The event's table (snake_case of the event name). */
  readonly table: string;
  readonly event: string;
  /** Arrival time (epoch ms). */
  readonly eventTime: number;
  /** `event_time`, `event_id` and the fields by column, structs keyed by snake_case names. */
  readonly row: Row;
}

export interface WrittenObject {
  readonly key: string;
  readonly kind: 'parquet' | 'rejected';
  readonly table: string;
  readonly partition: Partition;
  readonly sequence: number;
  readonly rows: number;
  readonly bytes: number;
}

export interface WriterStats {
  /** Rows in batches not yet sealed. */
  readonly openRows: number;
  readonly openBytes: number;
  /** Sealed batches and encoded objects waiting for upload. */
  readonly queued: number;
  /** Objects whose upload failed after all retries, kept in memory for the next try. */
  readonly failedObjects: number;
  readonly failedBytes: number;
  readonly writtenObjects: number;
  readonly writtenRows: number;
  readonly rejectedRows: number;
}

export interface WarehouseWriter {
  /** The tables this writer knows, from the FDL. */
  readonly tables: readonly WarehouseTable[];
  /** Queues a closed session's rows; partition = the UTC hour of `closed.closedAt`. */
  write(closed: ClosedSession): void;
  /**
   * Queues an offline event: core's record (fields by FDL name), or a row already shaped for its
   * table (the runtime's `OfflineEventRow`). Partition = the hour it arrived: `arrivedAt`, by
   * default `eventTime`, which the engine sets on arrival.
   */
  writeOffline(record: OfflineEventRecord | OfflineEventRow, arrivedAt?: number): void;
  /** Writes the configuration snapshot tables now; partition = the load time (default now). */
  writeSnapshot(config: CompiledConfig, loadedAt?: number): void;
  /**
   * Seals every open batch and uploads everything queued, failed uploads included.
   * @throws SinkError `SINK_WRITE_FAILED` when objects still could not be stored (they stay queued).
   */
  flush(): Promise<void>;
  /** `flush()`, then refuses further writes. */
  close(): Promise<void>;
  stats(): WriterStats;
}
