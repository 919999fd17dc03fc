/**
 * Checks an audience rule read from the configuration file and compiles it. Every problem is
 * reported with its document path, and nothing is guessed: an unknown key, operator or value
 * type is an error, because a typo that passed would silently change who is in an audience.
 */
import {
  AUDIENCE_OPERATORS,
  type AudienceIssue,
  type AudienceOperator,
  type CompiledRule,
  type Comparison,
  type RuleSource,
  type RuleValue,
} from './audience-rule.js';
import { compileSafeRegex } from './compile-safe-regex.js';
import { clip, describeValue, isPlainObject } from './describe-value.js';
import { suggestName } from './suggest-name.js';

const NODE_KEYS = [
  'all',
  'any',
  'not',
  'arg',
  'featureArg',
  'plugin',
  'event',
  'audience',
] as const;

/** Event counts are numbers that are always present, so only numeric comparisons apply. */
const EVENT_OPERATORS: readonly AudienceOperator[] = [
  'eq',
  'neq',
  'in',
  'notIn',
  'lt',
  'lte',
  'gt',
  'gte',
];

const NODE_LIST = 'all, any, not, arg, featureArg, plugin, event or audience';

/**
 * Checks and compiles one rule. `path` is where `raw` sits in the document (for example
 * `audiences.uk-web.rule`); issue paths extend it. `rule` is present only when there are no issues.
 *
 * @example
 * parseAudienceRule({ arg: 'channel', op: 'in', value: ['web', 'app'] }, 'audiences.web.rule')
 * // { rule: { kind: 'compare', source: 'arg', name: 'channel', test: { op: 'in', … } }, issues: [] }
 */
export function parseAudienceRule(
  raw: unknown,
  path: string,
): { rule?: CompiledRule; issues: AudienceIssue[] } {
  const issues: AudienceIssue[] = [];
  const rule = compileNode(raw, path, issues);
  return rule === undefined || issues.length > 0 ? { issues } : { rule, issues };
}

function compileNode(
  raw: unknown,
  path: string,
  issues: AudienceIssue[],
): CompiledRule | undefined {
  if (!isPlainObject(raw)) {
    issues.push({
      path,
      message: `expected a rule (an object with ${NODE_LIST}), got ${describeValue(raw)}`,
    });
    return undefined;
  }
  const kinds = NODE_KEYS.filter((k) => Object.hasOwn(raw, k));
  const [kind] = kinds;
  if (kind === undefined || kinds.length > 1) {
    const found = kinds.length > 1 ? `; it has ${kinds.join(' and ')}` : '';
    issues.push({ path, message: `a rule has exactly one of ${NODE_LIST}${found}` });
    if (kind === undefined) reportUnknownKeys(raw, [...NODE_KEYS, 'op', 'value'], path, issues);
    return undefined;
  }
  const comparison =
    kind === 'arg' || kind === 'featureArg' || kind === 'plugin' || kind === 'event';
  reportUnknownKeys(raw, comparison ? [kind, 'op', 'value'] : [kind], path, issues);
  const at = join(path, kind);
  const operand = raw[kind];
  switch (kind) {
    case 'all':
    case 'any': {
      if (!Array.isArray(operand) || operand.length === 0) {
        issues.push({
          path: at,
          message: `expected a non-empty list of rules, got ${describeValue(operand)}`,
        });
        return undefined;
      }
      const rules = operand.map((r, i) => compileNode(r, `${at}[${i}]`, issues));
      return rules.every((r) => r !== undefined) ? { kind, rules } : undefined;
    }
    case 'not': {
      const rule = compileNode(operand, at, issues);
      return rule === undefined ? undefined : { kind, rule };
    }
    case 'audience':
      if (typeof operand !== 'string' || operand === '') {
        issues.push({
          path: at,
          message: `expected an audience id, got ${describeValue(operand)}`,
        });
        return undefined;
      }
      return { kind, id: operand, path: at };
    case 'arg':
    case 'featureArg':
    case 'plugin':
    case 'event':
      return compileComparison(raw, kind, path, issues);
  }
}

function compileComparison(
  raw: Record<string, unknown>,
  source: RuleSource,
  path: string,
  issues: AudienceIssue[],
): CompiledRule | undefined {
  const name = raw[source];
  const nameOk = typeof name === 'string' && name !== '';
  if (!nameOk) {
    issues.push({
      path: join(path, source),
      message: `expected a name, got ${describeValue(name)}`,
    });
  }
  const op = checkOperator(raw, source, path, issues);
  if (!Object.hasOwn(raw, 'value')) {
    issues.push({ path: join(path, 'value'), message: 'is required' });
    return undefined;
  }
  if (op === undefined) return undefined;
  const test = compileValue(op, raw.value, source, join(path, 'value'), issues);
  return nameOk && test !== undefined ? { kind: 'compare', source, name, test } : undefined;
}

