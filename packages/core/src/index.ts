/**
 * @module @iserver/core
 * The iserver engine: the FDL compiler and schema model, configuration, assignment and sessions.
 * Pure: no I/O, no environment, no timers.
 */
export { compileFdl } from './fdl/compile-fdl.js';
export type { CompileFdlResult, FdlSourceFile } from './fdl/compile-fdl.js';
export { checkValue } from './fdl/check-value.js';
export type { CheckValueResult, TypeRegistry } from './fdl/check-value.js';
export { FdlCode } from './fdl/diagnostic.js';
export type { Diagnostic, SourceLocation } from './fdl/diagnostic.js';
export { renderType } from './fdl/render-type.js';
export { snakeCase } from './fdl/snake-case.js';
export type {
  Deprecation,
  EnumDef,
  EventDef,
  FdlSchema,
  FdlType,
  FeatureDef,
  FieldDef,
  FieldFlags,
  FieldRole,
  JsonValue,
  ObjectTypeDef,
  PluginDef,
  ScalarName,
  SessionDef,
} from './fdl/schema-model.js';
export { murmur3String, murmur3x86_32 } from './hashing/murmur3.js';
export {
  BUCKETS,
  bucket,
  inRollout,
  inTraffic,
  pickVariant,
  rampPercent,
  rolloutBucket,
  rolloutKey,
  shareBuckets,
  trafficBucket,
  trafficKey,
  variantBoundaries,
  variantBucket,
  variantKey,
} from './hashing/bucket.js';
export { AUDIENCE_OPERATORS } from './audience/audience-rule.js';
export type {
  AudienceIssue,
  AudienceOperator,
  AudienceRule,
  CompiledRule,
  Comparison,
  RuleSource,
  RuleValue,
} from './audience/audience-rule.js';
export { parseAudienceRule } from './audience/parse-audience-rule.js';
export { evaluateRule } from './audience/evaluate-audience.js';
export type { AudienceContext } from './audience/evaluate-audience.js';
export {
  audienceOrder,
  audienceReferences,
  checkAudienceReferences,
} from './audience/audience-graph.js';
export type { AudienceReference } from './audience/audience-graph.js';
export { compileSafeRegex, MAX_PATTERN_LENGTH } from './audience/compile-safe-regex.js';
export type { SafeRegexResult } from './audience/compile-safe-regex.js';
