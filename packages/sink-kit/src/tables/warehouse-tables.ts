import type { EventDef, FdlSchema, FeatureDef, FieldDef } from '@iserver/core';

import { SinkError, SinkErrorCode } from '../sink-error.js';
import {
  fieldColumns,
  INT64,
  listOf,
  optional,
  required,
  STRING,
  struct,
  TIMESTAMP,
} from './column-types.js';
import { SNAPSHOT_TABLES } from './snapshot-tables.js';
import type { Column, TableKind, WarehouseTable } from './warehouse-table.js';

/**
 * Every table the server writes for this FDL (warehouse.md §2): `session`, one table per concrete
 * feature, the configuration snapshot tables, one table per offline event. Columns come in exactly
 * the order `@iserver/core`'s closed-session rows list them; `@no_log` fields have none.
 *
 * @throws SinkError `SINK_SCHEMA_CONFLICT` when two tables get the same name (a feature or offline
 *   event named `Session` next to a `session` block): they cannot share a directory.
 * @example
 * const tables = warehouseTables(schema);
 * const banner = tables.find((t) => t.name === 'banner');
 */
export function warehouseTables(schema: FdlSchema): WarehouseTable[] {
  const tables = [
    sessionTable(schema),
    ...schema.features.filter((f) => !f.abstract).map((f) => featureTable(schema, f)),
    ...SNAPSHOT_TABLES,
    ...schema.offlineEvents.map((e) => offlineEventTable(schema, e)),
  ];
  const seen = new Map<string, WarehouseTable>();
  for (const table of tables) {
    const earlier = seen.get(table.name);
    if (earlier) {
      throw new SinkError(
        SinkErrorCode.SCHEMA_CONFLICT,
        `warehouse table '${table.name}' would hold both ${describe(earlier)} and ${describe(table)}; rename one of them in the FDL`,
      );
    }
    seen.set(table.name, table);
  }
  return tables;
}

const describe = (table: WarehouseTable) =>
  table.kind === 'session' ? 'the session' : `${table.kind} '${table.source}'`;

/** The persistent key's column (`device_id` for the implicit session). */
export function persistentKeyColumn(schema: FdlSchema): string {
  const key = schema.session.args.find((a) => a.name === schema.session.persistentKey);
  return key?.column ?? 'device_id';
}

function sessionTable(schema: FdlSchema): WarehouseTable {
  const def = schema.session;
  const byName = new Map(def.args.map((a) => [a.name, a]));
  const columns: Column[] = [];
  for (const key of def.sessionKeys) {
    const field = byName.get(key);
    if (!field) continue;
    // The persistent key is always there; other session keys follow their FDL type (String/ID).
    const nullable = key !== def.persistentKey && field.type.nullable;
    columns.push({ name: field.column, type: STRING, nullable });
  }
  columns.push(
    required('session_id', STRING),
    required('start_time', TIMESTAMP),
    required('session_length', INT64),
    // The engine records no user agent when neither the args nor the request carry one.
    optional('user_agent', STRING),
    optional('entry_url', STRING),
    required('variants', listOf(STRING)),
    required('audiences', listOf(STRING)),
  );
  const fields = [
    ...def.args.filter((a) => !def.sessionKeys.includes(a.name)),
    ...(def.plugin?.fields ?? []),
  ];
  for (const field of fields) {
    if (field.flags.noLog) continue;
    for (const column of fieldColumns(field, schema)) {
      columns.push(column);
      if (field.flags.mutable) columns.push(historyColumn(column));
    }
  }
  for (const event of def.events) columns.push(eventColumn(schema, event));
  return table('session', 'session', 'session', columns);
}

/** `<name>_history list<struct<start_time, end_time, value>>` of a `@mutable` field. */
function historyColumn(column: Column): Column {
  return required(
    `${column.name}_history`,
    listOf(
      struct([
        required('start_time', TIMESTAMP),
        // closeSession ends the open entry at the session's last activity.
        required('end_time', TIMESTAMP),
        { name: 'value', type: column.type, nullable: column.nullable },
      ]),
    ),
  );
}

function featureTable(schema: FdlSchema, feature: FeatureDef): WarehouseTable {
  const columns: Column[] = [
    required('session_id', STRING),
    required(persistentKeyColumn(schema), STRING),
    required('impression_ids', listOf(STRING)),
    required(
      'impressions',
      listOf(struct([required('impression_id', STRING), required('impression_time', TIMESTAMP)])),
    ),
    required('first_time', TIMESTAMP),
    required('impression_count', INT64),
  ];
  const logged = (fields: readonly FieldDef[]) =>
    fields.filter((f) => !f.flags.noLog).flatMap((f) => fieldColumns(f, schema));
  columns.push(...logged(feature.args));
  columns.push(...logged([...feature.outputs, ...(feature.plugin?.fields ?? [])]));
  for (const event of feature.events) columns.push(eventColumn(schema, event));
  return table(feature.table, 'feature', feature.name, columns);
}

/** A feature or session event: `list<struct<event_time, impression_id, event_id, fields…>>`. */
function eventColumn(schema: FdlSchema, event: EventDef): Column {
  return required(
    event.column,
    listOf(
      struct([
        required('event_time', TIMESTAMP),
        required('impression_id', STRING),
        required('event_id', STRING),
        ...eventFieldColumns(schema, event, false),
      ]),
    ),
  );
}

/**
 * An event's fields, then its plugin fields. The engine checks and defaults both for online
 * events; offline events get no plugin values yet, so there the plugin columns are OPTIONAL.
 */
function eventFieldColumns(schema: FdlSchema, event: EventDef, offline: boolean): Column[] {
  const plugin = (event.plugin?.fields ?? []).flatMap((f) => fieldColumns(f, schema));
  return [
    ...event.fields.flatMap((f) => fieldColumns(f, schema)),
    ...(offline ? plugin.map((c) => ({ ...c, nullable: true })) : plugin),
  ];
}

function offlineEventTable(schema: FdlSchema, event: EventDef): WarehouseTable {
  return table(event.column, 'offline-event', event.name, [
    required('event_time', TIMESTAMP),
    required('event_id', STRING),
    ...eventFieldColumns(schema, event, true),
  ]);
}

function table(
  name: string,
  kind: TableKind,
  source: string,
  all: readonly Column[],
): WarehouseTable {
  const columns: Column[] = [];
  const names = new Set<string>();
  const duplicateColumns: string[] = [];
  for (const column of all) {
    if (names.has(column.name)) duplicateColumns.push(column.name);
    else {
      names.add(column.name);
      columns.push(column);
    }
  }
  return { name, kind, source, columns, duplicateColumns };
}
