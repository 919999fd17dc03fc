/** Reading a `/features` body (protocol.md §4.1) in either dialect. */
import { HttpError, HttpErrorCode, invalid } from '../app/http-error.js';
import type { JsonObject } from '../app/json-values.js';
import { describe, isPlainObject, optionalObject, optionalString } from '../app/json-values.js';

/** One requested feature; `argsProblem` when its args are not an object (a per-feature error). */
export interface RequestedFeature {
  readonly name: string;
  readonly args: JsonObject | undefined;
  readonly argsProblem?: string;
}

export interface FeaturesRequest {
  /** `map`: TypeScript's `requests`; `list`: Java/Ruby/Swift `reqs`. */
  readonly dialect: 'map' | 'list';
  readonly args: JsonObject;
  /** Absent for a cache fill. */
  readonly impressionId: string | undefined;
  readonly features: readonly RequestedFeature[];
  /** `fetchOptions` contains `"flags"`. */
  readonly flags: boolean;
}

/** Keys of a map-dialect answer that a feature name must not take. */
export const RESPONSE_KEYS = new Set(['session', 'errors', 'registered', '_variants', '_flags']);

function featureArgs(name: string, raw: unknown): RequestedFeature {
  if (raw === undefined || raw === null) return { name, args: undefined };
  if (isPlainObject(raw)) return { name, args: raw };
  return {
    name,
    args: undefined,
    argsProblem: `the args of ${name} must be an object, got ${describe(raw)}`,
  };
}

function readMap(requests: unknown): RequestedFeature[] {
  if (!isPlainObject(requests))
    throw invalid(`'requests' must be an object of feature name → args, got ${describe(requests)}`);
  return Object.entries(requests).map(([name, args]) => {
    if (RESPONSE_KEYS.has(name))
      throw invalid(`'${name}' cannot be requested in the map dialect: it is a key of the answer`);
    return featureArgs(name, args);
  });
}

function readList(reqs: unknown): RequestedFeature[] {
  if (!Array.isArray(reqs))
    throw invalid(`'reqs' must be a list of {"name", "args"}, got ${describe(reqs)}`);
  return reqs.map((entry: unknown, i) => {
    if (!isPlainObject(entry))
      throw invalid(`reqs[${i}] must be an object, got ${describe(entry)}`);
    const name = entry.name;
    if (typeof name !== 'string' || name === '')
      throw invalid(`reqs[${i}].name must be a feature name, got ${describe(name)}`);
    return featureArgs(name, entry.args);
  });
}

function readFlags(raw: unknown): boolean {
  if (raw === undefined || raw === null) return false;
  if (!Array.isArray(raw)) throw invalid(`'fetchOptions' must be a list, got ${describe(raw)}`);
  return raw.includes('flags');
}

/** Checks the shape; feature names and arg values are the engine's business. */
export function parseFeaturesRequest(body: JsonObject, maxFeatures: number): FeaturesRequest {
  const hasMap = body.requests !== undefined;
  const hasList = body.reqs !== undefined;
  if (hasMap && hasList) throw invalid("send either 'requests' (map) or 'reqs' (list), not both");
  if (!hasMap && !hasList)
    throw invalid("the request names no features: send 'requests' (map) or 'reqs' (list)");
  const features = hasMap ? readMap(body.requests) : readList(body.reqs);
  if (features.length > maxFeatures) {
    throw new HttpError(
      400,
      HttpErrorCode.TOO_MANY_FEATURES,
      `${features.length} features requested; at most ${maxFeatures} per request`,
    );
  }
  return {
    dialect: hasMap ? 'map' : 'list',
    args: optionalObject(body, 'args') ?? {},
    impressionId: optionalString(body, 'impressionId'),
    features,
    flags: readFlags(body.fetchOptions),
  };
}
