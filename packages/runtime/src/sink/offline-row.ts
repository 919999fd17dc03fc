import type { FdlSchema, FdlType, JsonValue, OfflineEventRecord } from '@iserver/core';

import type { OfflineEventRow } from './session-sink.js';

/** Struct fields under their snake_case column names, as core writes session rows. */
function warehouseValue(type: FdlType, value: JsonValue | undefined, schema: FdlSchema): JsonValue {
  if (value === undefined || value === null) return null;
  if (type.kind === 'list')
    return Array.isArray(value)
      ? value.map((v: JsonValue) => warehouseValue(type.of, v, schema))
      : null;
  if (type.kind !== 'object' || typeof value !== 'object' || Array.isArray(value)) return value;
  const def = schema.types.find((t) => t.name === type.name);
  if (!def) return value;
  const record = value as Readonly<Record<string, JsonValue>>;
  return Object.fromEntries(
    def.fields.map((f) => [f.column, warehouseValue(f.type, record[f.name], schema)]),
  );
}

/**
 * The warehouse row of an offline event (warehouse.md §2.4): table = the event's snake_case name,
 * `event_time`, `event_id`, then its fields as columns. Core returns the validated event; the
 * row shape is built here until core offers it.
 */
export function offlineEventRow(schema: FdlSchema, record: OfflineEventRecord): OfflineEventRow {
  const def = schema.offlineEvents.find((e) => e.name === record.event);
  const row: Record<string, JsonValue> = {
    event_time: record.eventTime,
    event_id: record.eventId,
  };
  for (const field of def?.fields ?? [])
    row[field.column] = warehouseValue(field.type, record.fields[field.name], schema);
  return {
    table: def?.column ?? record.event,
    event: record.event,
    eventTime: record.eventTime,
    row,
  };
}
