/**
 * The `audiences:` section (config.md §1, §3): id → name, description and rule. Rules are checked
 * and compiled by `parseAudienceRule`; here they are also checked against the FDL (names they
 * compare) and against each other (references to unknown audiences, cycles).
 */
import { audienceOrder, checkAudienceReferences } from '../audience/audience-graph.js';
import type { CompiledRule } from '../audience/audience-rule.js';
import { parseAudienceRule } from '../audience/parse-audience-rule.js';
import { suggestName } from '../audience/suggest-name.js';
import type { JsonValue } from '../fdl/schema-model.js';
import type { CompiledAudience } from './compiled-config.js';
import { keyPath } from './config-path.js';
import { field, type ConfigReader } from './config-reader.js';
import { checkRuleNames, ruleNames } from './check-rule-names.js';

export interface AudiencesSection {
  readonly audiences: ReadonlyMap<string, CompiledAudience>;
  /** Audience ids in dependency order (empty when there are problems). */
  readonly order: readonly string[];
}

/** A rule that is never evaluated, standing in for an audience whose own rule is broken. */
const PLACEHOLDER: CompiledRule = { kind: 'all', rules: [] };

/**
 * Reads `audiences:`. Sets `reader.audienceIds` to every declared id, broken or not, so that a
 * reference to an audience with a bad rule is not also reported as unknown.
 */
export function readAudiences(raw: unknown, reader: ConfigReader): AudiencesSection {
  const audiences = new Map<string, CompiledAudience>();
  const record =
    raw === undefined
      ? {}
      : reader.mapping(raw, 'audiences', 'a mapping of audience ids to audiences');
  if (record === undefined) return { audiences, order: [] };
  reader.audienceIds = new Set(Object.keys(record));
  const names = ruleNames(reader.schema);
  const rules: Record<string, CompiledRule> = {};
  for (const [id, value] of Object.entries(record)) {
    const path = keyPath('audiences', id);
    reader.checkId(id, path, 'audience');
    rules[id] = PLACEHOLDER;
    const def = reader.fields(value, path, ['name', 'description', 'rule'], 'an audience');
    if (def === undefined) continue;
    const name = reader.optionalString(field(def, 'name'), `${path}.name`);
    const description = reader.optionalString(field(def, 'description'), `${path}.description`);
    const rawRule = field(def, 'rule');
    if (rawRule === undefined) {
      reader.report(`${path}.rule`, 'is required (the condition tree, config.md §3)');
      continue;
    }
    const rulePath = `${path}.rule`;
    const parsed = parseAudienceRule(rawRule, rulePath);
    for (const issue of parsed.issues) reader.report(issue.path, issue.message);
    if (parsed.rule === undefined) continue;
    checkRuleNames(rawRule, rulePath, names, reader);
    rules[id] = parsed.rule;
    audiences.set(id, {
      id,
      name,
      description,
      rule: parsed.rule,
      definition: rawRule as JsonValue,
    });
  }
  const referenceIssues = checkAudienceReferences(rules);
  for (const issue of referenceIssues) {
    const unknown = /^unknown audience "(.*)"$/.exec(issue.message)?.[1];
    const hint = unknown === undefined ? '' : suggestName(unknown, Object.keys(record));
    reader.report(issue.path, issue.message + hint);
  }
  return { audiences, order: referenceIssues.length > 0 ? [] : audienceOrder(rules) };
}
