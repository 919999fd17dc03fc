/** Where each directive may appear (spec fdl.md §7). */

export type DirectiveTarget =
  | 'feature'
  | 'session'
  | 'type'
  | 'object-field'
  | 'enum'
  | 'enum-value'
  | 'event'
  | 'arg'
  | 'output'
  | 'plugin-field'
  | 'session-arg'
  | 'session-plugin-field'
  | 'event-field'
  | 'event-plugin-field';

/** Which kind of event holds an event field. */
export type EventContainer = 'top-level' | 'offline' | 'feature' | 'session';

export type ArgKind = 'string' | 'int' | 'string-list';

export interface DirectiveRule {
  /** Argument names and kinds; an empty record means the directive takes no arguments. */
  readonly args: Readonly<Record<string, ArgKind>>;
  readonly required: readonly string[];
  readonly allowed: (target: DirectiveTarget, container: EventContainer | undefined) => boolean;
  /** What to tell the user when it is used elsewhere. */
  readonly placement: string;
}

const among =
  (...targets: DirectiveTarget[]) =>
  (target: DirectiveTarget): boolean =>
    targets.includes(target);

const FIELD_STORAGE = among('arg', 'output', 'plugin-field', 'session-plugin-field', 'session-arg');
const COMPUTED_OUTPUT: DirectiveRule['allowed'] = among('output', 'plugin-field');

export const DIRECTIVE_RULES: Readonly<Record<string, DirectiveRule>> = {
  deprecated: {
    args: { reason: 'string', deprecatedBy: 'string' },
    required: [],
    allowed: among(
      'feature',
      'type',
      'object-field',
      'enum',
      'enum-value',
      'event',
      'event-field',
      'arg',
      'output',
      'plugin-field',
      'session-arg',
      'session-plugin-field',
    ),
    placement: 'features, types, enums and their values, events and their fields, args and outputs',
  },
  no_gate: { args: {}, required: [], allowed: among('feature'), placement: 'features' },
  off_by_default: { args: {}, required: [], allowed: among('feature'), placement: 'features' },
  external: {
    args: { values: 'string-list' },
    required: [],
    allowed: among('output', 'plugin-field', 'session-plugin-field'),
    placement: 'outputs and plugin fields',
  },
  per: {
    args: {},
    required: [],
    allowed: (target, container) =>
      target === 'session-arg' ||
      target === 'session-plugin-field' ||
      (target === 'event-field' && (container === 'top-level' || container === 'offline')),
    placement: 'session args, session plugin fields and fields of top-level or offline events',
  },
  mutable: {
    args: {},
    required: [],
    allowed: among('session-arg', 'session-plugin-field'),
    placement: 'session args and session plugin fields',
  },
  persistent_key: {
    args: {},
    required: [],
    allowed: among('session-arg'),
    placement: 'session args',
  },
  session_key: { args: {}, required: [], allowed: among('session-arg'), placement: 'session args' },
  split_key: {
    args: {},
    required: [],
    allowed: among('session-arg', 'event-field', 'event-plugin-field'),
    placement: 'session args and event fields',
  },
  elapsed: {
    args: { kind: 'string' },
    required: ['kind'],
    allowed: (target, container) =>
      target === 'output' ||
      target === 'plugin-field' ||
      target === 'session-plugin-field' ||
      (target === 'event-field' && container !== 'offline'),
    placement: 'feature outputs, plugin fields and fields of online events',
  },
  hint: {
    args: { length: 'int' },
    required: ['length'],
    allowed: FIELD_STORAGE,
    placement: 'args, outputs and plugin fields',
  },
  no_log: {
    args: {},
    required: [],
    allowed: FIELD_STORAGE,
    placement: 'args, outputs and plugin fields',
  },
  is_default: {
    args: { out: 'string' },
    required: ['out'],
    allowed: COMPUTED_OUTPUT,
    placement: 'feature outputs',
  },
  variant_id: {
    args: { out: 'string' },
    required: ['out'],
    allowed: COMPUTED_OUTPUT,
    placement: 'feature outputs',
  },
  variant_name: {
    args: { out: 'string' },
    required: ['out'],
    allowed: COMPUTED_OUTPUT,
    placement: 'feature outputs',
  },
};
