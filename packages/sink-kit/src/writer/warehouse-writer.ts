/**
 * The warehouse writer: closed sessions, offline events and configuration snapshots in; Parquet
 * objects out, batched per (table, partition), named deterministically, uploaded with retries.
 */
import type { ClosedSession, CompiledConfig, Logger, OfflineEventRecord } from '@iserver/core';

import { Batcher, type Batch } from '../batching/batcher.js';
import { estimateSize } from '../batching/estimate-size.js';
import { checkSegment } from '../layout/object-key.js';
import { partitionOf, type Partition } from '../layout/partition.js';
import type { Row } from '../parquet/encode-parquet.js';
import { SinkError, SinkErrorCode } from '../sink-error.js';
import type { ObjectStore } from '../store/object-store.js';
import { withRetry } from '../store/retry.js';
import { warehouseTables } from '../tables/warehouse-tables.js';
import type { WarehouseTable } from '../tables/warehouse-table.js';
import { encodeBatch, unwrittenError, type PendingObject } from './encode-batch.js';
import { offlineEventRow } from '@iserver/core';
import { snapshotRows } from './snapshot-rows.js';
import type {
  OfflineEventRow,
  ScheduleFn,
  WarehouseWriter,
  WarehouseWriterOptions,
  WriterStats,
} from './writer-types.js';

type Queued = { readonly batch: Batch<Row>; readonly sequence: number } | PendingObject;

const defaultSchedule: ScheduleFn = (callback, delayMs) => {
  const timer = setTimeout(callback, delayMs);
  timer.unref();
  return () => clearTimeout(timer);
};

const noop = () => undefined;
const silent: Logger = { debug: noop, info: noop, warn: noop, error: noop };
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * @example
 * const writer = createWarehouseWriter({
 *   schema, environment: 'prod', instanceId: `${hostname()}-${Date.now().toString(36)}`,
 *   store: createLocalDirectoryStore('./iserver-data'),
 * });
 * const engine = createEngine({ schema, config, clock, onSessionClosed: (c) => writer.write(c) });
 * process.on('SIGTERM', () => void writer.close());
 */
export function createWarehouseWriter(options: WarehouseWriterOptions): WarehouseWriter {
  return new Writer(options);
}

class Writer implements WarehouseWriter {
  readonly tables: readonly WarehouseTable[];
  readonly #options: WarehouseWriterOptions;
  readonly #byName: ReadonlyMap<string, WarehouseTable>;
  readonly #store: ObjectStore;
  readonly #batcher: Batcher<Row>;
  readonly #clock: { now(): number };
  readonly #schedule: ScheduleFn;
  readonly #logger: Logger;
  readonly #retryFailedAfterMs: number;
  #sequence: number;
  #queue: Queued[] = [];
  #failed: PendingObject[] = [];
  #lastFailure: unknown;
  #failedAt = 0;
  #pumping: Promise<void> | undefined;
  #cancelTimer: (() => void) | undefined;
  #timerAt: number | undefined;
  #closed = false;
  #written = { objects: 0, rows: 0, rejected: 0 };

