import type { EventDef, FdlSchema, FeatureDef, FieldDef, JsonValue } from '../fdl/schema-model.js';
import type { EventRecord, FeatureRecord, HistoryEntry, Session } from '../session/session.js';
import type { ClosedSession, WarehouseRow } from './closed-session.js';
import type { CloseReason } from './engine-types.js';
import { toWarehouseValue } from './warehouse-value.js';

/**
 * Turns a session into its warehouse rows. The session ends at its last activity: open `@mutable`
 * history entries end there and `session_length` is measured to it; the partition is the close time.
 */
export function closeSession(
  schema: FdlSchema,
  session: Session,
  reason: CloseReason,
  closedAt: number,
): ClosedSession {
  const end = session.lastActivity;
  for (const entries of Object.values(session.histories)) {
    const last = entries.at(-1);
    if (last?.endTime === null) last.endTime = end;
  }
  return {
    sessionId: session.id,
    persistentKey: session.persistentKey,
    closedAt,
    reason,
    session: sessionRow(schema, session),
    features: session.records.flatMap((record) => {
      const feature = schema.features.find((f) => f.name === record.feature);
      return feature
        ? [
            {
              table: feature.table,
              feature: feature.name,
              row: featureRow(schema, feature, session, record),
            },
          ]
        : [];
    }),
  };
}

/** Exposed variants are written as `experimentId:variantId`: config variant ids are only unique per experiment. */
export function exposureIds(session: Session): string[] {
  return [...session.exposures.values()].map((v) => `${v.experimentId}:${v.variantId}`);
}

function sessionRow(schema: FdlSchema, session: Session): WarehouseRow {
  const def = schema.session;
  const row: Record<string, JsonValue> = {};
  const byName = new Map(def.args.map((a) => [a.name, a]));
  for (const key of def.sessionKeys) {
    const field = byName.get(key);
    if (field) row[field.column] = session.args[key] ?? null;
  }
  row.session_id = session.id;
  row.start_time = session.startTime;
  row.session_length = session.lastActivity - session.startTime;
  row.user_agent = session.userAgent;
  row.entry_url = session.entryUrl;
  row.variants = exposureIds(session);
  row.audiences = [...session.audiences];
  const fields = [
    ...def.args.filter((a) => !def.sessionKeys.includes(a.name)),
    ...(def.plugin?.fields ?? []),
  ];
  for (const field of fields) {
    if (field.flags.noLog) continue;
    const value = field.role === 'plugin' ? session.plugin?.[field.name] : session.args[field.name];
    row[field.column] = toWarehouseValue(field.type, value ?? field.controlValue, schema);
    if (field.flags.mutable)
      row[`${field.column}_history`] = historyRows(
        schema,
        field,
        session.histories[field.name] ?? [],
      );
  }
  for (const event of def.events) {
    row[event.column] = eventRows(
      schema,
      event,
      session.events.filter((e) => e.name === event.name),
    );
  }
  return row;
}

function featureRow(
  schema: FdlSchema,
  feature: FeatureDef,
  session: Session,
  record: FeatureRecord,
): WarehouseRow {
  const persistent = schema.session.args.find((a) => a.name === schema.session.persistentKey);
  const row: Record<string, JsonValue> = {
    session_id: session.id,
    [persistent?.column ?? 'device_id']: session.persistentKey,
    impression_ids: record.impressions.map((i) => i.id),
    impressions: record.impressions.map((i) => ({ impression_id: i.id, impression_time: i.time })),
    first_time: record.firstTime,
    impression_count: record.impressions.length,
  };
  for (const arg of feature.args) {
    if (!arg.flags.noLog)
      row[arg.column] = toWarehouseValue(arg.type, record.args[arg.name], schema);
  }
  for (const output of [...feature.outputs, ...(feature.plugin?.fields ?? [])]) {
    if (output.flags.noLog) continue;
    const value =
      output.name in record.externals ? record.externals[output.name] : record.outputs[output.name];
    row[output.column] = toWarehouseValue(output.type, value, schema);
  }
  for (const event of feature.events) {
    row[event.column] = eventRows(
      schema,
      event,
      record.events.filter((e) => e.name === event.name),
    );
  }
  return row;
}

function historyRows(
  schema: FdlSchema,
  field: FieldDef,
  entries: readonly HistoryEntry[],
): JsonValue[] {
  return entries.map((e) => ({
    start_time: e.startTime,
    end_time: e.endTime,
    value: toWarehouseValue(field.type, e.value, schema),
  }));
}

function eventRows(
  schema: FdlSchema,
  event: EventDef,
  records: readonly EventRecord[],
): JsonValue[] {
  const fields = [...event.fields, ...(event.plugin?.fields ?? [])];
  return records.map((record) => {
    const row: Record<string, JsonValue> = {
      event_time: record.eventTime,
      impression_id: record.impressionId,
      event_id: record.eventId,
    };
    for (const field of fields)
      row[field.column] = toWarehouseValue(field.type, record.fields[field.name], schema);
    return row;
  });
}
