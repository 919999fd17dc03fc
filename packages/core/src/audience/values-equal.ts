/**
 * Equality of a context value against a rule operand, as `eq`, `neq`, `in`, `notIn` and list
 * `contains` use it: JSON data equality. No coercion (`"1"` is not `1`), lists element by
 * element, objects by their own keys whatever their order.
 */
import type { RuleValue } from './audience-rule.js';

export function valuesEqual(left: unknown, right: RuleValue): boolean {
  if (typeof right !== 'object' || right === null) return left === right;
  if (typeof left !== 'object' || left === null) return false;
  if (isList(right)) {
    return (
      isList(left) && left.length === right.length && right.every((r, i) => valuesEqual(left[i], r))
    );
  }
  if (isList(left)) return false;
  const keys = Object.keys(right);
  const l = left as Readonly<Record<string, unknown>>;
  if (Object.keys(l).length !== keys.length) return false;
  return keys.every((k) => {
    const r = right[k];
    return r !== undefined && Object.hasOwn(l, k) && valuesEqual(l[k], r);
  });
}

// `Array.isArray` does not narrow readonly arrays out of a union.
function isList(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}