  constructor(options: WarehouseWriterOptions) {
    checkSegment('environment', options.environment);
    checkSegment('instanceId', options.instanceId);
    this.#options = options;
    this.tables = warehouseTables(options.schema);
    this.#byName = new Map(this.tables.map((t) => [t.name, t]));
    this.#store = options.retry === false ? options.store : withRetry(options.store, options.retry);
    this.#batcher = new Batcher(options.batching);
    this.#clock = options.clock ?? { now: () => Date.now() };
    this.#schedule = options.schedule ?? defaultSchedule;
    this.#logger = options.logger ?? silent;
    this.#retryFailedAfterMs = options.retryFailedAfterMs ?? 30_000;
    this.#sequence = options.firstSequence ?? 0;
    for (const table of this.tables) {
      if (table.duplicateColumns.length > 0) {
        this.#logger.warn(
          { table: table.name, columns: table.duplicateColumns },
          'FDL fields map to columns that already exist; only the first is written',
        );
      }
    }
  }

  write(closed: ClosedSession): void {
    this.#assertOpen();
    const partition = partitionOf(closed.closedAt);
    const now = this.#clock.now();
    this.#add('session', partition, closed.session, now);
    for (const feature of closed.features) this.#add(feature.table, partition, feature.row, now);
    this.#rescheduleIfIdle();
  }

  writeOffline(record: OfflineEventRecord | OfflineEventRow, arrivedAt?: number): void {
    this.#assertOpen();
    const partition = partitionOf(arrivedAt ?? record.eventTime);
    const now = this.#clock.now();
    if ('row' in record) {
      this.#add(record.table, partition, record.row, now);
    } else {
      const schema = this.#options.schema;
      const event = schema.offlineEvents.find((e) => e.name === record.event);
      if (!event) {
        throw new SinkError(
          SinkErrorCode.ROW_INVALID,
          `'${record.event}' is not an offline event of the writer's FDL schema`,
        );
      }
      this.#add(event.column, partition, offlineEventRow(schema, record), now);
    }
    this.#rescheduleIfIdle();
  }

  writeSnapshot(config: CompiledConfig, loadedAt?: number): void {
    this.#assertOpen();
    const at = loadedAt ?? this.#clock.now();
    const partition = partitionOf(at);
    for (const [table, items] of snapshotRows(config, at)) {
      if (items.length === 0) continue;
      const bytes = items.reduce((n, row) => n + estimateSize(row), 0);
      this.#enqueue({ table, partition, items, bytes, openedAt: at, reason: 'flush' });
    }
  }

  async flush(): Promise<void> {
    for (const batch of this.#batcher.drain()) this.#enqueue(batch);
    this.#retryFailed();
    while (this.#pumping) await this.#pumping;
    this.#reschedule();
    if (this.#failed.length > 0) {
      throw unwrittenError(this.#failed, this.#store.describe(), this.#lastFailure);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.flush();
    } finally {
      this.#cancelTimer?.();
      this.#cancelTimer = undefined;
    }
  }

  stats(): WriterStats {
    return {
      openRows: this.#batcher.openRows,
      openBytes: this.#batcher.openBytes,
      queued: this.#queue.length,
      failedObjects: this.#failed.length,
      failedBytes: this.#failed.reduce((n, o) => n + o.bytes.length, 0),
      writtenObjects: this.#written.objects,
      writtenRows: this.#written.rows,
      rejectedRows: this.#written.rejected,
    };
  }

  #assertOpen(): void {
    if (this.#closed) throw new SinkError(SinkErrorCode.CLOSED, 'the warehouse writer is closed');
  }

  #add(table: string, partition: Partition, row: Row, now: number): void {
    for (const batch of this.#batcher.add(table, partition, row, estimateSize(row), now)) {
      this.#enqueue(batch);
    }
  }

  #enqueue(batch: Batch<Row>): void {
    this.#queue.push({ batch, sequence: this.#sequence++ });
    this.#pumping ??= this.#pump().finally(() => {
      this.#pumping = undefined;
    });
  }

  #retryFailed(): void {
    if (this.#failed.length === 0) return;
    this.#queue.push(...this.#failed);
    this.#failed = [];
    this.#pumping ??= this.#pump().finally(() => {
      this.#pumping = undefined;
    });
  }

  /** Encodes and uploads queued work one item at a time, yielding to requests in between. */
  async #pump(): Promise<void> {
    for (let next = this.#queue.shift(); next; next = this.#queue.shift()) {
      await yieldToEventLoop();
      try {
        if ('batch' in next) {
          await this.#uploadAll(this.#encode(next.batch, next.sequence));
        } else {
          await this.#uploadAll([next]);
        }
      } catch (error) {
        // Encoding bugs (not row problems, which encodeBatch handles) must not stop the pump.
        this.#logger.error({ err: error }, 'warehouse writer: a batch could not be encoded');
      }
    }
    this.#reschedule();
  }

  #encode(batch: Batch<Row>, sequence: number): PendingObject[] {
    const { environment, instanceId, parquet = {} } = this.#options;
    const table = this.#byName.get(batch.table);
    const encoded = encodeBatch(batch, table, { environment, instanceId, sequence }, parquet);
    const rejectedObject = encoded.objects.find((o) => o.kind === 'rejected');
    if (rejectedObject) {
      this.#written.rejected += encoded.rejected.length;
      this.#logger.error(
        {
          table: batch.table,
          key: rejectedObject.key,
          rows: encoded.rejected.length,
          reason: encoded.rejected[0]?.reason,
        },
        'warehouse rows do not fit their table; written as NDJSON',
      );
      this.#options.onRowsRejected?.({
        table: batch.table,
        key: rejectedObject.key,
        rows: encoded.rejected,
      });
    }
    return encoded.objects;
  }

  async #uploadAll(objects: readonly PendingObject[]): Promise<void> {
    for (const object of objects) {
      try {
        await this.#store.put(object.key, object.bytes);
      } catch (error) {
        this.#failed.push(object);
        this.#lastFailure = error;
        this.#failedAt = this.#clock.now();
        this.#logger.error(
          { err: error, key: object.key },
          'warehouse object not written; kept for a later try',
        );
        continue;
      }
      if (object.kind === 'parquet') {
        this.#written.objects++;
        this.#written.rows += object.rows;
      }
      this.#options.onObjectWritten?.({
        key: object.key,
        kind: object.kind,
        table: object.table,
        partition: object.partition,
        sequence: object.sequence,
        rows: object.rows,
        bytes: object.bytes.length,
      });
    }
  }

  /**
   * A new batch is never due before the ones already open, so a running timer stays right (if
   * its batch was sealed meanwhile, it fires early, finds nothing and re-arms).
   */
  #rescheduleIfIdle(): void {
    if (this.#timerAt === undefined) this.#reschedule();
  }

  /** One timer for the oldest open batch's age limit and for retrying failed uploads. */
  #reschedule(): void {
    if (this.#closed && this.#batcher.openRows === 0) return;
    const due = this.#batcher.nextDue();
    const retry = this.#failed.length > 0 ? this.#failedAt + this.#retryFailedAfterMs : undefined;
    const at = due === undefined ? retry : retry === undefined ? due : Math.min(due, retry);
    if (at === this.#timerAt) return;
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    this.#timerAt = at;
    if (at === undefined) return;
    this.#cancelTimer = this.#schedule(
      () => {
        this.#cancelTimer = undefined;
        this.#timerAt = undefined;
        this.#onTimer();
      },
      Math.max(0, at - this.#clock.now()),
    );
  }

  #onTimer(): void {
    const now = this.#clock.now();
    for (const batch of this.#batcher.due(now)) this.#enqueue(batch);
    if (this.#failed.length > 0 && now >= this.#failedAt + this.#retryFailedAfterMs) {
      this.#retryFailed();
    }
    this.#reschedule();
  }
}
