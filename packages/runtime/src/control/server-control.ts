/**
 * The server's run-time control (protocol.md §7, §17; config.md §6): the configuration in force
 * and its reloads, the admin QA overlay, and the SSE flushes that follow every QA change.
 */
import { readFile } from 'node:fs/promises';

import type {
  Clock,
  CompiledConfig,
  ConfigFormat,
  ConfigIssue,
  Engine,
  Logger,
  QaDevice,
} from '@iserver/core';
import {
  configFormatFor,
  formatConfigIssues,
  loadConfig,
  noopLogger,
  parseConfigDocument,
} from '@iserver/core';

import type { SseHub } from '../sse/sse-hub.js';
import type { QaChange, QaOverlayEntry } from './qa-overlay.js';
import { QaOverlay, qaChange } from './qa-overlay.js';

/** The configuration in force and where it came from. */
export interface ConfigState {
  /** The file, or `undefined` for the built-in empty configuration. */
  readonly path: string | undefined;
  readonly format: ConfigFormat;
  readonly text: string;
  /** The parsed document (plain data), as `admin/config` shows it. */
  readonly document: unknown;
  readonly config: CompiledConfig;
  /** Epoch ms. */
  readonly loadedAt: number;
}

export type ReloadResult =
  | {
      readonly ok: true;
      readonly changed: boolean;
      readonly hash: string;
      readonly loadedAt: number;
    }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

export type QaEditResult =
  | { readonly ok: true; readonly device: QaDevice | undefined; readonly change: QaChange }
  | { readonly ok: false; readonly issues: readonly ConfigIssue[] };

export interface ServerControlOptions {
  readonly engine: Engine;
  readonly hub: SseHub;
  /** The configuration the engine was created with, its file and text. */
  readonly path: string | undefined;
  readonly text: string;
  readonly overlay?: QaOverlay;
  /** `--session-timeout`: re-applied to every reloaded configuration. */
  readonly sessionTimeoutMs?: number | undefined;
  /** Called after every accepted configuration (the warehouse writes a snapshot of it). */
  readonly onConfigLoaded?: (config: CompiledConfig, loadedAt: number) => void;
  readonly logger?: Logger;
  /** @default Date.now */
  readonly clock?: Clock;
}

/**
 * Owns configuration swaps and QA edits, so that each one ends with the same steps: compare the
 * QA devices before and after, drop the affected memoized records (`engine.forget`), move the
 * session's `lastFlushTime` and push `flushfeatures`/`flushcache` to the device's streams.
 */
export class ServerControl {
  readonly engine: Engine;
  readonly hub: SseHub;
  readonly overlay: QaOverlay;
  readonly #logger: Logger;
  readonly #clock: Clock;
  readonly #sessionTimeoutMs: number | undefined;
  readonly #onConfigLoaded: ((config: CompiledConfig, loadedAt: number) => void) | undefined;
  #state: ConfigState;
  #queue: Promise<unknown> = Promise.resolve();
  /** Flush times of devices without an open session, for their next `hello`. */
  readonly #flushTimes = new Map<string, number>();

