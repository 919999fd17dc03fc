import { ErrorCode, ImpressionError } from '../errors.js';
import { checkValue } from '../fdl/check-value.js';
import type { EventDef, FdlSchema, FeatureDef, JsonValue } from '../fdl/schema-model.js';
import type { IdGenerator } from '../ports.js';
import type { EventRecord, FeatureRecord, Session } from '../session/session.js';
import type { EngineObserver, SignalRequest, SignalResult } from './engine-types.js';
import { resolveArgs } from './resolve-args.js';

export interface SignalDeps {
  readonly schema: FdlSchema;
  readonly session: Session;
  readonly now: number;
  readonly newId: IdGenerator;
  readonly observer: EngineObserver;
  readonly features: ReadonlyMap<string, FeatureDef>;
  /** Activates the exposures a cache fill deferred. */
  readonly activate: (record: FeatureRecord) => void;
  /** Records a `@mutable` change; false when the value did not change. */
  readonly mutate: (name: string, value: JsonValue) => boolean;
}

const notFound = (message: string) => new ImpressionError(ErrorCode.IMPRESSION_UNKNOWN, message);

function recordsOf(session: Session, impressionId: string, feature?: string): FeatureRecord[] {
  const records = session.byImpression.get(impressionId) ?? [];
  return feature === undefined ? records : records.filter((r) => r.feature === feature);
}

function makeEvent(
  deps: SignalDeps,
  event: EventDef,
  impressionId: string,
  args: Readonly<Record<string, unknown>> | undefined,
): EventRecord {
  const fields = resolveArgs(
    [...event.fields, ...(event.plugin?.fields ?? [])],
    args,
    deps.schema,
    `field of event ${event.name}`,
  );
  if (!fields.ok) throw new ImpressionError(ErrorCode.ARGS_INVALID, fields.message);
  return {
    name: event.name,
    eventTime: deps.now,
    eventId: deps.newId(),
    impressionId,
    fields: fields.args,
  };
}

/** Applies one signal (protocol.md §5) to its session. Unknown names → 404-style errors, bad values → 400-style. */
export function applySignal(request: SignalRequest, deps: SignalDeps): SignalResult {
  const { session, schema } = deps;
  switch (request.kind) {
    case 'keep-alive':
      return { session };
    case 'feature-event': {
      const feature = deps.features.get(request.feature);
      if (!feature)
        throw new ImpressionError(
          ErrorCode.FEATURE_UNKNOWN,
          `unknown feature '${request.feature}'`,
        );
      const event = feature.events.find((e) => e.name === request.event);
      if (!event)
        throw new ImpressionError(
          ErrorCode.EVENT_UNKNOWN,
          `feature ${feature.name} has no event '${request.event}'`,
        );
      const record = recordsOf(session, request.impressionId, feature.name).at(-1);
      if (!record)
        throw notFound(
          `no impression '${request.impressionId}' of ${feature.name} in this session`,
        );
      const recorded = makeEvent(deps, event, request.impressionId, request.args);
      record.events.push(recorded);
      deps.observer.event?.({ event: event.name, feature: feature.name });
      return { session, eventId: recorded.eventId };
    }
    case 'session-event': {
      const event = schema.session.events.find((e) => e.name === request.event);
      if (!event)
        throw new ImpressionError(
          ErrorCode.EVENT_UNKNOWN,
          `the session has no event '${request.event}'`,
        );
      return recordSessionEvent(deps, event, request.args);
    }
    case 'abstract-event':
      return applyAbstractEvent(request, deps);
    case 'beacon':
      return applyBeacon(request, deps);
    case 'mutate': {
      const def = schema.session;
      const field = [...def.args, ...(def.plugin?.fields ?? [])].find(
        (f) => f.name === request.field,
      );
      if (!field)
        throw new ImpressionError(
          ErrorCode.FEATURE_UNKNOWN,
          `the session has no field '${request.field}'`,
        );
      if (!field.flags.mutable)
        throw new ImpressionError(
          ErrorCode.ARGS_INVALID,
          `session field '${field.name}' is not @mutable`,
        );
      const checked = checkValue(field.type, request.value, schema);
      if (!checked.ok)
        throw new ImpressionError(ErrorCode.ARGS_INVALID, `'${field.name}': ${checked.message}`);
      const value = (request.value ?? null) as JsonValue;
      if (deps.mutate(field.name, value)) {
        if (field.role === 'plugin') (session.plugin ??= {})[field.name] = value;
        else session.args[field.name] = value;
      }
      return { session };
    }
    case 'external':
      return applyExternal(request, deps);
  }
}

