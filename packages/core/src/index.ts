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
export { ConfigError, ErrorCode, ImpressionError, isImpressionError } from './errors.js';
export type { ConfigIssue } from './errors.js';
export { noopLogger } from './ports.js';
export type { Clock, IdGenerator, Logger } from './ports.js';
export type {
  CompiledAudience,
  CompiledConfig,
  CompiledExperiment,
  CompiledRollout,
  CompiledVariant,
  FeatureConfig,
  OutputValues,
  QaDevice,
  RolloutShare,
} from './config/compiled-config.js';
export { createEngine, Engine } from './engine/engine.js';
export type { EngineOptions } from './engine/engine.js';
export type {
  CloseReason,
  EngineObserver,
  EvaluateRequest,
  EvaluateResult,
  FeatureRequest,
  FeatureResult,
  OfflineEventRecord,
  PluginCall,
  PluginHost,
  RequestContext,
  SignalRequest,
  SignalResult,
} from './engine/engine-types.js';
export type { ClosedSession, WarehouseRow } from './engine/closed-session.js';
export { exposureIds } from './engine/close-session.js';
export { canonicalJson } from './session/canonical-json.js';
export { InMemorySessionStore, keysMatch } from './session/in-memory-session-store.js';
export type { InMemorySessionStoreOptions } from './session/in-memory-session-store.js';
export type { SessionStore } from './session/session-store.js';
export type {
  Assignment,
  EventRecord,
  FeatureRecord,
  HistoryEntry,
  Impression,
  OutputDecision,
  OutputSource,
  Session,
  VariantRef,
} from './session/session.js';
export { explainAssignment } from './engine/explain-assignment.js';
export type {
  AssignmentExplanation,
  ExperimentDecision,
  ExperimentExplanation,
  ExplainAssignmentInput,
  FeatureState,
  RolloutDecision,
  RolloutExplanation,
} from './engine/explain-assignment.js';
export {
  DEFAULT_SESSION_IDLE_TIMEOUT_MS,
  loadConfig,
  loadConfigOrThrow,
} from './config/load-config.js';
export type { LoadConfigOptions, LoadConfigResult } from './config/load-config.js';
export { configFormatFor, parseConfigDocument } from './config/parse-config-document.js';
export type { ConfigFormat, ParsedConfigDocument } from './config/parse-config-document.js';
export { formatConfigIssues } from './config/format-config-issues.js';
export { parseDuration } from './config/parse-duration.js';
export { offlineEventRow } from './engine/offline-event-row.js';
export { toWarehouseValue } from './engine/warehouse-value.js';
