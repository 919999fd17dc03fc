/** Names FDL reserves (spec fdl.md §8.4). Reserved names are checked both exactly and by snake form. */

export const JAVA_KEYWORDS: readonly string[] = [
  'abstract',
  'assert',
  'boolean',
  'break',
  'byte',
  'case',
  'catch',
  'char',
  'class',
  'const',
  'continue',
  'default',
  'do',
  'double',
  'else',
  'enum',
  'extends',
  'final',
  'finally',
  'float',
  'for',
  'goto',
  'if',
  'implements',
  'import',
  'instanceof',
  'int',
  'interface',
  'long',
  'native',
  'new',
  'package',
  'private',
  'protected',
  'public',
  'return',
  'short',
  'static',
  'strictfp',
  'super',
  'switch',
  'synchronized',
  'this',
  'throw',
  'throws',
  'transient',
  'try',
  'void',
  'volatile',
  'while',
];

/** Built-in scalar type names: reserved globally by exact name only. */
export const SCALAR_NAMES: readonly string[] = [
  'String',
  'ID',
  'Int',
  'Float',
  'Boolean',
  'Timestamp',
];

/** Warehouse tables of the hosted product (their snake forms are reserved too). */
export const SYSTEM_TABLES: readonly string[] = [
  'SessionMetrics',
  'FeatureMetrics',
  'Experiment',
  'Variant',
  'VariantValue',
  'Audience',
  'Metric',
];

export const FEATURE_SYSTEM_FIELDS: readonly string[] = [
  'impressionIds',
  'impressions',
  'firstTime',
  'impressionCount',
];

export const SESSION_SYSTEM_FIELDS: readonly string[] = [
  'sessionId',
  'startTime',
  'sessionLength',
  'userAgent',
  'entryUrl',
  'environment',
  'variants',
  'audiences',
  'impressionId',
];

export const EVENT_SYSTEM_FIELDS: readonly string[] = ['eventTime', 'eventId'];

/** Session fields that may not carry `@per` (they would shadow system values). */
export const PER_FORBIDDEN_NAMES: readonly string[] = ['impression', 'session'];

export const DEFAULT_NAMESPACE = 'io.causallabs.generated';
