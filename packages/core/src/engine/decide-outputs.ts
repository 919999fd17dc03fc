import { evaluateRule } from '../audience/evaluate-audience.js';
import type { AudienceContext } from '../audience/evaluate-audience.js';
import type {
  CompiledConfig,
  CompiledExperiment,
  FeatureConfig,
  QaDevice,
} from '../config/compiled-config.js';
import type { FeatureDef, JsonValue } from '../fdl/schema-model.js';
import {
  inRollout,
  inTraffic,
  pickVariant,
  rampPercent,
  variantBucket,
} from '../hashing/bucket.js';
import type { OutputDecision, Session, VariantRef } from '../session/session.js';
import { controlOf } from './control-of.js';
import { splitKeyOf } from './split-key.js';

export interface DecideInput {
  readonly config: CompiledConfig;
  readonly feature: FeatureDef;
  readonly featureConfig: FeatureConfig;
  readonly session: Session;
  readonly fdlSplitKey: string | undefined;
  readonly args: Readonly<Record<string, JsonValue>>;
  /** Values the feature plugin provided (already type-checked). */
  readonly pluginOutputs: Readonly<Record<string, JsonValue>>;
  readonly qa: QaDevice | undefined;
  readonly now: number;
}

export type Decision =
  | { readonly off: true }
  | {
      readonly off: false;
      readonly outputs: Record<string, JsonValue>;
      readonly decisions: Record<string, OutputDecision>;
      readonly variants: VariantRef[];
    };

/** Phases 3–6 of config.md §2 for one feature on a memo miss, then control values and computed outputs. */
export function decideOutputs(input: DecideInput): Decision {
  const { feature, featureConfig, session, qa } = input;
  const outputs: Record<string, JsonValue> = {};
  const decisions: Record<string, OutputDecision> = {};
  const set = (name: string, value: JsonValue, decision: OutputDecision) => {
    outputs[name] = value;
    decisions[name] = decision;
  };
  // Phase 2 results: plugin values are decided; a field the plugin did not fill stays free.
  for (const [name, value] of Object.entries(input.pluginOutputs))
    set(name, value, { source: 'plugin' });
  // Phase 3: QA overrides beat everything.
  const overrides = qa?.overrides[feature.name];
  for (const [name, value] of Object.entries(overrides ?? {})) set(name, value, { source: 'qa' });
  // Phase 4: audiences (sticky), gate, audience-limited features.
  evaluateAudiences(input);
  const gatedOff =
    !featureConfig.gate ||
    (featureConfig.audience !== undefined && !session.audiences.has(featureConfig.audience));
  if (gatedOff && overrides === undefined) return { off: true };
  // Phase 5: experiments in launch order; the first to set an output wins it.
  const variants: VariantRef[] = [];
  // Control arms set nothing, but still explain an output their experiment could have set.
  const controlArms: { experiment: CompiledExperiment; ref: VariantRef }[] = [];
  for (const experiment of featureConfig.experiments) {
    const index = assignment(input, experiment);
    if (index === undefined) continue;
    const variant = experiment.variants[index];
    if (!variant) continue;
    const ref: VariantRef = {
      experimentId: experiment.id,
      experimentName: experiment.name,
      variantId: variant.id,
      variantName: variant.name,
      control: variant.control,
    };
    variants.push(ref);
    if (variant.control) controlArms.push({ experiment, ref });
    for (const [name, value] of Object.entries(variant.values[feature.name] ?? {})) {
      if (!(name in decisions))
        set(name, value, {
          source: 'experiment',
          experimentId: experiment.id,
          variantId: variant.id,
          variantName: variant.name ?? variant.id,
        });
    }
  }
  // Phase 6: rollouts, only for sessions in no experiment arm of this feature.
  if (variants.length === 0)
    applyRollouts(input, (name, value, decision) => {
      if (!(name in decisions)) set(name, value, decision);
    });
  for (const output of [...feature.outputs, ...(feature.plugin?.fields ?? [])]) {
    if (!(output.name in decisions)) {
      const touchKey = `${feature.name}.${output.name}`;
      const control = controlArms.find((arm) => touched(arm.experiment).has(touchKey))?.ref;
      set(
        output.name,
        controlOf(featureConfig, output),
        control
          ? {
              source: 'control',
              experimentId: control.experimentId,
              variantId: control.variantId,
              variantName: control.variantName ?? control.variantId,
            }
          : CONTROL,
      );
    }
  }
  for (const output of feature.outputs) {
    const { isDefault, variantId, variantName } = output.flags;
    const target = isDefault ?? variantId ?? variantName;
    if (target === undefined) continue;
    const decided = decisions[target];
    if (isDefault !== undefined) outputs[output.name] = decided?.source === 'control';
    else if (variantId !== undefined) outputs[output.name] = decided?.variantId ?? null;
    else outputs[output.name] = decided?.variantName ?? null;
    decisions[output.name] = CONTROL;
  }
  return { off: false, outputs, decisions, variants };
}