function recordSessionEvent(
  deps: SignalDeps,
  event: EventDef,
  args: Readonly<Record<string, unknown>> | undefined,
): SignalResult {
  const { session } = deps;
  const recorded = makeEvent(deps, event, session.id, args);
  session.events.push(recorded);
  session.eventCounts.set(event.name, (session.eventCounts.get(event.name) ?? 0) + 1);
  deps.observer.event?.({ event: event.name, feature: undefined });
  return { session, eventId: recorded.eventId };
}

/** With an impression id: the first event (FDL order) of the owning feature that imports it (protocol.md §16.11). */
function applyAbstractEvent(
  request: Extract<SignalRequest, { kind: 'abstract-event' }>,
  deps: SignalDeps,
): SignalResult {
  const { session, schema } = deps;
  if (!schema.events.some((e) => e.name === request.event)) {
    throw new ImpressionError(
      ErrorCode.EVENT_UNKNOWN,
      `unknown top-level event '${request.event}'`,
    );
  }
  if (request.impressionId === undefined) {
    const event = schema.session.events.find((e) => e.templates.includes(request.event));
    if (!event)
      throw new ImpressionError(
        ErrorCode.EVENT_UNKNOWN,
        `no session event imports '${request.event}'; give the impressionId of the feature`,
      );
    return recordSessionEvent(deps, event, request.args);
  }
  for (const record of recordsOf(session, request.impressionId)) {
    const event = deps.features
      .get(record.feature)
      ?.events.find((e) => e.templates.includes(request.event));
    if (!event) continue;
    const recorded = makeEvent(deps, event, request.impressionId, request.args);
    record.events.push(recorded);
    deps.observer.event?.({ event: event.name, feature: record.feature });
    return { session, eventId: recorded.eventId };
  }
  throw notFound(
    `no feature shown under impression '${request.impressionId}' has an event importing '${request.event}'`,
  );
}

/** Cached impressions shown later (protocol.md §5.3); every known entry is recorded before an unknown one is reported. */
function applyBeacon(
  request: Extract<SignalRequest, { kind: 'beacon' }>,
  deps: SignalDeps,
): SignalResult {
  const { session, now } = deps;
  const missing: string[] = [];
  for (const [feature, entry] of Object.entries(request.impressions)) {
    const next = entry.newImpression;
    if (typeof next !== 'string')
      throw new ImpressionError(
        ErrorCode.ARGS_INVALID,
        `impressions.${feature}.newImpression must be a string`,
      );
    const previous = entry.impression;
    if (previous === undefined || previous === null) continue; // an OFF feature: nothing was recorded
    if (typeof previous !== 'string')
      throw new ImpressionError(
        ErrorCode.ARGS_INVALID,
        `impressions.${feature}.impression must be a string`,
      );
    const record = recordsOf(session, previous, feature).at(-1);
    if (!record) {
      missing.push(`${feature}:${previous}`);
      continue;
    }
    if (record.impressions.some((i) => i.id === next)) continue;
    const owners = session.byImpression.get(next);
    if (!owners) session.byImpression.set(next, [record]);
    else if (!owners.includes(record)) owners.push(record);
    record.impressions.push({ id: next, time: now });
    deps.activate(record);
    deps.observer.impression?.({ feature, impressionId: next, cacheFill: false });
  }
  if (missing.length) throw notFound(`unknown cached impression(s) ${missing.join(', ')}`);
  return { session };
}

function applyExternal(
  request: Extract<SignalRequest, { kind: 'external' }>,
  deps: SignalDeps,
): SignalResult {
  const feature = deps.features.get(request.feature);
  if (!feature)
    throw new ImpressionError(ErrorCode.FEATURE_UNKNOWN, `unknown feature '${request.feature}'`);
  const record = recordsOf(deps.session, request.impressionId, feature.name).at(-1);
  if (!record)
    throw notFound(`no impression '${request.impressionId}' of ${feature.name} in this session`);
  const outputs = [...feature.outputs, ...(feature.plugin?.fields ?? [])];
  for (const [name, value] of Object.entries(request.values)) {
    const output = outputs.find((o) => o.name === name);
    if (!output?.flags.external)
      throw new ImpressionError(
        ErrorCode.FEATURE_UNKNOWN,
        `${feature.name} has no @external output '${name}'`,
      );
    const checked = checkValue(output.type, value, deps.schema);
    if (!checked.ok)
      throw new ImpressionError(ErrorCode.ARGS_INVALID, `'${name}': ${checked.message}`);
    record.externals[name] = value as JsonValue;
  }
  return { session: deps.session };
}
