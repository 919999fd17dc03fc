import type { CompiledConfig, FeatureConfig, QaDevice } from '../config/compiled-config.js';
import { ErrorCode, ImpressionError } from '../errors.js';
import type { FdlSchema, FdlType, FeatureDef, JsonValue, PluginDef } from '../fdl/schema-model.js';
import type { Clock, IdGenerator } from '../ports.js';
import { canonicalJson } from '../session/canonical-json.js';
import { InMemorySessionStore } from '../session/in-memory-session-store.js';
import { keysMatch } from '../session/in-memory-session-store.js';
import type { FeatureRecord, Session } from '../session/session.js';
import { memoKey } from '../session/session.js';
import type { SessionStore } from '../session/session-store.js';
import { applySignal } from './apply-signal.js';
import { closeSession } from './close-session.js';
import { controlOf } from './control-of.js';
import type { ClosedSession } from './closed-session.js';
import { decideOutputs } from './decide-outputs.js';
import type {
  CloseReason,
  EngineObserver,
  EvaluateRequest,
  EvaluateResult,
  FeatureRequest,
  FeatureResult,
  OfflineEventRecord,
  PluginHost,
  SignalRequest,
  SignalResult,
} from './engine-types.js';
import { openSession, recordMutation } from './open-session.js';
import { resolveArgs } from './resolve-args.js';
import { runPlugin } from './run-plugin.js';
import { extractKeys } from './session-keys.js';

export interface EngineOptions {
  readonly schema: FdlSchema;
  readonly config: CompiledConfig;
  readonly clock: Clock;
  /** Runs FDL plugins; without one, plugin fields keep their control values. */
  readonly plugins?: PluginHost;
  /** @default 50 */
  readonly pluginBudgetMs?: number;
  /** @default globalThis.crypto.randomUUID */
  readonly newId?: IdGenerator;
  /** @default an InMemorySessionStore keyed by the schema's session keys */
  readonly store?: SessionStore;
  /** Bound of the default store. @default 500_000 */
  readonly maxSessions?: number;
  /** Receives every closed session (idle, replaced, evicted, drained): hand it to the warehouse. */
  readonly onSessionClosed?: (closed: ClosedSession) => void;
  readonly observer?: EngineObserver;
  /**
   * Extra QA state (the admin API's), consulted before the configuration's own devices.
   * @default none
   */
  readonly qaOverlay?: (persistentKey: string) => QaDevice | undefined;
}

/** Web Crypto's UUID v4 (a global in Node ≥ 19 and browsers); typed here because core has no DOM or Node types. */
const randomUuid: IdGenerator = () =>
  (globalThis as unknown as { crypto: { randomUUID(): string } }).crypto.randomUUID();

const NO_OUTPUTS: Readonly<Record<string, JsonValue>> = Object.freeze({});

function holdsObject(type: FdlType): boolean {
  return type.kind === 'object' || (type.kind === 'list' && holdsObject(type.of));
}

/** Everything a memo miss carries from validation to the decision. */
interface MemoMiss {
  readonly session: Session;
  readonly feature: FeatureDef;
  readonly featureConfig: FeatureConfig;
  readonly args: Record<string, JsonValue>;
  readonly argsKey: string;
  readonly key: string;
  readonly impressionId: string | undefined;
  readonly now: number;
}

const sameJson = (a: JsonValue, b: JsonValue) => canonicalJson(a) === canonicalJson(b);

/**
 * The assignment engine: sessions, the six phases, memoization, events. Pure: time comes from
 * the injected clock, plugins through the injected host, closed sessions leave through a callback.
 *
 * @example
 * const engine = createEngine({ schema, config, clock: { now: Date.now } });
 * const { results } = await engine.evaluate({ args: { deviceId: 'd1' }, impressionId: 'i1', features: [{ name: 'RatingBox', args: { sku: 'A' } }] });
 */
export class Engine {
  readonly schema: FdlSchema;
  readonly #clock: Clock;
  readonly #plugins: PluginHost | undefined;
  readonly #budgetMs: number;
  readonly #newId: IdGenerator;
  readonly #store: SessionStore;
  readonly #onClosed: (closed: ClosedSession) => void;
  readonly #observer: EngineObserver;
  readonly #qaOverlay: ((persistentKey: string) => QaDevice | undefined) | undefined;
  readonly #features: ReadonlyMap<string, FeatureDef>;
  /** Features with an arg that can hold an object: their memo keys need canonical JSON. */
  readonly #structArgs: ReadonlySet<string>;
  #config: CompiledConfig;

