/**
 * The names an audience rule compares against must exist in the FDL (config.md §3): a rule on a
 * misspelt arg would compare against "absent" forever and quietly empty the audience.
 */
import { isPlainObject } from '../audience/describe-value.js';
import { suggestName } from '../audience/suggest-name.js';
import { checkValue } from '../fdl/check-value.js';
import type { FdlSchema, FieldDef } from '../fdl/schema-model.js';
import { indexPath, rebasePath } from './config-path.js';
import type { ConfigReader } from './config-reader.js';

/** What each kind of comparison may name, gathered once from the schema. */
export interface RuleNames {
  /** `arg`: session args. */
  readonly sessionArgs: readonly FieldDef[];
  /** `event`: session events (their counts are what the session remembers). */
  readonly sessionEvents: readonly string[];
  /** `plugin`: session plugin fields and the plugin fields of any feature. */
  readonly pluginFields: readonly string[];
  /** `featureArg`: the args of any feature. */
  readonly featureArgs: readonly string[];
}

export function ruleNames(schema: FdlSchema): RuleNames {
  const unique = (names: string[]) => [...new Set(names)];
  return {
    sessionArgs: schema.session.args,
    sessionEvents: schema.session.events.map((e) => e.name),
    pluginFields: unique([
      ...(schema.session.plugin?.fields ?? []).map((f) => f.name),
      ...schema.features.flatMap((f) => (f.plugin?.fields ?? []).map((p) => p.name)),
    ]),
    featureArgs: unique(schema.features.flatMap((f) => f.args.map((a) => a.name))),
  };
}

const EQUALITY_OPS = ['eq', 'neq', 'in', 'notIn'];

/**
 * Reports every comparison in `raw` (a rule that `parseAudienceRule` accepted, at `path`) whose
 * name is unknown, and equality tests on a session arg with a value the arg can never hold (an
 * enum value that does not exist, a number for a string arg).
 */
export function checkRuleNames(
  raw: unknown,
  path: string,
  names: RuleNames,
  reader: ConfigReader,
): void {
  if (!isPlainObject(raw)) return;
  for (const kind of ['all', 'any'] as const) {
    const rules = raw[kind];
    if (Array.isArray(rules)) {
      rules.forEach((rule, i) => {
        checkRuleNames(rule, indexPath(`${path}.${kind}`, i), names, reader);
      });
    }
  }
  if (raw.not !== undefined) checkRuleNames(raw.not, `${path}.not`, names, reader);
  const check = (kind: string, known: readonly string[], what: string) => {
    const name = raw[kind];
    if (typeof name === 'string' && !known.includes(name)) {
      reader.report(
        `${path}.${kind}`,
        `unknown ${what} "${name}"${suggestName(name, known)}; known: ${known.join(', ') || '(none)'}`,
      );
    }
  };
  check('event', names.sessionEvents, 'session event');
  check('plugin', names.pluginFields, 'plugin field (of the session or a feature)');
  check('featureArg', names.featureArgs, 'feature arg');
  check(
    'arg',
    names.sessionArgs.map((a) => a.name),
    'session arg',
  );
  const arg = names.sessionArgs.find((a) => a.name === raw.arg);
  if (arg !== undefined && typeof raw.op === 'string' && EQUALITY_OPS.includes(raw.op)) {
    const list = raw.op === 'in' || raw.op === 'notIn';
    checkComparedValues(raw.value, list, arg, `${path}.value`, reader);
  }
}

/** `value` is the operand of `eq`/`neq`, or the list of operands of `in`/`notIn` (`list`). */
function checkComparedValues(
  value: unknown,
  list: boolean,
  arg: FieldDef,
  path: string,
  reader: ConfigReader,
): void {
  const values: readonly unknown[] = list && Array.isArray(value) ? value : [value];
  const type = { ...arg.type, nullable: false };
  values.forEach((v, i) => {
    const at = list ? indexPath(path, i) : path;
    const result = checkValue(type, v, reader.schema);
    if (!result.ok) {
      reader.report(
        rebasePath(at, result.path),
        `can never match session arg ${arg.name} (${arg.typeText}): ${result.message}`,
      );
    }
  });
}
