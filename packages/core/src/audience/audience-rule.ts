/**
 * Audience rules (config.md §3): the condition trees operators write in the environment
 * configuration, and the checked, compiled form that `evaluateRule` runs.
 */

/** JSON data, as a rule's `value` and as the values it compares against. */
export type RuleValue =
  null | boolean | number | string | readonly RuleValue[] | { readonly [key: string]: RuleValue };

export const AUDIENCE_OPERATORS = [
  'eq',
  'neq',
  'in',
  'notIn',
  'lt',
  'lte',
  'gt',
  'gte',
  'contains',
  'startsWith',
  'endsWith',
  'matches',
  'exists',
] as const;

export type AudienceOperator = (typeof AUDIENCE_OPERATORS)[number];

/** Where a comparison's left side comes from. */
export type RuleSource = 'arg' | 'featureArg' | 'plugin' | 'event';

/** A rule as written in the configuration file (before `parseAudienceRule` checks it). */
export type AudienceRule =
  | { readonly all: readonly AudienceRule[] }
  | { readonly any: readonly AudienceRule[] }
  | { readonly not: AudienceRule }
  | { readonly arg: string; readonly op: AudienceOperator; readonly value: RuleValue }
  | { readonly featureArg: string; readonly op: AudienceOperator; readonly value: RuleValue }
  | { readonly plugin: string; readonly op: AudienceOperator; readonly value: RuleValue }
  | { readonly event: string; readonly op: AudienceOperator; readonly value: RuleValue }
  | { readonly audience: string };

/** The operator and its checked right side. Values are never `null` (see `parseAudienceRule`). */
export type Comparison =
  | { readonly op: 'eq' | 'neq' | 'contains'; readonly value: RuleValue }
  | { readonly op: 'in' | 'notIn'; readonly value: readonly RuleValue[] }
  | { readonly op: 'lt' | 'lte' | 'gt' | 'gte'; readonly value: number | string }
  | { readonly op: 'startsWith' | 'endsWith'; readonly value: string }
  | { readonly op: 'matches'; readonly value: string; readonly regex: RegExp }
  | { readonly op: 'exists'; readonly value: boolean };

/** A checked rule, ready for `evaluateRule`. Not serialisable: `matches` holds its `RegExp`. */
export type CompiledRule =
  | { readonly kind: 'all'; readonly rules: readonly CompiledRule[] }
  | { readonly kind: 'any'; readonly rules: readonly CompiledRule[] }
  | { readonly kind: 'not'; readonly rule: CompiledRule }
  | {
      readonly kind: 'compare';
      readonly source: RuleSource;
      readonly name: string;
      readonly test: Comparison;
    }
  /** `path` locates the reference in the file, for `checkAudienceReferences`' messages. */
  | { readonly kind: 'audience'; readonly id: string; readonly path: string };

/** A problem in a rule: `path` is the document path, e.g. `audiences.uk-web.rule.all[1].op`. */
export interface AudienceIssue {
  readonly path: string;
  readonly message: string;
}
