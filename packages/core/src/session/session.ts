/**
 * What the server remembers about one session (config.md §5, protocol.md §3–§5). Mutable state,
 * owned by the engine; read it, but change it only through the engine.
 */
import type { JsonValue } from '../fdl/schema-model.js';

export interface HistoryEntry {
  readonly startTime: number;
  /** `null` while this value is current; set when it changes or the session closes. */
  endTime: number | null;
  readonly value: JsonValue;
}

export interface Impression {
  readonly id: string;
  readonly time: number;
}

export interface EventRecord {
  /** The FDL event name (for abstract events: the feature event that imports it). */
  readonly name: string;
  readonly eventTime: number;
  readonly eventId: string;
  /** The impression the event belongs to; the session id for session events. */
  readonly impressionId: string;
  readonly fields: Readonly<Record<string, JsonValue>>;
}

/** How one output got its value. */
export type OutputSource = 'qa' | 'experiment' | 'rollout' | 'control' | 'plugin' | 'external';

export interface OutputDecision {
  readonly source: OutputSource;
  /** The experiment (and arm) that decided the output, or that the session is in for it. */
  readonly experimentId?: string;
  readonly variantId?: string;
  readonly variantName?: string;
  readonly rolloutId?: string;
}

/** An experiment the session is assigned in, as the wire `_variants` shows it. */
export interface VariantRef {
  readonly experimentId: string;
  readonly experimentName: string | undefined;
  readonly variantId: string;
  readonly variantName: string | undefined;
  readonly control: boolean;
}

/** One memoized (feature, args) of a session: a row of the feature's warehouse table. */
export interface FeatureRecord {
  readonly feature: string;
  /** Canonical JSON of the args (defaults applied): the memo key within the feature. */
  readonly argsKey: string;
  readonly args: Readonly<Record<string, JsonValue>>;
  readonly outputs: Record<string, JsonValue>;
  readonly decisions: Readonly<Record<string, OutputDecision>>;
  /** Experiments whose assignment touched this feature (control arm included), launch order. */
  readonly variants: readonly VariantRef[];
  readonly firstTime: number;
  /** Real impressions (not cache fills), in arrival order. */
  readonly impressions: Impression[];
  readonly events: EventRecord[];
  /** Values reported through `/external`, by output name. */
  readonly externals: Record<string, JsonValue>;
}

export type Assignment =
  | { readonly kind: 'variant'; readonly index: number }
  /** Outside the traffic share: final for the session. */
  | { readonly kind: 'out' }
  /** Not in the audience: re-checked while the session is undecided. */
  | { readonly kind: 'ineligible' };

export interface Session {
  readonly id: string;
  /** Session key values by arg name (the persistent key always present). */
  readonly keys: Readonly<Record<string, string>>;
  readonly persistentKey: string;
  /** Session args with FDL defaults applied, mutable ones at their current value. */
  readonly args: Record<string, JsonValue>;
  /** `@mutable` args and plugin outputs: value histories. */
  readonly histories: Record<string, HistoryEntry[]>;
  readonly startTime: number;
  lastActivity: number;
  readonly userAgent: string | null;
  readonly entryUrl: string | null;
  readonly clientType: string | null;
  /** Session plugin outputs; `undefined` until the session plugin ran. */
  plugin: Record<string, JsonValue> | undefined;
  /** Sticky audience memberships. */
  readonly audiences: Set<string>;
  readonly assignments: Map<string, Assignment>;
  readonly records: FeatureRecord[];
  /** `feature + '\u0000' + argsKey` → record. */
  readonly byArgs: Map<string, FeatureRecord>;
  /** Impression id → records shown under it (one request id covers several features). */
  readonly byImpression: Map<string, FeatureRecord[]>;
  readonly events: EventRecord[];
  readonly eventCounts: Map<string, number>;
  /** Experiments the session was exposed to (a real impression showed a feature they touched). */
  readonly exposures: Map<string, VariantRef>;
  /** When a cache flush was last pushed to this device (SSE); starts at `startTime`. */
  lastFlushTime: number;
}

/** The memo key of a record; a feature without args is keyed by its name alone (no allocation). */
export function memoKey(feature: string, argsKey: string): string {
  return argsKey === '{}' ? feature : `${feature}\u0000${argsKey}`;
}
