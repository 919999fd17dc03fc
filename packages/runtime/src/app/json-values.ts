/** Small checks on parsed request JSON (bodies are `unknown` until checked). */
import { invalid } from './http-error.js';

export type JsonObject = Readonly<Record<string, unknown>>;

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `body[key]` as a non-empty string, or a 400 naming the field. */
export function requiredString(body: JsonObject, key: string, what: string): string {
  const value = body[key];
  if (typeof value !== 'string' || value === '') {
    throw invalid(
      value === undefined || value === null
        ? `${what} needs '${key}' (a string)`
        : `'${key}' must be a non-empty string, got ${describe(value)}`,
    );
  }
  return value;
}

/** `body[key]` as a non-empty string; `undefined` when absent or null. */
export function optionalString(body: JsonObject, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value === '')
    throw invalid(`'${key}' must be a non-empty string, got ${describe(value)}`);
  return value;
}

/** `body[key]` as an object; `undefined` when absent or null. */
export function optionalObject(body: JsonObject, key: string): JsonObject | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) throw invalid(`'${key}' must be an object, got ${describe(value)}`);
  return value;
}

/** How a wrong value reads in an error message. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}