  constructor(options: ServerControlOptions) {
    this.engine = options.engine;
    this.hub = options.hub;
    this.overlay = options.overlay ?? new QaOverlay();
    this.#logger = options.logger ?? noopLogger;
    this.#clock = options.clock ?? { now: Date.now };
    this.#sessionTimeoutMs = options.sessionTimeoutMs;
    this.#onConfigLoaded = options.onConfigLoaded;
    const format = options.path === undefined ? 'yaml' : configFormatFor(options.path);
    const parsed = parseConfigDocument(options.text, format);
    this.#state = {
      path: options.path,
      format,
      text: options.text,
      document: 'document' in parsed ? parsed.document : null,
      config: options.engine.config,
      loadedAt: this.#clock.now(),
    };
  }

  /** The engine's `qaOverlay` option: the admin entry merged over the file's device. */
  static qaOverlayOf(
    overlay: QaOverlay,
    engine: () => Engine,
  ): (id: string) => QaDevice | undefined {
    return (id) => overlay.device(id, engine().config);
  }

  get state(): ConfigState {
    return this.#state;
  }

  /** The time `hello` announces: the open session's `lastFlushTime`, else the last flush sent. */
  flushTime(persistentKey: string): number {
    const session = this.engine.findSession({
      [this.engine.schema.session.persistentKey]: persistentKey,
    });
    return session?.lastFlushTime ?? this.#flushTimes.get(persistentKey) ?? 0;
  }

  /** Re-reads the configuration file now; reloads run one at a time. */
  reload(reason = 'admin'): Promise<ReloadResult> {
    const next = this.#queue.then(() => this.#reload(reason));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #reload(reason: string): Promise<ReloadResult> {
    const { path, format } = this.#state;
    if (path === undefined) {
      const { hash } = this.#state.config;
      return { ok: true, changed: false, hash, loadedAt: this.#state.loadedAt };
    }
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      const issues = [{ path: '', message: `cannot read ${path}: ${(error as Error).message}` }];
      this.#logger.error(
        { path, reason, issues },
        'configuration reload failed: keeping the one in force',
      );
      return { ok: false, issues };
    }
    if (text === this.#state.text) {
      return {
        ok: true,
        changed: false,
        hash: this.#state.config.hash,
        loadedAt: this.#state.loadedAt,
      };
    }
    const { config: loaded, issues } = loadConfig(text, { schema: this.engine.schema, format });
    if (!loaded) {
      this.#logger.error(
        { path, reason, issues: formatConfigIssues(issues).split('\n') },
        'configuration rejected: keeping the one in force',
      );
      return { ok: false, issues };
    }
    const config =
      this.#sessionTimeoutMs === undefined
        ? loaded
        : { ...loaded, sessionIdleTimeoutMs: this.#sessionTimeoutMs };
    if (config.fdl !== this.#state.config.fdl)
      this.#logger.warn(
        { path, fdl: config.fdl },
        'the fdl: entry changed: the FDL is read at start only',
      );
    const old = this.engine.config;
    const ids = new Set([...old.qa.keys(), ...config.qa.keys()]);
    const before = new Map([...ids].map((id) => [id, this.engine.qaDevice(id)]));
    this.engine.setConfig(config);
    const parsed = parseConfigDocument(text, format);
    this.#state = {
      path,
      format,
      text,
      document: 'document' in parsed ? parsed.document : null,
      config,
      loadedAt: this.#clock.now(),
    };
    this.#onConfigLoaded?.(config, this.#state.loadedAt);
    this.#logger.info(
      { path, reason, hash: config.hash, previous: old.hash },
      'configuration reloaded',
    );
    for (const id of ids)
      this.#apply(id, qaChange(before.get(id), this.engine.qaDevice(id), [old, config]));
    return { ok: true, changed: true, hash: config.hash, loadedAt: this.#state.loadedAt };
  }

  /**
   * Checks a QA device entry (config.md `qa.devices.*` shape, every field optional) against the
   * schema and the configuration in force, exactly as the file's would be.
   */
  validateEntry(id: string, raw: unknown): QaOverlayEntry | ConfigIssue[] {
    const base =
      typeof this.#state.document === 'object' && this.#state.document !== null
        ? this.#state.document
        : { version: 1 };
    const document = { ...base, qa: { devices: { [id]: raw } } };
    const { config, issues } = loadConfig(JSON.stringify(document), {
      schema: this.engine.schema,
      format: 'json',
    });
    const prefixes = [`qa.devices.${id}`, `qa.devices[${JSON.stringify(id)}]`];
    if (!config)
      return issues.map((i) => {
        const prefix = prefixes.find((p) => i.path.startsWith(p));
        return prefix === undefined
          ? i
          : { path: i.path.slice(prefix.length).replace(/^\./, ''), message: i.message };
      });
    const device = config.qa.get(id);
    const given = raw as Record<string, unknown>;
    return {
      ...('registered' in given && device ? { registered: device.registered } : {}),
      ...('overrides' in given && device ? { overrides: device.overrides } : {}),
      ...('variants' in given && device ? { variants: device.variants } : {}),
    };
  }

  /**
   * Replaces a device's admin entry (`undefined` removes it), persists the overlay and flushes
   * the device. The entry is validated first; nothing changes when it has issues.
   */
  async setEntry(id: string, raw: unknown): Promise<QaEditResult> {
    let entry: QaOverlayEntry | undefined;
    if (raw !== undefined) {
      const checked = this.validateEntry(id, raw);
      if (Array.isArray(checked)) return { ok: false, issues: checked };
      entry = checked;
    }
    const before = this.engine.qaDevice(id);
    this.overlay.set(id, entry);
    await this.overlay.save();
    const device = this.engine.qaDevice(id);
    const change = qaChange(before, device, [this.engine.config]);
    this.#apply(id, change);
    this.#logger.info({ device: id, change: change.kind }, 'QA device changed (admin)');
    return { ok: true, device, change };
  }

  /** Pushes a QA change to the device: forget, new flush time, SSE event. */
  #apply(id: string, change: QaChange): void {
    if (change.kind === 'none') return;
    const now = this.#clock.now();
    const forgotten = this.engine.forget(id, change.features);
    const session = this.engine.findSession({ [this.engine.schema.session.persistentKey]: id });
    if (session) session.lastFlushTime = now;
    else this.#flushTimes.set(id, now);
    const streams =
      change.kind === 'cache'
        ? this.hub.flushCache(id, now)
        : this.hub.flushFeatures(id, change.features);
    this.#logger.info(
      { device: id, change: change.kind, features: change.features, forgotten, streams },
      'QA flush',
    );
  }

  /** An explicit `flushcache` for one device (`cmd`). */
  flushDevice(id: string): void {
    this.#apply(id, { kind: 'cache', features: [] });
  }
}
