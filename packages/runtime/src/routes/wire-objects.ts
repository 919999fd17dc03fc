/** The JSON objects of `/features` answers (protocol.md §4.4–§4.6). */
import type { FdlSchema, FeatureResult, JsonValue, Session, VariantRef } from '@iserver/core';

type OnResult = Extract<FeatureResult, { status: 'on' }>;

/** The wire `_variants` element: `variant` is null for the control arm; missing names show ids. */
export interface WireVariant {
  readonly id: string;
  readonly name: string;
  readonly variant: { readonly id: string; readonly name: string } | null;
}

export function wireVariant(ref: VariantRef): WireVariant {
  return {
    id: ref.experimentId,
    name: ref.experimentName ?? ref.experimentId,
    variant: ref.control ? null : { id: ref.variantId, name: ref.variantName ?? ref.variantId },
  };
}

/** Every experiment the session is exposed to (the complete set, as TS replaces its list). */
export function sessionVariants(session: Session): WireVariant[] {
  return [...session.exposures.values()].map(wireVariant);
}

/**
 * The `session` object (§4.4): every session arg (keys included, nulls kept), `sessionId`,
 * `startTime`, `userAgent`/`entryUrl` when known, `environment`, the session plugin outputs
 * (control values until the plugin set them) and `lastFlushTime`.
 */
export function sessionObject(
  session: Session,
  schema: FdlSchema,
  environment: string,
): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = { ...session.args };
  out.sessionId = session.id;
  out.startTime = session.startTime;
  if (session.userAgent !== null) out.userAgent = session.userAgent;
  if (session.entryUrl !== null) out.entryUrl = session.entryUrl;
  out.environment = environment;
  for (const field of schema.session.plugin?.fields ?? [])
    out[field.name] = session.plugin?.[field.name] ?? field.controlValue;
  out.lastFlushTime = session.lastFlushTime;
  return out;
}

/**
 * A feature that is on (§4.5): the legacy `impressionIds`/`impressions`/`firstTime`/
 * `impressionCount` (real impressions only), the args echo, every output and plugin output,
 * `_external_<out>` in place of an `@external` output assigned one of its external names,
 * `_impressionId`, and for a cache fill the `_variants` a later beacon will activate.
 */
export function featureObject(
  result: OnResult,
  schema: FdlSchema,
  cacheFill: boolean,
): Record<string, JsonValue> {
  const { record } = result;
  const out: Record<string, JsonValue> = {
    impressionIds: record.impressions.map((i) => i.id),
    impressions: record.impressions.map((i) => ({ impressionId: i.id, impressionTime: i.time })),
    firstTime: record.firstTime,
    impressionCount: record.impressions.length,
    ...record.args,
  };
  const feature = schema.features.find((f) => f.name === result.name);
  const fields = [...(feature?.outputs ?? []), ...(feature?.plugin?.fields ?? [])];
  const externals: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.outputs)) {
    const names = fields.find((f) => f.name === name)?.flags.external?.values;
    if (typeof value === 'string' && names?.includes(value)) externals[`_external_${name}`] = value;
    else out[name] = value;
  }
  Object.assign(out, externals);
  out._impressionId = result.impressionId;
  if (cacheFill) out._variants = result.variants.map(wireVariant) as unknown as JsonValue;
  return out;
}

/** A JSON object text with its keys in exactly the given order (Java reads `session` first). */
export function orderedJson(entries: readonly (readonly [string, unknown])[]): string {
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`).join(',')}}`;
}
