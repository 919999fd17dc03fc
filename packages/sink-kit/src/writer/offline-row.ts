import type { EventDef, FdlSchema, FdlType, JsonValue, OfflineEventRecord } from '@iserver/core';

import type { Row } from '../parquet/encode-parquet.js';

/**
 * The row of an offline event's table (warehouse.md §2.4): `event_time`, `event_id`, then the
 * event's fields by column name. The engine hands fields over by FDL name with struct values keyed
 * by FDL field names; the warehouse wants snake_case throughout.
 */
export function offlineRow(schema: FdlSchema, event: EventDef, record: OfflineEventRecord): Row {
  const row: Record<string, JsonValue> = {
    event_time: record.eventTime,
    event_id: record.eventId,
  };
  for (const field of [...event.fields, ...(event.plugin?.fields ?? [])]) {
    row[field.column] = toWarehouseValue(field.type, record.fields[field.name], schema);
  }
  return row;
}

/** Struct values re-keyed by snake_case field names, recursively; every declared field present. */
export function toWarehouseValue(
  type: FdlType,
  value: JsonValue | undefined,
  schema: FdlSchema,
): JsonValue {
  if (value === undefined || value === null) return null;
  if (type.kind === 'list') {
    return Array.isArray(value)
      ? value.map((item: JsonValue) => toWarehouseValue(type.of, item, schema))
      : value;
  }
  if (type.kind !== 'object' || typeof value !== 'object' || Array.isArray(value)) return value;
  const def = schema.types.find((t) => t.name === type.name);
  if (!def) return value;
  const record = value as Readonly<Record<string, JsonValue>>;
  const row: Record<string, JsonValue> = {};
  for (const field of def.fields) {
    row[field.column] = toWarehouseValue(field.type, record[field.name], schema);
  }
  return row;
}
