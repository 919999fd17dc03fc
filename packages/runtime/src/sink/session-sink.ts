/**
 * Where closed sessions and offline events go. The interim implementation writes JSON Lines
 * (`createLocalDirectorySink`); the Parquet warehouse sink implements the same interface.
 */
import type { ClosedSession, WarehouseRow } from '@iserver/core';

/** One offline event (warehouse.md §2.4), ready for its table. */
export interface OfflineEventRow {
  /** The event's table (snake_case of the event name). */
  readonly table: string;
  readonly event: string;
  /** Arrival time (epoch ms); partitions the row. */
  readonly eventTime: number;
  /** `event_time`, `event_id` and the event's fields as columns. */
  readonly row: WarehouseRow;
}

export interface SessionSink {
  /** Accepts a closed session (its session row and feature rows). */
  write(closed: ClosedSession): void | Promise<void>;
  writeOffline(record: OfflineEventRow): void | Promise<void>;
  /** Resolves when everything accepted so far is stored. */
  flush(): Promise<void>;
  /** Flushes, then refuses further writes. */
  close(): Promise<void>;
}

/** A sink that keeps everything in memory: for tests and embedding. */
export interface MemorySink extends SessionSink {
  readonly sessions: ClosedSession[];
  readonly offline: OfflineEventRow[];
}

export function createMemorySink(): MemorySink {
  let closed = false;
  const guard = () => {
    if (closed) throw new Error('the sink is closed');
  };
  const sessions: ClosedSession[] = [];
  const offline: OfflineEventRow[] = [];
  return {
    sessions,
    offline,
    write(session) {
      guard();
      sessions.push(session);
    },
    writeOffline(record) {
      guard();
      offline.push(record);
    },
    flush: () => Promise.resolve(),
    close() {
      closed = true;
      return Promise.resolve();
    },
  };
}
