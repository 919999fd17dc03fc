/**
 * Turns the validated sections of a configuration file into the `CompiledConfig` the engine
 * evaluates (config.md §2): effective gates and control values for every concrete feature,
 * running experiments in launch order, per-feature indexes of experiments, rollouts and the
 * audiences they need — so a request never sorts, searches the whole file or resolves a default.
 */
import { audienceReferences } from '../audience/audience-graph.js';
import type { FdlSchema, JsonValue } from '../fdl/schema-model.js';
import type {
  CompiledAudience,
  CompiledConfig,
  CompiledExperiment,
  CompiledRollout,
  FeatureConfig,
  QaDevice,
} from './compiled-config.js';
import { deepFreeze } from './deep-freeze.js';
import type { FeatureSettings } from './read-features.js';
import { settableFields } from './read-output-values.js';

/** Everything `loadConfig` read, already validated. */
export interface ConfigParts {
  readonly hash: string;
  readonly environment: string | undefined;
  readonly fdl: string | undefined;
  readonly sessionIdleTimeoutMs: number;
  readonly features: ReadonlyMap<string, FeatureSettings>;
  readonly audiences: ReadonlyMap<string, CompiledAudience>;
  readonly audienceOrder: readonly string[];
  /** In file order. */
  readonly experiments: readonly CompiledExperiment[];
  readonly rollouts: readonly CompiledRollout[];
  readonly qa: ReadonlyMap<string, QaDevice>;
}

/** Builds and deep-freezes the compiled configuration. */
export function compileConfig(parts: ConfigParts, schema: FdlSchema): CompiledConfig {
  const running = parts.experiments
    .filter((e) => e.state === 'running')
    // Array.prototype.sort is stable, so equal launch times keep file order.
    .sort((a, b) => (a.launchedAt ?? 0) - (b.launchedAt ?? 0));
  const others = parts.experiments.filter((e) => e.state !== 'running');
  const features = new Map<string, FeatureConfig>();
  for (const feature of schema.features) {
    if (feature.abstract) continue;
    const settings = parts.features.get(feature.name);
    const experiments = running.filter((e) => e.features.includes(feature.name));
    const rollouts = parts.rollouts.filter((r) => r.feature === feature.name);
    const control: Record<string, JsonValue> = {};
    for (const output of settableFields(feature)) {
      const configured = settings?.control;
      control[output.name] =
        configured !== undefined && Object.hasOwn(configured, output.name)
          ? (configured[output.name] ?? null)
          : output.controlValue;
    }
    const roots = [
      settings?.audience,
      ...experiments.map((e) => e.audience),
      ...rollouts.map((r) => r.audience),
    ].filter((id) => id !== undefined);
    features.set(feature.name, {
      name: feature.name,
      gate: feature.noGate ? true : (settings?.gate ?? !feature.offByDefault),
      audience: settings?.audience,
      control,
      experiments,
      rollouts,
      audiences: audienceClosure(roots, parts.audiences, parts.audienceOrder),
    });
  }
  return deepFreeze({
    version: 1,
    hash: parts.hash,
    environment: parts.environment,
    fdl: parts.fdl,
    sessionIdleTimeoutMs: parts.sessionIdleTimeoutMs,
    features,
    audiences: parts.audiences,
    audienceOrder: parts.audienceOrder,
    experiments: [...running, ...others],
    rollouts: parts.rollouts,
    qa: parts.qa,
  });
}

/**
 * `roots` and every audience their rules refer to, directly or through others, listed in the
 * global dependency order (so each comes after the audiences it needs).
 */
function audienceClosure(
  roots: readonly string[],
  audiences: ReadonlyMap<string, CompiledAudience>,
  order: readonly string[],
): string[] {
  const needed = new Set<string>();
  const visit = (id: string): void => {
    if (needed.has(id)) return;
    needed.add(id);
    const audience = audiences.get(id);
    if (audience !== undefined) for (const ref of audienceReferences(audience.rule)) visit(ref.id);
  };
  roots.forEach(visit);
  return order.filter((id) => needed.has(id));
}
