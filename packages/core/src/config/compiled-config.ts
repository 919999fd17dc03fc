/**
 * The environment configuration (config.md §1) after validation against the FDL schema, compiled
 * for fast evaluation: audiences pre-resolved, experiments sorted by launch, per-feature indexes.
 * Immutable; a reload builds a new one and the engine swaps it atomically.
 */
import type { CompiledRule } from '../audience/audience-rule.js';
import type { JsonValue } from '../fdl/schema-model.js';

/** Output values by output name. */
export type OutputValues = Readonly<Record<string, JsonValue>>;

export interface CompiledAudience {
  readonly id: string;
  readonly name: string | undefined;
  readonly description: string | undefined;
  readonly rule: CompiledRule;
  /** The rule as written (JSON), for configuration snapshots. */
  readonly definition: JsonValue;
}

export interface CompiledVariant {
  readonly id: string;
  readonly name: string | undefined;
  readonly weight: number;
  /** The control arm sets nothing. */
  readonly control: boolean;
  /** Feature → output → value. */
  readonly values: Readonly<Record<string, OutputValues>>;
}

export interface CompiledExperiment {
  readonly id: string;
  readonly name: string | undefined;
  readonly state: 'draft' | 'running' | 'stopped';
  /** Epoch ms; present for running experiments. */
  readonly launchedAt: number | undefined;
  readonly audience: string | undefined;
  /** Percent of eligible sessions that enter, 0..100 with two decimals. */
  readonly traffic: number;
  readonly splitKey: string | undefined;
  readonly variants: readonly CompiledVariant[];
  /** Cumulative variant boundaries in buckets (config.md §4.2). */
  readonly boundaries: readonly number[];
  /** Features any variant sets outputs of. */
  readonly features: readonly string[];
}

export type RolloutShare =
  | { readonly kind: 'fixed'; readonly percent: number }
  | { readonly kind: 'ramp'; readonly from: number; readonly to: number };

export interface CompiledRollout {
  readonly id: string;
  readonly feature: string;
  readonly values: OutputValues;
  readonly share: RolloutShare;
  readonly audience: string | undefined;
}

export interface QaDevice {
  /** The persistent-key value of the device. */
  readonly id: string;
  readonly registered: boolean;
  /** Feature → output → value; beats everything else. */
  readonly overrides: Readonly<Record<string, OutputValues>>;
  /** Experiment id → forced variant id. */
  readonly variants: Readonly<Record<string, string>>;
}

export interface FeatureConfig {
  readonly name: string;
  /** Effective gate: `@no_gate` features are always on; else `gate:`, else on unless `@off_by_default`. */
  readonly gate: boolean;
  readonly audience: string | undefined;
  /** Effective control values of every output and plugin field: config `control` over the FDL default. */
  readonly control: OutputValues;
  /** Running experiments that set an output of this feature, earliest `launchedAt` first. */
  readonly experiments: readonly CompiledExperiment[];
  /** Rollouts of this feature, in file order. */
  readonly rollouts: readonly CompiledRollout[];
  /** Audiences this feature, its experiments and rollouts refer to, with their dependencies, in evaluation order. */
  readonly audiences: readonly string[];
}

export interface CompiledConfig {
  readonly version: 1;
  /** A content hash of the source text (hex), for `admin/config` and snapshots. */
  readonly hash: string;
  readonly environment: string | undefined;
  /** The `fdl:` entry as written (relative to the file), if any. */
  readonly fdl: string | undefined;
  /** `session.idleTimeout` in ms (default 30 minutes). */
  readonly sessionIdleTimeoutMs: number;
  /** One entry per concrete (non-abstract) FDL feature, configured or not. */
  readonly features: ReadonlyMap<string, FeatureConfig>;
  readonly audiences: ReadonlyMap<string, CompiledAudience>;
  /** Audience ids in dependency order (an audience after those it refers to). */
  readonly audienceOrder: readonly string[];
  /** Every experiment of the file; running ones sorted by `launchedAt` first. */
  readonly experiments: readonly CompiledExperiment[];
  readonly rollouts: readonly CompiledRollout[];
  readonly qa: ReadonlyMap<string, QaDevice>;
}
