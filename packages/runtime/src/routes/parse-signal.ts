/** Telling `/signal` bodies apart by their keys (protocol.md §5). */
import type { SignalRequest } from '@iserver/core';

import { invalid } from '../app/http-error.js';
import type { JsonObject } from '../app/json-values.js';
import {
  describe,
  isPlainObject,
  optionalObject,
  optionalString,
  requiredString,
} from '../app/json-values.js';
import { withHeaderKeys } from '../app/request-context.js';

export type ParsedSignal =
  | { readonly kind: 'offline'; readonly event: string; readonly args: JsonObject | undefined }
  | { readonly kind: 'session'; readonly request: SignalRequest };

/** Keys that make a body something other than a keep-alive. */
const KIND_KEYS = ['offlineEvent', 'abstractEvent', 'event', 'impressions', 'mutate'] as const;
/** Keys that only make sense with a kind key: a body with them and none is malformed. */
const DEPENDENT_KEYS = ['feature', 'impressionId', 'args', 'value'] as const;

/**
 * The session keys of a signal: the body's `id` object (or, for Swift's keep-alive, the body
 * itself), with the `X-Causal-*` header keys filling gaps. A key present with a non-string value
 * is a 400; other names are ignored (TypeScript's keep-alive puts every session arg in `id`).
 */
export function signalKeys(
  source: JsonObject,
  sessionKeys: readonly string[],
  header: Readonly<Record<string, string>>,
): Record<string, unknown> {
  for (const name of sessionKeys) {
    const value = source[name];
    if (value !== undefined && value !== null && (typeof value !== 'string' || value === ''))
      throw invalid(`session key '${name}' must be a non-empty string, got ${describe(value)}`);
  }
  return withHeaderKeys(source, header);
}

function idObject(body: JsonObject): JsonObject {
  const id = body.id;
  if (id === undefined || id === null) return {};
  if (!isPlainObject(id))
    throw invalid(`'id' must be an object of session keys, got ${describe(id)}`);
  return id;
}

/**
 * Classifies a signal body (without `options`): offline event, abstract event, feature or
 * session event, beacon, mutation, else keep-alive (with an `id`, or the body as the id).
 */
export function parseSignal(
  body: JsonObject,
  sessionKeys: readonly string[],
  header: Readonly<Record<string, string>>,
): ParsedSignal {
  if (body.offlineEvent !== undefined) {
    return {
      kind: 'offline',
      event: requiredString(body, 'offlineEvent', 'an offline event'),
      args: optionalObject(body, 'args'),
    };
  }
  const hasKind = KIND_KEYS.some((k) => body[k] !== undefined);
  const keepAliveShape = !hasKind && body.id === undefined;
  const keys = signalKeys(keepAliveShape ? body : idObject(body), sessionKeys, header);
  const args = () => optionalObject(body, 'args');
  const session = (request: SignalRequest): ParsedSignal => ({ kind: 'session', request });
  if (body.abstractEvent !== undefined) {
    return session({
      kind: 'abstract-event',
      keys,
      event: requiredString(body, 'abstractEvent', 'an abstract event'),
      impressionId: optionalString(body, 'impressionId'),
      args: args(),
    });
  }
  if (body.event !== undefined) {
    const event = requiredString(body, 'event', 'an event');
    if (body.feature === undefined || body.feature === null)
      return session({ kind: 'session-event', keys, event, args: args() });
    return session({
      kind: 'feature-event',
      keys,
      event,
      feature: requiredString(body, 'feature', 'a feature event'),
      impressionId: requiredString(body, 'impressionId', 'a feature event'),
      args: args(),
    });
  }
  if (body.impressions !== undefined) return session(beacon(body, keys));
  if (body.mutate !== undefined) {
    if (!('value' in body)) throw invalid("a mutation needs 'value' (null clears the field)");
    return session({
      kind: 'mutate',
      keys,
      field: requiredString(body, 'mutate', 'a mutation'),
      value: body.value,
    });
  }
  const stray = DEPENDENT_KEYS.filter((k) => body[k] !== undefined);
  if (stray.length > 0)
    throw invalid(
      `cannot tell the signal kind: '${stray.join("', '")}' without 'event', 'abstractEvent', 'impressions' or 'mutate'`,
    );
  return session({ kind: 'keep-alive', keys });
}

function beacon(body: JsonObject, keys: Record<string, unknown>): SignalRequest {
  const impressions = body.impressions;
  if (!isPlainObject(impressions))
    throw invalid(`'impressions' must be an object of feature → ids, got ${describe(impressions)}`);
  const entries: Record<string, { impression?: unknown; newImpression?: unknown }> = {};
  for (const [feature, entry] of Object.entries(impressions)) {
    if (!isPlainObject(entry))
      throw invalid(`impressions.${feature} must be an object, got ${describe(entry)}`);
    entries[feature] = { impression: entry.impression, newImpression: entry.newImpression };
  }
  return { kind: 'beacon', keys, impressions: entries };
}
