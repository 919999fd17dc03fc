import { compileFdl } from '@iserver/core';
import type { FdlSchema } from '@iserver/core';
import { describe, expect, it } from 'vitest';

import { config, schema, setup } from '../../test/fixture.js';
import { isSinkError } from '../sink-error.js';
import type { Column, ColumnType } from './warehouse-table.js';
import { warehouseTables } from './warehouse-tables.js';

const compile = (text: string): FdlSchema => {
  const { schema: compiled, diagnostics } = compileFdl([{ path: 't.fdl', text }]);
  if (!compiled) throw new Error(JSON.stringify(diagnostics));
  return compiled;
};

/** `name type!` / `name type` per column; structs and lists in Hive-like notation. */
const render = (c: Column): string => `${c.name} ${renderType(c.type)}${c.nullable ? '' : '!'}`;
const renderType = (t: ColumnType): string => {
  if (t.kind === 'list') return `list<${renderType(t.element)}${t.elementNullable ? '' : '!'}>`;
  if (t.kind === 'struct') return `struct<${t.fields.map(render).join(', ')}>`;
  return t.kind;
};

const tables = warehouseTables(schema);
const columnsOf = (name: string) => tables.find((t) => t.name === name)?.columns.map(render) ?? [];

describe('warehouseTables', () => {
  it('lists session, concrete features, snapshots and offline events', () => {
    expect(tables.map((t) => [t.name, t.kind, t.source])).toEqual([
      ['session', 'session', 'session'],
      ['banner', 'feature', 'Banner'],
      ['kill_switch', 'feature', 'KillSwitch'],
      ['experiment', 'snapshot', 'experiment'],
      ['variant', 'snapshot', 'variant'],
      ['variant_value', 'snapshot', 'variant_value'],
      ['audience', 'snapshot', 'audience'],
      ['refund', 'offline-event', 'Refund'],
    ]);
  });

  it('builds the session table in warehouse.md §2.1 order', () => {
    const money = 'struct<amount double!, currency_code string!>';
    const address = 'struct<city string, zip string!, tags list<string!>>';
    const history = (t: string, nullable: boolean) =>
      `list<struct<start_time timestamp!, end_time timestamp!, value ${t}${nullable ? '' : '!'}>!>!`;
    expect(columnsOf('session')).toEqual([
      'visitor_id string!',
      'tab_id string',
      'session_id string!',
      'start_time timestamp!',
      'session_length int64!',
      'user_agent string',
      'entry_url string',
      'variants list<string!>!',
      'audiences list<string!>!',
      'user_id string',
      `user_id_history ${history('string', true)}`,
      'tier string!',
      `tier_history ${history('string', false)}`,
      // `meta: Nothing` is a struct without fields: Parquet has no empty groups, so no column.
      `address ${address}`,
      'segments list<string!>',
      // `secret` is @no_log.
      'score double',
      'country string!',
      `country_history ${history('string', false)}`,
      'timezone_offset int64',
      // Imported events first, then declared ones (fdl.md §10).
      `product_seen list<struct<event_time timestamp!, impression_id string!, event_id string!, sku string!, price ${money}>!>!`,
      `add_to_cart list<struct<event_time timestamp!, impression_id string!, event_id string!, sku string!, quantity int64, unit_price ${money}, tier string>!>!`,
    ]);
  });

  it('builds a feature table in warehouse.md §2.2 order: args, outputs, plugin outputs, events', () => {
    expect(columnsOf('banner')).toEqual([
      'session_id string!',
      'visitor_id string!',
      'impression_ids list<string!>!',
      'impressions list<struct<impression_id string!, impression_time timestamp!>!>!',
      'first_time timestamp!',
      'impression_count int64!',
      'page string!',
      'slot int64',
      'price struct<amount double!, currency_code string!>',
      'tags list<string!>',
      'campaign string',
      'tracking_tag string',
      'text string!',
      'tier string!',
      'items list<struct<amount double!, currency_code string!>!>!',
      'text_is_default boolean',
      'text_variant string',
      'text_variant_name string',
      'size string',
      'shown_at timestamp',
      'related list<string!>!',
      'product_seen list<struct<event_time timestamp!, impression_id string!, event_id string!, sku string!, price struct<amount double!, currency_code string!>>!>!',
      'dismiss list<struct<event_time timestamp!, impression_id string!, event_id string!, reason string, where struct<city string, zip string!, tags list<string!>>>!>!',
      'click list<struct<event_time timestamp!, impression_id string!, event_id string!, x int64, y int64, region string>!>!',
    ]);
    expect(columnsOf('kill_switch')).toHaveLength(6);
  });

  it('builds offline event tables with event_time, event_id and the fields', () => {
    expect(columnsOf('refund')).toEqual([
      'event_time timestamp!',
      'event_id string!',
      'order_id string!',
      'amount struct<amount double!, currency_code string!>!',
      'reasons list<string!>!',
      'tier string',
      'note string',
    ]);
  });

  it('matches the column order of the rows the engine produces', async () => {
    const { engine } = setup();
    await engine.evaluate({
      args: { visitorId: 'v1' },
      impressionId: 'i1',
      features: [{ name: 'Banner', args: { page: 'p' } }, { name: 'KillSwitch' }],
    });
    const [closed] = engine.closeAll('flush');
    expect(closed).toBeDefined();
    const withoutEmpty = (row: object) => Object.keys(row);
    expect(columnsOf('session').map((c) => c.split(' ')[0])).toEqual(
      withoutEmpty(closed?.session ?? {}),
    );
    for (const feature of closed?.features ?? []) {
      expect(columnsOf(feature.table).map((c) => c.split(' ')[0])).toEqual(
        Object.keys(feature.row),
      );
    }
    expect(config.experiments).toHaveLength(2);
  });

  it('uses device_id for the implicit session and keeps the first of duplicate columns', () => {
    const implicit = warehouseTables(compile('feature F { args { sessionId: String } }'));
    const f = implicit.find((t) => t.name === 'f');
    expect(f?.columns.map((c) => c.name)).toEqual([
      'session_id',
      'device_id',
      'impression_ids',
      'impressions',
      'first_time',
      'impression_count',
    ]);
    expect(f?.duplicateColumns).toEqual(['session_id']);
  });

  it('refuses two tables with one name (the compiler prevents it; a hand-made schema may not)', () => {
    const banner = schema.features.find((f) => f.name === 'Banner');
    if (!banner) throw new Error('no Banner');
    const clash = {
      ...schema,
      features: [...schema.features, { ...banner, name: 'Refunds', table: 'refund' }],
    };
    let error: unknown;
    try {
      warehouseTables(clash);
    } catch (e) {
      error = e;
    }
    expect(isSinkError(error) && error.code).toBe('SINK_SCHEMA_CONFLICT');
    expect((error as Error).message).toBe(
      "warehouse table 'refund' would hold both feature 'Refunds' and offline-event 'Refund'; rename one of them in the FDL",
    );
  });
});
