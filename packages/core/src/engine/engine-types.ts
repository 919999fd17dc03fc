/** The engine's request and result shapes (the wire protocol maps onto these in the server). */
import type { JsonValue, PluginDef } from '../fdl/schema-model.js';
import type { FeatureRecord, OutputDecision, Session, VariantRef } from '../session/session.js';
import type { ClosedSession } from './closed-session.js';

/** Who is asking: the identifying data of a request, outside the FDL args. */
export interface RequestContext {
  /** `User-Agent` header; used when the args carry no `userAgent`. */
  readonly userAgent?: string | undefined;
}

export interface FeatureRequest {
  readonly name: string;
  /** Feature args as sent; FDL defaults are applied to missing optional ones. */
  readonly args?: Readonly<Record<string, unknown>> | undefined;
}

export interface EvaluateRequest extends RequestContext {
  /** Session args as sent (keys included). May carry the implicit `userAgent`, `entryUrl`, `clientType`. */
  readonly args: Readonly<Record<string, unknown>>;
  /** The caller's impression id; absent for a cache fill. */
  readonly impressionId?: string | undefined;
  readonly features: readonly FeatureRequest[];
}

export type FeatureResult =
  | {
      readonly status: 'on';
      readonly name: string;
      /** Every output and plugin field, `@external` ones still at their control value. */
      readonly outputs: Readonly<Record<string, JsonValue>>;
      readonly decisions: Readonly<Record<string, OutputDecision>>;
      /** The request's impression id, or a server id for a cache fill. */
      readonly impressionId: string;
      readonly record: FeatureRecord;
      readonly variants: readonly VariantRef[];
      /** True when the record already existed (memo hit). */
      readonly cached: boolean;
    }
  | { readonly status: 'off'; readonly name: string }
  | { readonly status: 'unknown'; readonly name: string }
  | {
      readonly status: 'error';
      readonly name: string;
      readonly message: string;
      /** The feature's control values, so clients still have something to show. */
      readonly outputs: Readonly<Record<string, JsonValue>>;
    };

export interface EvaluateResult {
  readonly session: Session;
  readonly results: readonly FeatureResult[];
  /** Set when the request's keys did not match the open session of its persistent key. */
  readonly replaced?: ClosedSession | undefined;
  readonly created: boolean;
}

/** The signals of protocol.md §5, already told apart by the server. */
export type SignalRequest = RequestContext &
  (
    | {
        readonly kind: 'feature-event';
        readonly keys: Readonly<Record<string, unknown>>;
        readonly feature: string;
        readonly event: string;
        readonly impressionId: string;
        readonly args?: Readonly<Record<string, unknown>> | undefined;
      }
    | {
        readonly kind: 'session-event';
        readonly keys: Readonly<Record<string, unknown>>;
        readonly event: string;
        readonly args?: Readonly<Record<string, unknown>> | undefined;
      }
    | {
        readonly kind: 'abstract-event';
        readonly keys: Readonly<Record<string, unknown>>;
        readonly event: string;
        readonly impressionId?: string | undefined;
        readonly args?: Readonly<Record<string, unknown>> | undefined;
      }
    | {
        readonly kind: 'beacon';
        readonly keys: Readonly<Record<string, unknown>>;
        /** Feature → `{ impression?: oldId, newImpression: newId }`. */
        readonly impressions: Readonly<
          Record<string, { readonly impression?: unknown; readonly newImpression?: unknown }>
        >;
      }
    | {
        readonly kind: 'mutate';
        readonly keys: Readonly<Record<string, unknown>>;
        readonly field: string;
        readonly value: unknown;
      }
    | {
        readonly kind: 'external';
        readonly keys: Readonly<Record<string, unknown>>;
        readonly feature: string;
        readonly impressionId: string;
        readonly values: Readonly<Record<string, unknown>>;
      }
    | { readonly kind: 'keep-alive'; readonly keys: Readonly<Record<string, unknown>> }
  );

export interface SignalResult {
  readonly session: Session;
  /** For events: the id given to the recorded event. */
  readonly eventId?: string | undefined;
}

/** Offline events have no session: validated, then handed back for the warehouse. */
export interface OfflineEventRecord {
  readonly event: string;
  readonly eventTime: number;
  readonly eventId: string;
  readonly fields: Readonly<Record<string, JsonValue>>;
}

/** Why a session closed. */
export type CloseReason = 'idle' | 'replaced' | 'evicted' | 'drain' | 'flush';

/** A call the engine makes to a plugin (FDL `plugin` block). */
export interface PluginCall {
  readonly plugin: PluginDef;
  readonly session: {
    readonly id: string;
    readonly keys: Readonly<Record<string, string>>;
    readonly args: Readonly<Record<string, JsonValue>>;
    readonly plugin: Readonly<Record<string, JsonValue>> | undefined;
    readonly userAgent: string | null;
  };
  /** For feature plugins: the feature and its args (defaults applied). */
  readonly feature?:
    { readonly name: string; readonly args: Readonly<Record<string, JsonValue>> } | undefined;
  /** How long the plugin may take; the host aborts it after this. */
  readonly budgetMs: number;
}

/**
 * Runs plugins for the engine. The host (the server) finds the module serving `call.plugin`,
 * enforces the time budget and may run it asynchronously. Returned keys that are not plugin
 * fields are ignored; a value of the wrong type is a contract violation.
 */
export interface PluginHost {
  run(
    call: PluginCall,
  ): Promise<Readonly<Record<string, unknown>>> | Readonly<Record<string, unknown>>;
}

/** Hooks for metrics and logs; every method is optional. */
export interface EngineObserver {
  pluginFailed?(info: {
    plugin: string;
    kind: 'error' | 'timeout' | 'contract' | 'missing';
    message: string;
  }): void;
  featureError?(info: { feature: string; message: string }): void;
  sessionOpened?(session: Session): void;
  sessionClosed?(closed: ClosedSession): void;
  impression?(info: { feature: string; impressionId: string; cacheFill: boolean }): void;
  event?(info: { event: string; feature: string | undefined }): void;
}
