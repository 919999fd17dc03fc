/** The writer's batching, naming, failure handling and timers, over an in-memory store and a fake timer. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { ClosedSession } from '@iserver/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  createMemoryStore,
  createWarehouseWriter,
  type ObjectStore,
  type WarehouseWriterOptions,
  type WrittenObject,
} from '../src/index.js';
import { query } from './duckdb.js';
import { schema, setup, T0 } from './fixture.js';

let sessions: ClosedSession[];
let dir: string;

/** `count` closed sessions, each with one Banner row carrying two events. */
async function closedSessions(count: number): Promise<ClosedSession[]> {
  const { engine, clock } = setup();
  for (let i = 0; i < count; i++) {
    const keys = { visitorId: `v${i}` };
    await engine.evaluate({
      args: keys,
      impressionId: `imp-${i}`,
      features: [{ name: 'Banner', args: { page: `p${i}` } }],
    });
    for (const event of ['Dismiss', 'Click']) {
      engine.signal({
        kind: 'feature-event',
        keys,
        feature: 'Banner',
        event,
        impressionId: `imp-${i}`,
      });
    }
  }
  clock.t = T0 + 1_000;
  return engine.closeAll('flush');
}

beforeAll(async () => {
  sessions = await closedSessions(5);
  dir = await mkdtemp(join(tmpdir(), 'sink-kit-writer-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A fake timer: records what the writer schedules; `fire()` runs what is due by the fake clock. */
function fakeTime(start = T0 + 5_000) {
  const clock = { t: start, now: () => clock.t };
  const timers: { at: number; callback: () => void; cancelled: boolean }[] = [];
  const schedule = (callback: () => void, delayMs: number) => {
    const timer = { at: clock.t + delayMs, callback, cancelled: false };
    timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };
  const pending = () => timers.filter((t) => !t.cancelled).map((t) => t.at);
  const fire = () => {
    for (const timer of timers.splice(0)) {
      if (!timer.cancelled && timer.at <= clock.t) timer.callback();
      else if (!timer.cancelled) timers.push(timer);
    }
  };
  return { clock, schedule, pending, fire };
}

function makeWriter(store: ObjectStore, options: Partial<WarehouseWriterOptions> = {}) {
  const time = fakeTime();
  const written: WrittenObject[] = [];
  const writer = createWarehouseWriter({
    schema,
    store,
    environment: 'prod',
    instanceId: 'web-1',
    clock: time.clock,
    schedule: time.schedule,
    onObjectWritten: (o) => written.push(o),
    ...options,
  });
  return { writer, time, written };
}

/** Lets the writer's background uploads run. */
const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('the warehouse writer', () => {
  it('seals batches by row count and names them <instance>-<sequence> in seal order', async () => {
    const store = createMemoryStore();
    const { writer, written } = makeWriter(store, { batching: { maxRows: 2 } });
    for (const s of sessions) writer.write(s);
    await writer.flush();
    const partition = 'ds=2026-03-06/hh=10';
    expect(written.map((o) => [o.key, o.rows])).toEqual([
      [`prod/tables/session/${partition}/web-1-000000000.parquet`, 2],
      [`prod/tables/banner/${partition}/web-1-000000001.parquet`, 2],
      [`prod/tables/session/${partition}/web-1-000000002.parquet`, 2],
      [`prod/tables/banner/${partition}/web-1-000000003.parquet`, 2],
      [`prod/tables/session/${partition}/web-1-000000004.parquet`, 1],
      [`prod/tables/banner/${partition}/web-1-000000005.parquet`, 1],
    ]);
    expect(writer.stats()).toMatchObject({
      writtenObjects: 6,
      writtenRows: 10,
      openRows: 0,
      queued: 0,
    });
    // The files hold the rows: read all banner files back.
    const files = [...store.objects].filter(([key]) => key.includes('/banner/'));
    const paths = await Promise.all(
      files.map(async ([, bytes], i) => {
        const path = join(dir, `banner-${i}.parquet`);
        await writeFile(path, bytes);
        return `'${path}'`;
      }),
    );
    const rows = await query(
      `SELECT page, len(click) AS clicks, len(dismiss) AS dismissals FROM read_parquet([${paths.join(', ')}]) ORDER BY page`,
    );
    expect(rows).toEqual(
      ['p0', 'p1', 'p2', 'p3', 'p4'].map((page) => ({ page, clicks: 1, dismissals: 1 })),
    );
  });

  it('seals batches by age through the injected timer', async () => {
    const store = createMemoryStore();
    const { writer, time, written } = makeWriter(store, { batching: { maxAgeMs: 60_000 } });
    writer.write(sessions[0]!);
    expect(time.pending()).toEqual([time.clock.t + 60_000]);
    time.clock.t += 30_000;
    writer.write(sessions[1]!); // joins the open batches: no new timer
    expect(time.pending()).toHaveLength(1);
    time.clock.t += 29_999;
    time.fire();
    await settle();
    expect(written).toEqual([]);
    time.clock.t += 1;
    time.fire();
    await settle();
    expect(written.map((o) => [o.table, o.rows])).toEqual([
      ['session', 2],
      ['banner', 2],
    ]);
    expect(time.pending()).toEqual([]);
    await writer.close();
  });

  it('keeps objects whose upload failed, under the same name, and writes them on a later flush', async () => {
    const memory = createMemoryStore();
    let down = true;
    const attempts: string[] = [];
    const store: ObjectStore = {
      put: (key, bytes) => {
        attempts.push(key);
        return down
          ? Promise.reject(
              Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
            )
          : memory.put(key, bytes);
      },
      delete: (key) => memory.delete(key),
      describe: () => 's3://bucket/prefix',
    };
    const { writer, time } = makeWriter(store, {
      retry: { maxAttempts: 2, sleep: () => Promise.resolve() },
      retryFailedAfterMs: 10_000,
    });
    writer.write(sessions[0]!);
    await expect(writer.flush()).rejects.toThrow(
      /^2 object\(s\) with 2 row\(s\) could not be written to s3:\/\/bucket\/prefix; they stay queued for the next flush\. Last error: put 'prod\/tables\/banner\/.*' to s3:\/\/bucket\/prefix failed \(2 attempts\): connect ECONNREFUSED$/,
    );
    expect(writer.stats()).toMatchObject({ failedObjects: 2, writtenObjects: 0 });
    expect(attempts).toHaveLength(4);
    // The writer retries on its own after retryFailedAfterMs …
    expect(time.pending()).toEqual([time.clock.t + 10_000]);
    time.clock.t += 10_000;
    time.fire();
    await settle();
    expect(writer.stats().failedObjects).toBe(2);
    // … and once storage is back, the same names are written (no duplicates under new names).
    down = false;
    await writer.flush();
    const keys = [...memory.objects.keys()].sort();
    expect(keys).toEqual([...new Set(attempts)].sort());
    expect(keys).toHaveLength(2);
    expect(writer.stats()).toMatchObject({ failedObjects: 0, writtenObjects: 2 });
  });

  it('surfaces a non-retryable failure at once and keeps the object', async () => {
    const attempts: string[] = [];
    const store: ObjectStore = {
      put: (key) => {
        attempts.push(key);
        return Promise.reject(
          Object.assign(new Error('Access Denied'), { $metadata: { httpStatusCode: 403 } }),
        );
      },
      delete: () => Promise.resolve(),
      describe: () => 's3://locked',
    };
    const { writer } = makeWriter(store);
    writer.write(sessions[0]!);
    await expect(writer.flush()).rejects.toThrow(/not retryable\): Access Denied$/);
    expect(attempts).toHaveLength(2); // session + banner, one attempt each
  });

  it('writes rows that do not fit their table as NDJSON next to the good ones', async () => {
    const store = createMemoryStore();
    const rejected: { table: string; key: string; reasons: string[] }[] = [];
    const { writer, written } = makeWriter(store, {
      onRowsRejected: ({ table, key, rows }) =>
        rejected.push({ table, key, reasons: rows.map((r) => r.reason) }),
    });
    const good = sessions[0]!;
    const bad: ClosedSession = {
      ...good,
      features: [
        ...good.features,
        { table: 'banner', feature: 'Banner', row: { ...good.features[0]?.row, page: 42 } },
        { table: 'gone', feature: 'Gone', row: { a: 1 } },
      ],
    };
    writer.write(bad);
    await writer.flush();
    expect(written.map((o) => [o.kind, o.table, o.rows])).toEqual([
      ['parquet', 'session', 1],
      ['parquet', 'banner', 1],
      ['rejected', 'banner', 1],
      ['rejected', 'gone', 1],
    ]);
    expect(rejected).toEqual([
      {
        table: 'banner',
        key: 'prod/rejected/banner/ds=2026-03-06/hh=10/web-1-000000001.ndjson',
        reasons: ["table 'banner', row 1: page: expected a string, got a number"],
      },
      {
        table: 'gone',
        key: 'prod/rejected/gone/ds=2026-03-06/hh=10/web-1-000000002.ndjson',
        reasons: ["no warehouse table 'gone' in the writer's FDL schema"],
      },
    ]);
    const text = new TextDecoder().decode(store.objects.get(rejected[0]?.key ?? ''));
    expect(JSON.parse(text)).toEqual({
      reason: rejected[0]?.reasons[0],
      row: expect.objectContaining({ page: 42 }) as unknown,
    });
    expect(writer.stats().rejectedRows).toBe(2);
  });

  it('takes offline events as core records or as ready rows, partitioned by arrival', async () => {
    const { writer, written } = makeWriter(createMemoryStore());
    const at = Date.parse('2026-03-07T05:59:59.999Z');
    writer.writeOffline({
      event: 'Refund',
      eventTime: at,
      eventId: 'e1',
      fields: { orderId: 'o1', amount: { amount: 1, currencyCode: 'EUR' }, reasons: [] },
    });
    writer.writeOffline({
      table: 'refund',
      event: 'Refund',
      eventTime: at + 1,
      row: {
        event_time: at + 1,
        event_id: 'e2',
        order_id: 'o2',
        amount: { amount: 2, currency_code: 'USD' },
        reasons: ['late'],
      },
    });
    await writer.flush();
    expect(written.map((o) => [o.kind, o.key, o.rows])).toEqual([
      ['parquet', 'prod/tables/refund/ds=2026-03-07/hh=05/web-1-000000000.parquet', 1],
      ['parquet', 'prod/tables/refund/ds=2026-03-07/hh=06/web-1-000000001.parquet', 1],
    ]);
  });

  it('refuses writes after close, and unknown offline events', async () => {
    const { writer } = makeWriter(createMemoryStore());
    expect(() =>
      writer.writeOffline({ event: 'Nope', eventTime: T0, eventId: 'e', fields: {} }),
    ).toThrow("'Nope' is not an offline event of the writer's FDL schema");
    await writer.close();
    await writer.close();
    expect(() => writer.write(sessions[0]!)).toThrow('the warehouse writer is closed');
  });

  it('checks its environment and instance id', () => {
    expect(() => makeWriter(createMemoryStore(), { instanceId: 'a/b' })).toThrow(
      "instanceId 'a/b' must be 1–200 characters",
    );
  });
});
