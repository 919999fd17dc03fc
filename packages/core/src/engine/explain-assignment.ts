/**
 * Why a session got the outputs it got: for one feature, the feature-level state (gate, audience,
 * QA overrides) and, per experiment and rollout, the decision and the hash buckets behind it
 * (config.md §2 phases 3–6, §4). Read-only: it looks at what an evaluation left in the session
 * (sticky assignments and audience memberships) and recomputes only the buckets.
 */
import type {
  CompiledConfig,
  CompiledExperiment,
  CompiledRollout,
  FeatureConfig,
  QaDevice,
} from '../config/compiled-config.js';
import { ErrorCode, ImpressionError } from '../errors.js';
import type { FdlSchema } from '../fdl/schema-model.js';
import {
  pickVariant,
  rampPercent,
  rolloutBucket,
  shareBuckets,
  trafficBucket,
  variantBucket,
} from '../hashing/bucket.js';
import type { Session } from '../session/session.js';
import { splitKeyOf } from './split-key.js';

export interface ExplainAssignmentInput {
  readonly config: CompiledConfig;
  readonly schema: FdlSchema;
  /** The session, after the feature was evaluated on it. */
  readonly session: Session;
  readonly feature: string;
  /** Epoch ms: the time of the evaluation (ramps are read at this time). */
  readonly now: number;
  /**
   * The session's QA device, when the engine has one beyond the configuration (admin overlay).
   * @default config.qa.get(session.persistentKey)
   */
  readonly qa?: QaDevice | undefined;
}

/**
 * - `variant`: assigned by hash (or kept from earlier in the session);
 * - `forced`: a QA device forces this variant;
 * - `not-eligible`: not in the experiment's audience;
 * - `outside-traffic`: outside the experiment's traffic share (final for the session);
 * - `not-evaluated`: the experiment was not visited (the feature is off for this session).
 */
export type ExperimentDecision =
  'variant' | 'forced' | 'not-eligible' | 'outside-traffic' | 'not-evaluated';

export interface ExperimentExplanation {
  readonly experimentId: string;
  readonly experimentName: string | undefined;
  readonly decision: ExperimentDecision;
  /** For `variant` and `forced`. */
  readonly variantId?: string;
  readonly variantName?: string;
  /** For `variant` and `forced`: whether the arm is the control arm (it sets nothing). */
  readonly control?: boolean;
  /** Outputs of the feature the arm sets (whether or not an earlier experiment or QA won them). */
  readonly outputs?: readonly string[];
  readonly audience: string | undefined;
  /** The split key value the buckets were computed from (config.md §4.1). */
  readonly splitKey: string;
  readonly trafficBucket: number;
  readonly variantBucket: number;
  /** Percent of eligible sessions that enter. */
  readonly traffic: number;
  /** One line for people. */
  readonly reason: string;
}

/**
 * - `in-rollout`: inside the current share (its values fill outputs that are still free);
 * - `outside-share`: the bucket is at or above the current share;
 * - `blocked-by-experiment`: the session is in an experiment arm of the feature (control included);
 * - `not-in-audience`: the rollout is limited to an audience the session is not in;
 * - `not-evaluated`: the feature is off for this session.
 */
export type RolloutDecision =
  'in-rollout' | 'outside-share' | 'blocked-by-experiment' | 'not-in-audience' | 'not-evaluated';

export interface RolloutExplanation {
  readonly rolloutId: string;
  readonly decision: RolloutDecision;
  /** The share at `now` (a ramp's current value), 0..100. */
  readonly percentNow: number;
  readonly bucket: number;
  readonly splitKey: string;
  readonly audience: string | undefined;
  /** For `blocked-by-experiment`: the experiments whose arms block it. */
  readonly blockedBy?: readonly string[];
  readonly reason: string;
}

/** `on`, or why the feature answers OFF (a QA device with overrides keeps it `on`). */
export type FeatureState = 'on' | 'gated-off' | 'not-in-audience';