/** Per experiment, the `feature.output` pairs any arm sets; computed once per compiled experiment. */
const touchedCache = new WeakMap<CompiledExperiment, ReadonlySet<string>>();

function touched(experiment: CompiledExperiment): ReadonlySet<string> {
  let set = touchedCache.get(experiment);
  if (!set) {
    set = new Set(
      experiment.variants.flatMap((v) =>
        Object.entries(v.values).flatMap(([feature, values]) =>
          Object.keys(values).map((output) => `${feature}.${output}`),
        ),
      ),
    );
    touchedCache.set(experiment, set);
  }
  return set;
}

const CONTROL: OutputDecision = Object.freeze({ source: 'control' });

/** The variant index the session has (or now gets) in `experiment`; undefined when not in it. */
function assignment(input: DecideInput, experiment: CompiledExperiment): number | undefined {
  const { session, qa } = input;
  const forced = qa?.variants[experiment.id];
  if (forced !== undefined) {
    const index = experiment.variants.findIndex((v) => v.id === forced);
    if (index >= 0) return index;
  }
  const current = session.assignments.get(experiment.id);
  if (current?.kind === 'variant') return current.index;
  if (current?.kind === 'out') return undefined;
  if (experiment.audience !== undefined && !session.audiences.has(experiment.audience)) {
    session.assignments.set(experiment.id, { kind: 'ineligible' });
    return undefined;
  }
  const splitKey = splitKeyOf(session, input.fdlSplitKey, experiment.splitKey);
  if (!inTraffic(experiment.id, splitKey, experiment.traffic)) {
    session.assignments.set(experiment.id, { kind: 'out' });
    return undefined;
  }
  const index = pickVariant(variantBucket(experiment.id, splitKey), experiment.boundaries);
  session.assignments.set(experiment.id, { kind: 'variant', index });
  return index;
}

function applyRollouts(
  input: DecideInput,
  fill: (name: string, value: JsonValue, decision: OutputDecision) => void,
): void {
  const { session, now } = input;
  for (const rollout of input.featureConfig.rollouts) {
    if (rollout.audience !== undefined && !session.audiences.has(rollout.audience)) continue;
    const percent =
      rollout.share.kind === 'fixed'
        ? rollout.share.percent
        : rampPercent(now, rollout.share.from, rollout.share.to);
    if (!inRollout(rollout.id, splitKeyOf(session, input.fdlSplitKey), percent)) continue;
    for (const [name, value] of Object.entries(rollout.values))
      fill(name, value, { source: 'rollout', rolloutId: rollout.id });
  }
}

/** Evaluates the audiences this feature depends on, in dependency order; memberships stick. */
function evaluateAudiences(input: DecideInput): void {
  const { session, config, args, pluginOutputs } = input;
  const context: AudienceContext = {
    sessionArg: (name) => session.args[name],
    featureArg: (name) => (name in args ? args[name] : undefined),
    plugin: (name) => (name in pluginOutputs ? pluginOutputs[name] : session.plugin?.[name]),
    eventCount: (name) => session.eventCounts.get(name) ?? 0,
    audience: (id) => session.audiences.has(id),
  };
  for (const id of input.featureConfig.audiences) {
    if (session.audiences.has(id)) continue;
    const audience = config.audiences.get(id);
    if (audience && evaluateRule(audience.rule, context)) session.audiences.add(id);
  }
}
