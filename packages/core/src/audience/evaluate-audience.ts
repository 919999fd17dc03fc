/**
 * Evaluates a compiled audience rule against one session and the feature being evaluated
 * (config.md §3). Pure and synchronous: the caller gathers args, plugin outputs and event counts
 * behind `AudienceContext`, and resolves memberships of other audiences (sticky per session).
 */
import type { CompiledRule, Comparison, RuleSource } from './audience-rule.js';
import { valuesEqual } from './values-equal.js';

/** What a rule can look at. A name with no value answers `undefined`. */
export interface AudienceContext {
  /** A session arg's current value (after defaults and mutations). */
  sessionArg(name: string): unknown;
  /** An arg of the feature being evaluated; `undefined` when it has no such arg. */
  featureArg(name: string): unknown;
  /** A plugin output of the session or of the feature being evaluated. */
  plugin(name: string): unknown;
  /** How many times the session event was signalled in this session so far. */
  eventCount(name: string): number;
  /** Whether the session is a member of another audience. */
  audience(id: string): boolean;
}

/**
 * Whether the session matches `rule`. `all` and `any` stop at the first deciding child.
 *
 * @example
 * const { rule } = parseAudienceRule({ event: 'AddToCart', op: 'gte', value: 1 }, 'rule');
 * evaluateRule(rule, context) // true once AddToCart was signalled
 */
export function evaluateRule(rule: CompiledRule, ctx: AudienceContext): boolean {
  switch (rule.kind) {
    case 'all':
      for (const r of rule.rules) if (!evaluateRule(r, ctx)) return false;
      return true;
    case 'any':
      for (const r of rule.rules) if (evaluateRule(r, ctx)) return true;
      return false;
    case 'not':
      return !evaluateRule(rule.rule, ctx);
    case 'audience':
      return ctx.audience(rule.id);
    case 'compare':
      return compare(rule.test, leftSide(rule.source, rule.name, ctx));
  }
}

function leftSide(source: RuleSource, name: string, ctx: AudienceContext): unknown {
  switch (source) {
    case 'arg':
      return ctx.sessionArg(name);
    case 'featureArg':
      return ctx.featureArg(name);
    case 'plugin':
      return ctx.plugin(name);
    case 'event':
      return ctx.eventCount(name);
  }
}

/**
 * One comparison. An absent or null left side makes every comparison false except `neq` and
 * `exists: false`. Ordering compares numbers with numbers and strings with strings (UTF-16 code
 * unit order, so ISO-8601 timestamps of one format sort by time); mixed kinds are false.
 */
function compare(test: Comparison, left: unknown): boolean {
  const present = left !== undefined && left !== null;
  if (test.op === 'exists') return present === test.value;
  if (!present) return test.op === 'neq';
  switch (test.op) {
    case 'eq':
      return valuesEqual(left, test.value);
    case 'neq':
      return !valuesEqual(left, test.value);
    case 'in':
      return test.value.some((v) => valuesEqual(left, v));
    case 'notIn':
      return !test.value.some((v) => valuesEqual(left, v));
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      return ordered(test.op, left, test.value);
    case 'contains':
      if (typeof left === 'string')
        return typeof test.value === 'string' && left.includes(test.value);
      return Array.isArray(left) && left.some((element) => valuesEqual(element, test.value));
    case 'startsWith':
      return typeof left === 'string' && left.startsWith(test.value);
    case 'endsWith':
      return typeof left === 'string' && left.endsWith(test.value);
    case 'matches':
      return typeof left === 'string' && test.regex.test(left);
  }
}

function ordered(op: 'lt' | 'lte' | 'gt' | 'gte', left: unknown, right: number | string): boolean {
  // Same-kind operands only: `"10" < 9` and friends would coerce, which no operator means.
  if (typeof left !== typeof right) return false;
  const l = left as number | string;
  switch (op) {
    case 'lt':
      return l < right;
    case 'lte':
      return l <= right;
    case 'gt':
      return l > right;
    case 'gte':
      return l >= right;
  }
}