export interface AssignmentExplanation {
  readonly feature: string;
  readonly state: FeatureState;
  /** The effective gate (config.md §1). */
  readonly gate: boolean;
  readonly audience: string | undefined;
  /** Membership in the feature's audience; `undefined` when the feature has none. */
  readonly inAudience: boolean | undefined;
  /** The session's persistent key when it is a QA device. */
  readonly qaDevice: string | undefined;
  /** Outputs the QA device fixes for this feature (phase 3), in the device's order. */
  readonly qaOverrides: readonly string[];
  /** Why the feature is on or off, for people (`state` says which). */
  readonly reason: string;
  /** Experiments that set outputs of the feature, in launch order. */
  readonly experiments: readonly ExperimentExplanation[];
  /** Rollouts of the feature, in file order. */
  readonly rollouts: readonly RolloutExplanation[];
}

const fmt = (n: number) => String(Math.round(n * 100) / 100);

/**
 * Explains the assignment of `feature` for `session`. Call it after the engine evaluated the
 * feature on the session: experiments the evaluation did not visit come out as `not-evaluated`.
 *
 * @throws ImpressionError `FEATURE_UNKNOWN` when the configuration has no such feature.
 * @example
 * const { session } = await engine.evaluate({ args, impressionId: 'i1', features: [{ name: 'RatingBox', args: { sku: 'A' } }] });
 * explainAssignment({ config, schema, session, feature: 'RatingBox', now }).experiments[0]?.decision // 'variant'
 */
export function explainAssignment(input: ExplainAssignmentInput): AssignmentExplanation {
  const { config, session, feature } = input;
  const featureConfig = config.features.get(feature);
  if (!featureConfig)
    throw new ImpressionError(ErrorCode.FEATURE_UNKNOWN, `unknown feature '${feature}'`);
  const qa = input.qa ?? config.qa.get(session.persistentKey);
  const qaOverrides = Object.keys(qa?.overrides[feature] ?? {});
  const inAudience =
    featureConfig.audience === undefined
      ? undefined
      : session.audiences.has(featureConfig.audience);
  const blocked: FeatureState = !featureConfig.gate
    ? 'gated-off'
    : inAudience === false
      ? 'not-in-audience'
      : 'on';
  // QA overrides for the feature keep it on (phase 4), even with an empty override object.
  const state = qa?.overrides[feature] === undefined ? blocked : 'on';
  const experiments = featureConfig.experiments.map((e) =>
    explainExperiment(input, featureConfig, e, { off: state !== 'on', qa }),
  );
  const inArms = experiments
    .filter((e) => e.decision === 'variant' || e.decision === 'forced')
    .map((e) => e.experimentId);
  // Without every experiment's decision, whether phase 6 ran is unknown.
  const unvisited = experiments.some((e) => e.decision === 'not-evaluated');
  const rollouts = featureConfig.rollouts.map((r) =>
    explainRollout(input, r, { off: state !== 'on', unvisited, inArms }),
  );
  return {
    feature,
    state,
    gate: featureConfig.gate,
    audience: featureConfig.audience,
    inAudience,
    qaDevice: qa?.id,
    qaOverrides,
    reason: featureReason(featureConfig, blocked, qa, qaOverrides),
    experiments,
    rollouts,
  };
}

function featureReason(
  featureConfig: FeatureConfig,
  blocked: FeatureState,
  qa: QaDevice | undefined,
  qaOverrides: readonly string[],
): string {
  const why =
    blocked === 'gated-off'
      ? 'the gate is off'
      : blocked === 'not-in-audience'
        ? `not in the feature's audience ${featureConfig.audience ?? ''}`
        : featureConfig.audience === undefined
          ? 'the gate is on'
          : `the gate is on and the session is in audience ${featureConfig.audience}`;
  if (qa?.overrides[featureConfig.name] === undefined) return why;
  const fixed = qaOverrides.length ? qaOverrides.join(', ') : 'no outputs';
  return blocked === 'on'
    ? `${why}; QA device ${qa.id} overrides ${fixed}`
    : `${why}, but QA device ${qa.id} has overrides for the feature (${fixed}), which keeps it on`;
}

