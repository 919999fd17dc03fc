/**
 * How configuration values are named in issue messages: briefly, and never dumped whole.
 */

/** `"web"`, `42`, `a list`, `an object`, `nothing` (absent), … */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `"${clip(value)}"`;
  if (typeof value === 'object')
    return isPlainObject(value) ? 'an object' : `a ${value.constructor.name}`;
  return typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : `a ${typeof value}`;
}

/** At most 60 characters of `s`. */
export function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** An object literal or `JSON.parse` / YAML mapping, not a class instance or list. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