function checkOperator(
  raw: Record<string, unknown>,
  source: RuleSource,
  path: string,
  issues: AudienceIssue[],
): AudienceOperator | undefined {
  const at = join(path, 'op');
  const op = raw.op;
  if (op === undefined) {
    issues.push({ path: at, message: `is required (one of ${AUDIENCE_OPERATORS.join(', ')})` });
    return undefined;
  }
  if (!isOperator(op)) {
    const hint = typeof op === 'string' ? suggestName(op, AUDIENCE_OPERATORS) : '';
    issues.push({
      path: at,
      message: `unknown operator ${describeValue(op)}${hint}; expected one of ${AUDIENCE_OPERATORS.join(', ')}`,
    });
    return undefined;
  }
  if (source === 'event' && !EVENT_OPERATORS.includes(op)) {
    issues.push({
      path: at,
      message: `"${op}" does not apply to an event count (a number, 0 when never signalled); use ${EVENT_OPERATORS.join(', ')}`,
    });
    return undefined;
  }
  return op;
}

/** Checks the right side against what the operator needs. */
function compileValue(
  op: AudienceOperator,
  value: unknown,
  source: RuleSource,
  path: string,
  issues: AudienceIssue[],
): Comparison | undefined {
  const result = checkValue(op, value, source === 'event', path, issues);
  if (typeof result !== 'string') return result;
  issues.push({ path, message: `"${op}" needs ${result}, got ${describeValue(value)}` });
  return undefined;
}

/**
 * The comparison, or what the operator expected (a phrase for the message), or `undefined` when
 * the problems are already in `issues`.
 */
function checkValue(
  op: AudienceOperator,
  value: unknown,
  numbersOnly: boolean,
  path: string,
  issues: AudienceIssue[],
): Comparison | string | undefined {
  switch (op) {
    case 'exists':
      return typeof value === 'boolean' ? { op, value } : 'true or false';
    case 'startsWith':
    case 'endsWith':
      return typeof value === 'string' ? { op, value } : 'a string';
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      if (isFiniteNumber(value)) return { op, value };
      if (numbersOnly) return 'a number';
      return typeof value === 'string' ? { op, value } : 'a number or a string';
    case 'matches': {
      if (typeof value !== 'string') return 'a regular expression (a string)';
      const compiled = compileSafeRegex(value);
      if (compiled.ok) return { op, value, regex: compiled.regex };
      issues.push({ path, message: `regular expression "${clip(value)}" ${compiled.reason}` });
      return undefined;
    }
    case 'in':
    case 'notIn': {
      if (!Array.isArray(value) || value.length === 0) return 'a non-empty list';
      // Check every element, so that each bad one is reported.
      const ok = value
        .map((v, i) => checkOperand(v, numbersOnly, `${path}[${i}]`, issues))
        .every(Boolean);
      return ok ? { op, value: value as RuleValue[] } : undefined;
    }
    case 'eq':
    case 'neq':
    case 'contains':
      return checkOperand(value, numbersOnly, path, issues)
        ? { op, value: value as RuleValue }
        : undefined;
  }
}

/** An operand compared for equality: JSON data, never null (absent and null never compare). */
function checkOperand(
  value: unknown,
  numbersOnly: boolean,
  path: string,
  issues: AudienceIssue[],
): boolean {
  if (value === null) {
    issues.push({
      path,
      message:
        'null never matches (a comparison with an absent or null value is false); use "exists"',
    });
    return false;
  }
  if (numbersOnly ? !isFiniteNumber(value) : !isRuleValue(value)) {
    issues.push({
      path,
      message: `expected ${numbersOnly ? 'a number' : 'JSON data'}, got ${describeValue(value)}`,
    });
    return false;
  }
  return true;
}

function isRuleValue(value: unknown): value is RuleValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isRuleValue);
  return isPlainObject(value) && Object.values(value).every(isRuleValue);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isOperator(op: unknown): op is AudienceOperator {
  return typeof op === 'string' && (AUDIENCE_OPERATORS as readonly string[]).includes(op);
}

function reportUnknownKeys(
  raw: Record<string, unknown>,
  allowed: readonly string[],
  path: string,
  issues: AudienceIssue[],
): void {
  for (const key of Object.keys(raw)) {
    if (allowed.includes(key)) continue;
    issues.push({
      path: join(path, key),
      message: `unknown key "${key}"${suggestName(key, allowed)}`,
    });
  }
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
