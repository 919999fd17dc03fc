import { offlineEventRow as warehouseRow } from '@iserver/core';
import type { FdlSchema, OfflineEventRecord } from '@iserver/core';

import type { OfflineEventRow } from './session-sink.js';

/** An offline event with its table and warehouse row (warehouse.md §2.4), for the sink. */
export function offlineEventRow(schema: FdlSchema, record: OfflineEventRecord): OfflineEventRow {
  const def = schema.offlineEvents.find((e) => e.name === record.event);
  return {
    table: def?.column ?? record.event,
    event: record.event,
    eventTime: record.eventTime,
    row: warehouseRow(schema, record),
  };
}
