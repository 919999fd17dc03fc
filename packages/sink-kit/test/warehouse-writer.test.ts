/**
 * End to end: a real engine produces closed sessions, the writer turns them into Parquet files in
 * a local directory, DuckDB reads them back, and every row must equal what the engine produced.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { pickVariant, variantBucket } from '@iserver/core';
import type { ClosedSession, OfflineEventRecord } from '@iserver/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createLocalDirectoryStore, createWarehouseWriter } from '../src/index.js';
import type { WarehouseTable } from '../src/index.js';
import { describeTable, parquetSchema, project, readTable } from './duckdb.js';
import { config, findKey, schema, setup, T0 } from './fixture.js';

const bold = findKey((k) => pickVariant(variantBucket('banner-copy', k), [5000, 10000]) === 1);
const plain = findKey((k) => pickVariant(variantBucket('banner-copy', k), [5000, 10000]) === 0);

let dir: string;
let closed: ClosedSession[];
let refund: OfflineEventRecord;
let tables: readonly WarehouseTable[];
const LAST_MS_OF_DAY = Date.parse('2026-03-06T23:59:59.999Z');
const MIDNIGHT = Date.parse('2026-03-07T00:00:00.000Z');

/** Drives the engine through everything the warehouse records. */
async function runEngine() {
  const { engine, clock } = setup();
  // Session 1 (the `bold` arm): struct, list, enum and mutable args; a real impression and a cache fill.
  const first = await engine.evaluate({
    args: {
      visitorId: bold,
      tabId: 'tab-1',
      address: { city: 'Leeds', zip: 'LS1', tags: ['home', 'work'], meta: {} },
      segments: ['new', 'mobile'],
      secret: 'not logged',
      userAgent: 'UA/1.0',
      entryUrl: 'https://shop.example/café?x=ü',
    },
    impressionId: 'imp-1',
    features: [
      {
        name: 'Banner',
        args: {
          page: 'home',
          price: { amount: 2.5, currencyCode: 'EUR' },
          tags: ['a', 'b'],
          token: 'secret',
          campaign: 'spring',
        },
      },
      { name: 'KillSwitch' },
    ],
  });
  await engine.evaluate({
    args: { visitorId: bold, tabId: 'tab-1' },
    features: [{ name: 'Banner', args: { page: 'cart' } }], // cache fill: impression_count 0
  });
  const keys = { visitorId: bold };
  clock.t += 1_000;
  engine.signal({
    kind: 'feature-event',
    keys,
    feature: 'Banner',
    event: 'Dismiss',
    impressionId: 'imp-1',
    args: { where: { zip: 'N1', tags: [] } },
  });
  engine.signal({
    kind: 'feature-event',
    keys,
    feature: 'Banner',
    event: 'Click',
    impressionId: 'imp-1',
    args: { x: -3, y: 2 ** 40, region: 'top' },
  });
  engine.signal({
    kind: 'feature-event',
    keys,
    feature: 'Banner',
    event: 'ProductSeen',
    impressionId: 'imp-1',
    args: { sku: 'SKU-1', price: { amount: 10, currencyCode: 'EUR' } },
  });
  engine.signal({
    kind: 'session-event',
    keys,
    event: 'AddToCart',
    args: {
      sku: 'SKU-1',
      quantity: 2,
      unitPrice: { amount: 9.99, currencyCode: 'GBP' },
      tier: 'GOLD',
    },
  });
  engine.signal({ kind: 'session-event', keys, event: 'AddToCart', args: { sku: 'SKU-2' } });
  engine.signal({ kind: 'session-event', keys, event: 'ProductSeen', args: { sku: 'SKU-3' } });
  engine.signal({
    kind: 'external',
    keys,
    feature: 'Banner',
    impressionId: 'imp-1',
    values: { size: 'Big' },
  });
  clock.t += 1_000;
  engine.signal({ kind: 'mutate', keys, field: 'userId', value: 'user-9' });
  engine.signal({ kind: 'mutate', keys, field: 'tier', value: 'GOLD' });
  engine.signal({ kind: 'mutate', keys, field: 'country', value: 'FR' });
  clock.t = LAST_MS_OF_DAY;
  const sessions: ClosedSession[] = [engine.close(first.session, 'flush')];

  // Session 2 (the control arm): defaults and nulls everywhere, closed at midnight.
  const second = await engine.evaluate({
    args: { visitorId: plain },
    impressionId: 'imp-2',
    features: [{ name: 'Banner', args: { page: 'home' } }],
  });
  clock.t = MIDNIGHT;
  sessions.push(engine.close(second.session, 'idle'));

  const offline = engine.offlineEvent('Refund', {
    orderId: 'order-7',
    amount: { amount: 12.5, currencyCode: 'EUR' },
    reasons: ['damaged', 'late'],
    tier: 'GOLD',
  });
  return { sessions, offline };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sink-kit-'));
  const run = await runEngine();
  closed = run.sessions;
  refund = run.offline;
  const writer = createWarehouseWriter({
    schema,
    store: createLocalDirectoryStore(dir, { fsync: false }),
    environment: 'test',
    instanceId: 'itest',
  });
  tables = writer.tables;
  for (const c of closed) writer.write(c);
  writer.writeOffline(refund, MIDNIGHT + 5_000);
  writer.writeSnapshot(config, T0);
  await writer.close();
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const tableOf = (name: string) => {
  const table = tables.find((t) => t.name === name);
  if (!table) throw new Error(`no table ${name}`);
  return table;
};
const glob = (table: string) => join(dir, 'test', 'tables', table, '**', '*.parquet');
const withoutPartition = ({ ds: _ds, hh: _hh, ...row }: Record<string, unknown>) => row;

describe('the warehouse files, read back with DuckDB', () => {
  it('lay out tables and partitions by the session close hour', async () => {
    const partitions = async (table: string) =>
      (await readdir(join(dir, 'test', 'tables', table), { recursive: true }))
        .filter((f) => f.endsWith('.parquet'))
        .sort();
    const file = String.raw`itest-\d{9}\.parquet`;
    const session = await partitions('session');
    expect(session).toHaveLength(2);
    expect(session[0]).toMatch(new RegExp(`^ds=2026-03-06/hh=23/${file}$`));
    expect(session[1]).toMatch(new RegExp(`^ds=2026-03-07/hh=00/${file}$`));
    const banner = await partitions('banner');
    expect(banner).toHaveLength(2);
    expect(banner[0]).toMatch(new RegExp(`^ds=2026-03-06/hh=23/${file}$`));
    expect(banner[1]).toMatch(new RegExp(`^ds=2026-03-07/hh=00/${file}$`));
    expect(await partitions('refund')).toEqual([expect.stringMatching(/^ds=2026-03-07\/hh=00\//)]);
    expect(await partitions('variant')).toEqual([expect.stringMatching(/^ds=2026-03-06\/hh=10\//)]);
    // A feature that was never on (KillSwitch has no outputs, but was impressed) still has its rows.
    expect(await partitions('kill_switch')).toHaveLength(1);
    // Nothing but finished files: no temporary files left behind.
    const all = await readdir(dir, { recursive: true });
    expect(all.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('hold the session rows exactly as the engine closed them', async () => {
    const rows = await readTable(glob('session'), 'session_id');
    expect(rows.map((r) => [r.ds, r.hh])).toEqual([
      ['2026-03-06', '23'],
      ['2026-03-07', '00'],
    ]);
    const table = tableOf('session');
    expect(rows.map(withoutPartition)).toEqual(
      closed.map((c) => project(table.columns, c.session)),
    );
    // The values are the interesting ones, not just equal: spot-check the nested shapes.
    const [first, second] = rows;
    expect(first).toMatchObject({
      visitor_id: bold,
      tab_id: 'tab-1',
      user_agent: 'UA/1.0',
      entry_url: 'https://shop.example/café?x=ü',
      start_time: T0,
      session_length: 2_000,
      variants: ['banner-copy:bold'],
      audiences: [],
      user_id: 'user-9',
      user_id_history: [
        { start_time: T0, end_time: T0 + 2_000, value: null },
        { start_time: T0 + 2_000, end_time: T0 + 2_000, value: 'user-9' },
      ],
      tier: 'GOLD',
      tier_history: [
        { start_time: T0, end_time: T0 + 2_000, value: 'FREE' },
        { start_time: T0 + 2_000, end_time: T0 + 2_000, value: 'GOLD' },
      ],
      address: { city: 'Leeds', zip: 'LS1', tags: ['home', 'work'] },
      segments: ['new', 'mobile'],
      score: 0.5,
      country: 'FR',
      country_history: [
        { start_time: T0, end_time: T0 + 2_000, value: 'GB' },
        { start_time: T0 + 2_000, end_time: T0 + 2_000, value: 'FR' },
      ],
      timezone_offset: 60,
    });
    expect(first?.add_to_cart).toEqual([
      expect.objectContaining({
        event_time: T0 + 1_000,
        sku: 'SKU-1',
        quantity: 2,
        unit_price: { amount: 9.99, currency_code: 'GBP' },
        tier: 'GOLD',
      }),
      expect.objectContaining({ sku: 'SKU-2', quantity: 1, unit_price: null, tier: null }),
    ]);
    expect(first).not.toHaveProperty('secret');
    expect(second).toMatchObject({
      tab_id: null,
      user_agent: null,
      entry_url: null,
      address: null,
      segments: null,
      user_id_history: [{ start_time: LAST_MS_OF_DAY, end_time: LAST_MS_OF_DAY, value: null }],
      add_to_cart: [],
      product_seen: [],
    });
  });

  it('hold one feature row per memoized (session, feature, args)', async () => {
    const rows = await readTable(glob('banner'), 'session_id, page DESC');
    const table = tableOf('banner');
    const expected = closed.flatMap((c) =>
      c.features.filter((f) => f.table === 'banner').map((f) => project(table.columns, f.row)),
    );
    expect(rows.map(withoutPartition)).toEqual(expected);
    expect(rows).toHaveLength(3);
    const [home, cart, control] = rows;
    expect(home).toMatchObject({
      visitor_id: bold,
      impression_ids: ['imp-1'],
      impressions: [{ impression_id: 'imp-1', impression_time: T0 }],
      impression_count: 1,
      page: 'home',
      slot: 1,
      price: { amount: 2.5, currency_code: 'EUR' },
      campaign: 'spring',
      text: 'Bold!',
      tier: 'GOLD',
      items: [
        { amount: 1.5, currency_code: 'EUR' },
        { amount: 2.25, currency_code: 'USD' },
      ],
      text_is_default: false,
      text_variant: 'bold',
      text_variant_name: 'Bold',
      size: 'Big',
      shown_at: 1767225600000,
      related: ['home-1'],
      click: [
        expect.objectContaining({ impression_id: 'imp-1', x: -3, y: 2 ** 40, region: 'top' }),
      ],
      dismiss: [
        expect.objectContaining({
          reason: 'closed',
          where: { city: null, zip: 'N1', tags: [] },
        }),
      ],
      product_seen: [
        expect.objectContaining({ sku: 'SKU-1', price: { amount: 10, currency_code: 'EUR' } }),
      ],
    });
    expect(home).not.toHaveProperty('token');
    expect(home).not.toHaveProperty('debug');
    expect(cart).toMatchObject({ page: 'cart', impression_count: 0, impressions: [], price: null });
    expect(control).toMatchObject({
      text: 'Hello',
      tier: 'FREE',
      items: [],
      shown_at: null,
      text_is_default: true,
    });
  });

  it('round-trip every feature table, column for column', async () => {
    for (const table of tables.filter((t) => t.kind === 'feature')) {
      const expected = closed.flatMap((c) =>
        c.features.filter((f) => f.table === table.name).map((f) => project(table.columns, f.row)),
      );
      const rows = await readTable(glob(table.name), 'session_id, impression_count DESC');
      expect(rows.map(withoutPartition), table.name).toEqual(expected);
      expect(Object.keys(rows[0] ?? {})).toEqual([...table.columns.map((c) => c.name), 'ds', 'hh']);
    }
  });

  it('hold offline events by arrival hour with struct and list fields', async () => {
    const rows = await readTable(glob('refund'), 'event_id');
    expect(rows).toEqual([
      {
        event_time: refund.eventTime,
        event_id: refund.eventId,
        order_id: 'order-7',
        amount: { amount: 12.5, currency_code: 'EUR' },
        reasons: ['damaged', 'late'],
        tier: 'GOLD',
        note: null,
        ds: '2026-03-07',
        hh: '00',
      },
    ]);
  });

  it('hold the configuration snapshot', async () => {
    const common = {
      config_hash: config.hash,
      environment: 'test',
      loaded_at: T0,
      ds: '2026-03-06',
      hh: '10',
    };
    expect(await readTable(glob('experiment'), 'experiment_id')).toEqual([
      {
        experiment_id: 'banner-copy',
        name: 'Banner copy',
        state: 'running',
        launched_at: Date.parse('2026-01-01T00:00:00Z'),
        audience_id: null,
        traffic: 100,
        split_key: null,
        ...common,
      },
      {
        experiment_id: 'gold-only',
        name: null,
        state: 'draft',
        launched_at: null,
        audience_id: 'gold',
        traffic: 12.5,
        split_key: null,
        ...common,
      },
    ]);
    const variants = await readTable(glob('variant'), 'experiment_id, variant_id');
    expect(
      variants.map((v) => [v.experiment_id, v.variant_id, v.name, v.weight, v.is_control]),
    ).toEqual([
      ['banner-copy', 'bold', 'Bold', 1, false],
      ['banner-copy', 'control', null, 1, true],
      ['gold-only', 'control', null, 3, true],
      ['gold-only', 'shiny', null, 1, false],
    ]);
    const values = await readTable(glob('variant_value'), 'experiment_id, variant_id, field_name');
    expect(values.map((v) => [v.variant_id, v.feature_name, v.field_name, v.field_value])).toEqual([
      [
        'bold',
        'Banner',
        'items',
        '[{"amount":1.5,"currencyCode":"EUR"},{"amount":2.25,"currencyCode":"USD"}]',
      ],
      ['bold', 'Banner', 'shownAt', '1767225600000'],
      ['bold', 'Banner', 'text', '"Bold!"'],
      ['bold', 'Banner', 'tier', '"GOLD"'],
      ['shiny', 'Banner', 'trackingTag', '"shiny"'],
    ]);
    expect(await readTable(glob('audience'), 'audience_id')).toEqual([
      {
        audience_id: 'gold',
        name: 'Gold members',
        description: 'Sessions of the gold tier',
        definition: JSON.stringify(config.audiences.get('gold')?.definition),
        ...common,
      },
    ]);
  });

  it('use the warehouse types: strings, BIGINT, DOUBLE, UTC timestamps, lists and structs', async () => {
    expect(await describeTable(glob('banner'))).toMatchObject({
      session_id: 'VARCHAR',
      impression_ids: 'VARCHAR[]',
      impressions: 'STRUCT(impression_id VARCHAR, impression_time TIMESTAMP WITH TIME ZONE)[]',
      first_time: 'TIMESTAMP WITH TIME ZONE',
      impression_count: 'BIGINT',
      price: 'STRUCT(amount DOUBLE, currency_code VARCHAR)',
      tier: 'VARCHAR',
      text_is_default: 'BOOLEAN',
      shown_at: 'TIMESTAMP WITH TIME ZONE',
      click:
        'STRUCT(event_time TIMESTAMP WITH TIME ZONE, impression_id VARCHAR, event_id VARCHAR, x BIGINT, y BIGINT, region VARCHAR)[]',
    });
    expect(await describeTable(glob('session'))).toMatchObject({
      address: 'STRUCT(city VARCHAR, zip VARCHAR, tags VARCHAR[])',
      user_id_history:
        'STRUCT(start_time TIMESTAMP WITH TIME ZONE, end_time TIMESTAMP WITH TIME ZONE, "value" VARCHAR)[]',
    });
  });

  it('mark REQUIRED what is never missing and OPTIONAL what may be null', async () => {
    const [file] = (await readdir(join(dir, 'test/tables/banner/ds=2026-03-06/hh=23'))).map((f) =>
      join(dir, 'test/tables/banner/ds=2026-03-06/hh=23', f),
    );
    const elements = await parquetSchema(file ?? '');
    const element = (name: string) => elements.find((e) => e.name === name);
    expect(element('session_id')).toMatchObject({
      repetition_type: 'REQUIRED',
      converted_type: 'UTF8',
    });
    expect(element('page')).toMatchObject({ repetition_type: 'REQUIRED' });
    expect(element('slot')).toMatchObject({ repetition_type: 'OPTIONAL', type: 'INT64' });
    expect(element('first_time')).toMatchObject({ repetition_type: 'REQUIRED', type: 'INT64' });
    expect(String(element('first_time')?.logical_type)).toMatch(
      /TimestampType\(isAdjustedToUTC=1, unit=TimeUnit\(MILLIS/,
    );
    expect(element('price')).toMatchObject({ repetition_type: 'OPTIONAL', num_children: 2 });
    expect(element('currency_code')).toMatchObject({ repetition_type: 'REQUIRED' });
    expect(element('impressions')).toMatchObject({
      repetition_type: 'REQUIRED',
      converted_type: 'LIST',
    });
  });
});
