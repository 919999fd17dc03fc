import type { FdlSchema, JsonValue } from '../fdl/schema-model.js';
import type { WarehouseRow } from './closed-session.js';
import type { OfflineEventRecord } from './engine-types.js';
import { toWarehouseValue } from './warehouse-value.js';

/**
 * The warehouse row of an offline event (warehouse.md §2.4): `event_time`, `event_id`, then the
 * event's fields (and plugin fields) under their column names.
 */
export function offlineEventRow(schema: FdlSchema, record: OfflineEventRecord): WarehouseRow {
  const event = schema.offlineEvents.find((e) => e.name === record.event);
  const row: Record<string, JsonValue> = { event_time: record.eventTime, event_id: record.eventId };
  for (const field of [...(event?.fields ?? []), ...(event?.plugin?.fields ?? [])]) {
    row[field.column] = toWarehouseValue(field.type, record.fields[field.name], schema);
  }
  return row;
}
