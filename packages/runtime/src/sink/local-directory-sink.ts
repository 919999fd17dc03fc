/**
 * The interim warehouse format: JSON Lines, one file per table and partition per flush, in the
 * directory layout of warehouse.md §1. The Parquet warehouse sink replaces it (same paths and
 * row shapes, `.parquet` instead of `.jsonl`).
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { ClosedSession, Logger, WarehouseRow } from '@iserver/core';
import { noopLogger } from '@iserver/core';

import type { OfflineEventRow, SessionSink } from './session-sink.js';

export interface LocalDirectorySinkOptions {
  /** The warehouse root; files go to `<dir>/<environment>/tables/…`. */
  readonly dir: string;
  /** @default 'development' */
  readonly environment?: string;
  /** Unique per writer (file names). @default a random id */
  readonly instanceId?: string;
  /** How often buffered rows are written. 0 writes only on `flush()`/`close()`. @default 5000 */
  readonly flushIntervalMs?: number;
  /** Buffered rows that trigger a write before the interval. @default 10000 */
  readonly maxBufferedRows?: number;
  /** @default noopLogger */
  readonly logger?: Logger;
}

/** UTC date and hour of a time: the `ds`/`hh` partition. */
export function partitionOf(time: number): { readonly ds: string; readonly hh: string } {
  const iso = new Date(time).toISOString();
  return { ds: iso.slice(0, 10), hh: iso.slice(11, 13) };
}

interface Batch {
  readonly table: string;
  readonly ds: string;
  readonly hh: string;
  readonly rows: WarehouseRow[];
}

/**
 * `<dir>/<environment>/tables/<table>/ds=YYYY-MM-DD/hh=HH/<instanceId>-<seq>.jsonl`, partitioned
 * by the session's close time (offline events: arrival time). Files appear complete: each is
 * written under a temporary name and renamed.
 *
 * @example const sink = createLocalDirectorySink({ dir: './iserver-data/warehouse', environment: 'production' });
 */
export function createLocalDirectorySink(options: LocalDirectorySinkOptions): SessionSink {
  const root = join(options.dir, options.environment ?? 'development', 'tables');
  const instanceId = options.instanceId ?? randomUUID().slice(0, 8);
  const logger = options.logger ?? noopLogger;
  const maxRows = options.maxBufferedRows ?? 10_000;
  let buffer = new Map<string, Batch>();
  let buffered = 0;
  let seq = 0;
  let closed = false;
  let writing: Promise<void> = Promise.resolve();

  const enqueue = (batch: Batch) => {
    const key = `${batch.table}\u0000${batch.ds}\u0000${batch.hh}`;
    const existing = buffer.get(key);
    if (existing) existing.rows.push(...batch.rows);
    else buffer.set(key, { ...batch, rows: [...batch.rows] });
    buffered += batch.rows.length;
  };

  const add = (table: string, time: number, row: WarehouseRow) => {
    if (closed) throw new Error('the sink is closed');
    enqueue({ table, ...partitionOf(time), rows: [row] });
    if (buffered >= maxRows) {
      flush().catch((error: unknown) => logger.error({ err: error }, 'sink flush failed'));
    }
  };

  const writeBatch = async (batch: Batch) => {
    const dir = join(root, batch.table, `ds=${batch.ds}`, `hh=${batch.hh}`);
    seq += 1;
    const name = `${instanceId}-${String(seq).padStart(6, '0')}.jsonl`;
    await mkdir(dir, { recursive: true });
    const text = batch.rows.map((row) => JSON.stringify(row)).join('\n') + '\n';
    await writeFile(join(dir, `.${name}.tmp`), text);
    await rename(join(dir, `.${name}.tmp`), join(dir, name));
  };

  const writeAll = async () => {
    const batches = [...buffer.values()];
    buffer = new Map();
    buffered = 0;
    for (const [i, batch] of batches.entries()) {
      try {
        await writeBatch(batch);
      } catch (error) {
        // Keep what was not written for the next flush; report the failure to the caller.
        for (const rest of batches.slice(i)) enqueue(rest);
        throw error;
      }
    }
  };

  const flush = (): Promise<void> => {
    writing = writing.catch(() => undefined).then(writeAll);
    return writing;
  };

  const interval = options.flushIntervalMs ?? 5000;
  const timer =
    interval > 0
      ? setInterval(() => {
          flush().catch((error: unknown) => logger.error({ err: error }, 'sink flush failed'));
        }, interval)
      : undefined;
  timer?.unref();

  return {
    write(closedSession: ClosedSession) {
      add('session', closedSession.closedAt, closedSession.session);
      for (const feature of closedSession.features)
        add(feature.table, closedSession.closedAt, feature.row);
    },
    writeOffline(record: OfflineEventRow) {
      add(record.table, record.eventTime, record.row);
    },
    flush,
    async close() {
      if (timer) clearInterval(timer);
      await flush();
      closed = true;
    },
  };
}