  constructor(options: EngineOptions) {
    this.schema = options.schema;
    this.#config = options.config;
    this.#clock = options.clock;
    this.#plugins = options.plugins;
    this.#budgetMs = options.pluginBudgetMs ?? 50;
    this.#newId = options.newId ?? randomUuid;
    const { session } = options.schema;
    this.#store =
      options.store ??
      new InMemorySessionStore({
        persistentKey: session.persistentKey,
        sessionKeys: session.sessionKeys,
        maxSessions: options.maxSessions,
      });
    this.#onClosed = options.onSessionClosed ?? (() => undefined);
    this.#observer = options.observer ?? {};
    this.#qaOverlay = options.qaOverlay;
    this.#features = new Map(
      options.schema.features.filter((f) => !f.abstract).map((f) => [f.name, f]),
    );
    this.#structArgs = new Set(
      [...this.#features.values()]
        .filter((f) => f.args.some((a) => holdsObject(a.type)))
        .map((f) => f.name),
    );
  }

  get config(): CompiledConfig {
    return this.#config;
  }

  /** Swaps the configuration atomically; open sessions keep their records and assignments (config.md §6). */
  setConfig(config: CompiledConfig): void {
    this.#config = config;
  }

  get sessionCount(): number {
    return this.#store.size;
  }

  /** The open session matching these keys (any subset of the session keys). */
  findSession(keys: Readonly<Record<string, unknown>>): Session | undefined {
    const found = extractKeys(this.schema.session, keys);
    return Object.keys(found).length ? this.#store.find(found) : undefined;
  }

  /**
   * Drops the open session's memoized records of these features (config.md §6: the device's QA
   * entry changed), so the next request decides them afresh under the current configuration. The
   * records stay in the session and are still written at close; impression ids already handed
   * out keep finding them for events. Returns how many records were dropped (0 without a session).
   */
  forget(persistentKey: string, features: Iterable<string>): number {
    const session = this.#store.byPersistentKey(persistentKey);
    if (!session) return 0;
    const names = new Set(features);
    let dropped = 0;
    for (const [key, record] of session.byArgs) {
      if (names.has(record.feature) && session.byArgs.delete(key)) dropped++;
    }
    return dropped;
  }

  qaDevice(persistentKey: string): QaDevice | undefined {
    return this.#qaOverlay?.(persistentKey) ?? this.#config.qa.get(persistentKey);
  }

  /** `/features`: finds or opens the session, then answers each requested feature. */
  async evaluate(request: EvaluateRequest): Promise<EvaluateResult> {
    const now = this.#clock.now();
    const { session, created, replaced } = this.#resolveSession(request, now);
    if (created && this.schema.session.plugin) await this.#runSessionPlugin(session);
    const results: FeatureResult[] = [];
    for (const feature of request.features) {
      const result = this.#evaluateFeature(session, feature, request.impressionId, now);
      results.push(result instanceof Promise ? await result : result);
    }
    return { session, results, created, replaced };
  }

  /** `/signal` and `/external`: records an event, beacon, mutation, external value or keep-alive. */
  signal(request: SignalRequest): SignalResult {
    const now = this.#clock.now();
    const keys = extractKeys(this.schema.session, request.keys);
    if (Object.keys(keys).length === 0) {
      throw new ImpressionError(
        ErrorCode.SESSION_KEYS_INVALID,
        `the signal names no session: give the session keys (${this.schema.session.sessionKeys.join(', ')}) in 'id'`,
      );
    }
    const session = this.#store.find(keys);
    if (!session)
      throw new ImpressionError(
        ErrorCode.SESSION_UNKNOWN,
        'no open session matches these keys (it expired or never existed)',
      );
    this.#touch(session, now);
    return applySignal(request, {
      schema: this.schema,
      session,
      now,
      newId: this.#newId,
      observer: this.#observer,
      features: this.#features,
      activate: (record) => this.#activate(session, record),
      mutate: (name, value) => recordMutation(session, name, value, now, sameJson),
    });
  }

  /** An offline event (no session): validated and returned for the warehouse. */
  offlineEvent(
    name: string,
    args: Readonly<Record<string, unknown>> | undefined,
  ): OfflineEventRecord {
    const event = this.schema.offlineEvents.find((e) => e.name === name);
    if (!event)
      throw new ImpressionError(ErrorCode.EVENT_UNKNOWN, `unknown offline event '${name}'`);
    const fields = resolveArgs(event.fields, args, this.schema, 'event field');
    if (!fields.ok) throw new ImpressionError(ErrorCode.ARGS_INVALID, fields.message);
    this.#observer.event?.({ event: name, feature: undefined });
    return {
      event: name,
      eventTime: this.#clock.now(),
      eventId: this.#newId(),
      fields: fields.args,
    };
  }

  /** Closes one session now and hands it to `onSessionClosed`. */
  close(session: Session, reason: CloseReason): ClosedSession {
    this.#store.remove(session);
    const closed = closeSession(this.schema, session, reason, this.#clock.now());
    this.#observer.sessionClosed?.(closed);
    this.#onClosed(closed);
    return closed;
  }

  /** Closes sessions idle longer than the configured timeout; call it from a timer. */
  expireIdle(): ClosedSession[] {
    const cutoff = this.#clock.now() - this.#config.sessionIdleTimeoutMs;
    return this.#store.idleBefore(cutoff).map((session) => this.close(session, 'idle'));
  }

  /** Closes every open session (shutdown, or an explicit flush). */
  closeAll(reason: CloseReason = 'drain'): ClosedSession[] {
    return this.#store.all().map((session) => this.close(session, reason));
  }

  #touch(session: Session, now: number): void {
    session.lastActivity = now;
    this.#store.touch(session);
  }

  #resolveSession(
    request: EvaluateRequest,
    now: number,
  ): { session: Session; created: boolean; replaced?: ClosedSession } {
    const def = this.schema.session;
    const keys = extractKeys(def, request.args);
    const persistent = keys[def.persistentKey];
    if (persistent === undefined) {
      throw new ImpressionError(
        ErrorCode.SESSION_KEYS_INVALID,
        `session arg '${def.persistentKey}' (the persistent key) is required and must be a string`,
      );
    }
    const existing = this.#store.byPersistentKey(persistent);
    let replaced: ClosedSession | undefined;
    if (existing && keysMatch(existing.keys, keys)) {
      this.#touch(existing, now);
      this.#applyArgChanges(existing, request.args, now);
      return { session: existing, created: false };
    }
    if (existing) replaced = this.close(existing, 'replaced');
    const args = resolveArgs(def.args, request.args, this.schema, 'session arg');
    if (!args.ok) throw new ImpressionError(ErrorCode.ARGS_INVALID, args.message);
    const text = (name: string) => {
      const value = request.args[name];
      return typeof value === 'string' ? value : null;
    };
    const session = openSession({
      id: this.#newId(),
      def,
      keys,
      args: args.args,
      now,
      userAgent: text('userAgent') ?? request.userAgent ?? null,
      entryUrl: text('entryUrl'),
      clientType: text('clientType'),
    });
    this.#store.add(session);
    this.#observer.sessionOpened?.(session);
    for (let evicted = this.#store.overflow(); evicted; evicted = this.#store.overflow())
      this.close(evicted, 'evicted');
    return { session, created: true, replaced };
  }

  /** Clients without a `mutate` call send new values of `@mutable` args on `/features` (protocol.md §3.5). */
  #applyArgChanges(session: Session, given: Readonly<Record<string, unknown>>, now: number): void {
    const def = this.schema.session;
    for (const name of def.mutableArgs) {
      if (!(name in given)) continue;
      const field = def.args.find((a) => a.name === name);
      if (!field) continue;
      const resolved = resolveArgs([field], given, this.schema, 'session arg');
      if (!resolved.ok) throw new ImpressionError(ErrorCode.ARGS_INVALID, resolved.message);
      const value = resolved.args[name] ?? null;
      if (recordMutation(session, name, value, now, sameJson)) session.args[name] = value;
    }
  }

  async #runSessionPlugin(session: Session): Promise<void> {
    const plugin = this.schema.session.plugin;
    if (!plugin) return;
    const outcome = await runPlugin(
      this.#plugins,
      { plugin, session: this.#pluginSession(session), budgetMs: this.#budgetMs },
      { clock: this.#clock, registry: this.schema, observer: this.#observer },
    );
    const values: Record<string, JsonValue> = {};
    for (const field of plugin.fields) {
      const value =
        outcome.ok && field.name in outcome.outputs
          ? outcome.outputs[field.name]
          : field.controlValue;
      values[field.name] = value ?? null;
      if (field.flags.mutable)
        session.histories[field.name] = [
          { startTime: session.startTime, endTime: null, value: value ?? null },
        ];
    }
    session.plugin = values;
  }

  #pluginSession(session: Session) {
    return {
      id: session.id,
      keys: session.keys,
      args: session.args,
      plugin: session.plugin,
      userAgent: session.userAgent,
    };
  }

  /** Synchronous unless the feature has a plugin to run, so most requests await nothing per feature. */
  #evaluateFeature(
    session: Session,
    request: FeatureRequest,
    impressionId: string | undefined,
    now: number,
  ): FeatureResult | Promise<FeatureResult> {
    const name = request.name;
    const feature = this.#features.get(name);
    const featureConfig = this.#config.features.get(name);
    if (!feature || !featureConfig) return { status: 'unknown', name };
    const args = resolveArgs(feature.args, request.args, this.schema, 'arg');
    if (!args.ok) return this.#fail(feature, featureConfig, args.message);
    const argsKey = this.#argsKey(feature, args.args);
    const key = memoKey(name, argsKey);
    const memo = session.byArgs.get(key);
    if (memo) return this.#impress(session, memo, impressionId, now, true);
    const miss = {
      session,
      feature,
      featureConfig,
      args: args.args,
      argsKey,
      key,
      impressionId,
      now,
    };
    if (!feature.plugin) return this.#decide(miss, NO_OUTPUTS);
    return this.#decideWithPlugin(miss, feature.plugin);
  }

  async #decideWithPlugin(miss: MemoMiss, plugin: PluginDef): Promise<FeatureResult> {
    const { session, feature, featureConfig } = miss;
    const call = {
      plugin,
      session: this.#pluginSession(session),
      feature: { name: feature.name, args: miss.args },
      budgetMs: this.#budgetMs,
    };
    const outcome = await runPlugin(this.#plugins, call, {
      clock: this.#clock,
      registry: this.schema,
      observer: this.#observer,
    });
    if (!outcome.ok && outcome.violation)
      return this.#fail(feature, featureConfig, outcome.message);
    return this.#decide(miss, outcome.ok ? outcome.outputs : NO_OUTPUTS);
  }

  #decide(miss: MemoMiss, pluginOutputs: Readonly<Record<string, JsonValue>>): FeatureResult {
    const { session, feature, now } = miss;
    const decision = decideOutputs({
      config: this.#config,
      feature,
      featureConfig: miss.featureConfig,
      session,
      fdlSplitKey: this.schema.session.splitKey,
      args: miss.args,
      pluginOutputs,
      qa: this.qaDevice(session.persistentKey),
      now,
    });
    if (decision.off) return { status: 'off', name: feature.name };
    const record: FeatureRecord = {
      feature: feature.name,
      argsKey: miss.argsKey,
      args: miss.args,
      outputs: decision.outputs,
      decisions: decision.decisions,
      variants: decision.variants,
      firstTime: now,
      impressions: [],
      events: [],
      externals: {},
    };
    session.records.push(record);
    session.byArgs.set(miss.key, record);
    return this.#impress(session, record, miss.impressionId, now, false);
  }

  #fail(feature: FeatureDef, featureConfig: FeatureConfig, message: string): FeatureResult {
    this.#observer.featureError?.({ feature: feature.name, message });
    const outputs: Record<string, JsonValue> = {};
    for (const output of [...feature.outputs, ...(feature.plugin?.fields ?? [])]) {
      outputs[output.name] = controlOf(featureConfig, output);
    }
    return { status: 'error', name: feature.name, message, outputs };
  }

  /**
   * The memo key of resolved args. They come out of `resolveArgs` in declaration order, so plain
   * JSON is canonical unless an arg holds an object whose keys the client ordered.
   */
  #argsKey(feature: FeatureDef, args: Readonly<Record<string, JsonValue>>): string {
    if (feature.args.length === 0) return '{}';
    return this.#structArgs.has(feature.name) ? canonicalJson(args) : JSON.stringify(args);
  }

  /** Counts a real impression (once per id) or hands out a server id for a cache fill. */
  #impress(
    session: Session,
    record: FeatureRecord,
    impressionId: string | undefined,
    now: number,
    cached: boolean,
  ): FeatureResult {
    const cacheFill = impressionId === undefined;
    const id = impressionId ?? this.#newId();
    const owners = session.byImpression.get(id);
    if (!owners?.includes(record)) {
      if (owners) owners.push(record);
      else session.byImpression.set(id, [record]);
      if (!cacheFill) {
        record.impressions.push({ id, time: now });
        this.#activate(session, record);
      }
      this.#observer.impression?.({ feature: record.feature, impressionId: id, cacheFill });
    }
    return {
      status: 'on',
      name: record.feature,
      outputs: record.outputs,
      decisions: record.decisions,
      impressionId: id,
      record,
      variants: record.variants,
      cached,
    };
  }

  /** A real impression exposes the session to the experiments that touched the record (config.md §5). */
  #activate(session: Session, record: FeatureRecord): void {
    for (const variant of record.variants) {
      if (!session.exposures.has(variant.experimentId))
        session.exposures.set(variant.experimentId, variant);
    }
  }
}

export function createEngine(options: EngineOptions): Engine {
  return new Engine(options);
}