function explainExperiment(
  input: ExplainAssignmentInput,
  featureConfig: FeatureConfig,
  experiment: CompiledExperiment,
  context: { readonly off: boolean; readonly qa: QaDevice | undefined },
): ExperimentExplanation {
  const { session } = input;
  const splitKey = splitKeyOf(session, input.schema.session.splitKey, experiment.splitKey);
  const buckets = {
    trafficBucket: trafficBucket(experiment.id, splitKey),
    variantBucket: variantBucket(experiment.id, splitKey),
  };
  const base = {
    experimentId: experiment.id,
    experimentName: experiment.name,
    audience: experiment.audience,
    splitKey,
    ...buckets,
    traffic: experiment.traffic,
  };
  const entry = shareBuckets(experiment.traffic);
  const arm = (index: number) => {
    const variant = experiment.variants[index];
    if (!variant) return undefined;
    return {
      variantId: variant.id,
      variantName: variant.name ?? variant.id,
      control: variant.control,
      outputs: Object.keys(variant.values[featureConfig.name] ?? {}),
    };
  };
  if (context.off)
    return { ...base, decision: 'not-evaluated', reason: 'not visited: the feature is off' };
  // The same order as the engine: a QA device's forced variant first, then the sticky state.
  const { qa } = context;
  const forcedId = qa?.variants[experiment.id];
  const forced =
    forcedId === undefined
      ? undefined
      : arm(experiment.variants.findIndex((v) => v.id === forcedId));
  if (qa && forced) {
    return {
      ...base,
      decision: 'forced',
      ...forced,
      reason: `QA device ${qa.id} forces variant ${forced.variantId}`,
    };
  }
  const current = session.assignments.get(experiment.id);
  switch (current?.kind) {
    case undefined:
      return { ...base, decision: 'not-evaluated', reason: 'not visited yet in this session' };
    case 'ineligible':
      return {
        ...base,
        decision: 'not-eligible',
        reason: `not in the experiment's audience ${experiment.audience ?? ''}`,
      };
    case 'out':
      return {
        ...base,
        decision: 'outside-traffic',
        reason: `outside traffic: bucket ${buckets.trafficBucket} is not below ${entry} (${fmt(experiment.traffic)} %)`,
      };
    case 'variant': {
      const assigned = arm(current.index);
      if (!assigned)
        return { ...base, decision: 'not-evaluated', reason: 'the assigned arm no longer exists' };
      const byHash =
        buckets.trafficBucket < entry &&
        pickVariant(buckets.variantBucket, experiment.boundaries) === current.index;
      const what = assigned.control ? 'the control arm' : `variant ${assigned.variantId}`;
      return {
        ...base,
        decision: 'variant',
        ...assigned,
        reason: byHash
          ? `in traffic (bucket ${buckets.trafficBucket} < ${entry}); variant bucket ${buckets.variantBucket} falls in ${what}`
          : `${what}, kept from earlier in the session`,
      };
    }
  }
}

function explainRollout(
  input: ExplainAssignmentInput,
  rollout: CompiledRollout,
  context: {
    readonly off: boolean;
    readonly unvisited: boolean;
    readonly inArms: readonly string[];
  },
): RolloutExplanation {
  const { session } = input;
  const splitKey = splitKeyOf(session, input.schema.session.splitKey);
  const percentNow =
    rollout.share.kind === 'fixed'
      ? rollout.share.percent
      : rampPercent(input.now, rollout.share.from, rollout.share.to);
  const bucket = rolloutBucket(rollout.id, splitKey);
  const base = { rolloutId: rollout.id, percentNow, bucket, splitKey, audience: rollout.audience };
  if (context.off)
    return { ...base, decision: 'not-evaluated', reason: 'not visited: the feature is off' };
  if (context.unvisited && context.inArms.length === 0) {
    return {
      ...base,
      decision: 'not-evaluated',
      reason: 'not visited yet: the experiments of the feature have not decided',
    };
  }
  if (context.inArms.length > 0) {
    return {
      ...base,
      decision: 'blocked-by-experiment',
      blockedBy: context.inArms,
      reason: `the session is in an arm of ${context.inArms.join(', ')}; rollouts apply only outside experiments`,
    };
  }
  if (rollout.audience !== undefined && !session.audiences.has(rollout.audience)) {
    return {
      ...base,
      decision: 'not-in-audience',
      reason: `not in the rollout's audience ${rollout.audience}`,
    };
  }
  const share = shareBuckets(percentNow);
  return bucket < share
    ? {
        ...base,
        decision: 'in-rollout',
        reason: `bucket ${bucket} < ${share} (${fmt(percentNow)} % now)`,
      }
    : {
        ...base,
        decision: 'outside-share',
        reason: `bucket ${bucket} is not below ${share} (${fmt(percentNow)} % now)`,
      };
}
