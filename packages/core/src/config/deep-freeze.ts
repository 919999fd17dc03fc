/**
 * Freezing of the compiled configuration: the engine shares one `CompiledConfig` between every
 * request, so an accidental write anywhere would leak into all sessions.
 */

/**
 * Freezes `value` and every plain object and array reachable from it, and the entries of Maps
 * (Maps themselves stay usable, their read-only view is the `ReadonlyMap` type). Class instances
 * such as the `RegExp`s of compiled rules are left alone: freezing a RegExp can break matching.
 * Returns `value`.
 */
export function deepFreeze<T>(value: T): T {
  freeze(value, new Set());
  return value;
}

function freeze(value: unknown, seen: Set<unknown>): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  if (value instanceof Map) {
    for (const entry of value.values()) freeze(entry, seen);
    return;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return;
  for (const child of Object.values(value)) freeze(child, seen);
  Object.freeze(value);
}
