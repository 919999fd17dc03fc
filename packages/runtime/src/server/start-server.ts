import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

import { createAdaptorServer } from '@hono/node-server';
import type { Clock, Engine, Logger } from '@iserver/core';
import { createEngine } from '@iserver/core';
import type { Hono } from 'hono';

import type { AppEnv } from '../app/app-context.js';
import { createApp } from '../app/create-app.js';
import type { ConfigWatcher } from '../control/config-watcher.js';
import { watchConfigFile } from '../control/config-watcher.js';
import { QaOverlay } from '../control/qa-overlay.js';
import { ServerControl } from '../control/server-control.js';
import type { ServerOptions } from '../options/server-options.js';
import { loadPlugins } from '../plugins/load-plugins.js';
import {
  createPluginHost,
  NOT_LOADED,
  pluginLabel,
  unservedPlugins,
} from '../plugins/plugin-host.js';
import type { SessionSink } from '../sink/session-sink.js';
import { createSinkWriter } from '../sink/sink-writer.js';
import { SseHub } from '../sse/sse-hub.js';
import { createLogger } from './create-logger.js';
import { createSink } from './create-sink.js';
import { chooseSources, loadSources } from './load-sources.js';
import { StartupError } from './startup-error.js';

export interface StartServerHooks {
  /** @default a pino logger at `options.logLevel` */
  readonly logger?: Logger;
  /** Resolves relative paths (data dir, sink, plugins). @default process.cwd() */
  readonly cwd?: string;
  /** Close gracefully on SIGTERM/SIGINT. @default true */
  readonly handleSignals?: boolean;
  /** How often idle sessions are expired. @default 5000 */
  readonly expireEveryMs?: number;
  /** Longest graceful shutdown before connections are cut. @default 10000 */
  readonly shutdownTimeoutMs?: number;
  /** @default Date.now */
  readonly clock?: Clock;
  /** SSE heartbeat interval. @default 15000 */
  readonly ssePingMs?: number;
  /** Configuration file watching: debounce and `stat` fallback interval (0: no polling), or `false` for none. @default { debounceMs: 200, pollMs: 5000 } */
  readonly watchConfig?: false | { readonly debounceMs?: number; readonly pollMs?: number };
}

export interface ShutdownResult {
  readonly reason: string;
  /** False when the shutdown ran out of time or the sink failed to flush. */
  readonly clean: boolean;
}

export interface RunningServer {
  /** The base URL clients use, e.g. `http://127.0.0.1:3004/iserver/`. */
  readonly url: string;
  readonly port: number;
  readonly app: Hono<AppEnv>;
  readonly engine: Engine;
  readonly sink: SessionSink;
  readonly environment: string;
  /** Configuration reloads, the admin QA overlay and the SSE hub. */
  readonly control: ServerControl;
  /** Stops accepting, drains every session to the sink, flushes it. Idempotent. */
  close(reason?: string): Promise<ShutdownResult>;
  /** Resolves when the server has shut down (after `close()` or a signal). */
  readonly closed: Promise<ShutdownResult>;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      done(server.address() as AddressInfo);
    });
  });
}

const delay = (ms: number) =>
  new Promise<'timeout'>((done) => setTimeout(() => done('timeout'), ms).unref());

/**
 * Starts the impression server: loads the FDL and configuration (refusing to start on any
 * problem), loads plugins, creates the engine wired to the sink, listens, expires idle sessions
 * and shuts down gracefully.
 *
 * @throws StartupError listing every problem with the files, the plugins or the sink.
 * @example
 * const server = await startServer(resolveServerOptions({ fdl: ['shop.fdl'], config: 'shop.config.yaml' }));
 * await server.closed;
 */
export async function startServer(
  options: ServerOptions,
  hooks: StartServerHooks = {},
): Promise<RunningServer> {
  const logger = hooks.logger ?? createLogger(options.logLevel);
  const cwd = hooks.cwd ?? process.cwd();
  const sources = await chooseSources(
    options.fdl.map((f) => resolve(cwd, f)),
    options.config === undefined ? undefined : resolve(cwd, options.config),
  );
  const loaded = await loadSources(sources);
  for (const warning of loaded.warnings) logger.warn({ warning }, 'start-up warning');
  const environment = options.environment ?? loaded.config.environment ?? 'development';
  if (
    options.environment &&
    loaded.config.environment &&
    options.environment !== loaded.config.environment
  )
    logger.warn(
      { environment, configEnvironment: loaded.config.environment },
      '--environment differs from the configuration',
    );

  let plugins;
  try {
    plugins = await loadPlugins(options.plugins, cwd);
  } catch (error) {
    throw new StartupError((error as Error).message);
  }
  for (const def of unservedPlugins(loaded.schema, plugins))
    logger.warn(
      { plugin: pluginLabel(def) },
      'plugin named in the FDL is not loaded: its fields keep their control values',
    );

  await mkdir(resolve(cwd, options.dataDir), { recursive: true });
  const { sink, dir } = await createSink(options, environment, {
    cwd,
    logger,
    schema: loaded.schema,
  });
  const writer = createSinkWriter(sink, logger);
  const config =
    options.sessionTimeoutMs === undefined
      ? loaded.config
      : { ...loaded.config, sessionIdleTimeoutMs: options.sessionTimeoutMs };
  const overlay = new QaOverlay(resolve(cwd, options.dataDir, 'qa-overlay.json'));
  const engine: Engine = createEngine({
    qaOverlay: ServerControl.qaOverlayOf(overlay, () => engine),
    schema: loaded.schema,
    config,
    clock: hooks.clock ?? { now: Date.now },
    plugins: createPluginHost(plugins),
    pluginBudgetMs: options.pluginBudgetMs,
    onSessionClosed: writer.write,
    observer: {
      // A plugin that is not loaded was reported once at start-up; per call it is only debug.
      pluginFailed: (info) => {
        if (info.message.endsWith(NOT_LOADED)) logger.debug(info, 'plugin not loaded');
        else logger.warn(info, 'plugin failed');
      },
      featureError: (info) => logger.debug(info, 'feature error'),
    },
  });
  const control = new ServerControl({
    engine,
    hub: new SseHub({
      pingMs: hooks.ssePingMs,
      maxPerKey: options.sseMaxPerDevice,
      maxTotal: options.sseMaxStreams,
    }),
    path: sources.config,
    text: loaded.configText,
    overlay,
    sessionTimeoutMs: options.sessionTimeoutMs,
    logger,
    clock: hooks.clock,
    onConfigLoaded: (loadedConfig, loadedAt) => sink.writeSnapshot(loadedConfig, loadedAt),
  });
  // The configuration in force is on record in the warehouse from the first minute (warehouse.md §2.3).
  sink.writeSnapshot(config, (hooks.clock ?? { now: Date.now }).now());
  const overlayLoad = await overlay
    .load((id, raw) => control.validateEntry(id, raw))
    .catch((error: unknown) => {
      throw new StartupError(`cannot read ${overlay.path}: ${(error as Error).message}`);
    });
  for (const { id, issues } of overlayLoad.rejected)
    logger.warn({ device: id, issues, file: overlay.path }, 'admin QA entry rejected: left out');
  if (options.enableCmd && options.token === undefined)
    logger.warn({}, '--enable-cmd without --token: POST cmd stays off (it needs the token)');
  const app = createApp({
    control,
    enableCmd: options.enableCmd,
    flushSink: async () => {
      await writer.drain();
      await sink.flush();
    },
    engine,
    sink,
    logger,
    prefix: options.prefix,
    maxBodyBytes: options.maxBodyBytes,
    maxFeatures: options.maxFeatures,
    trustProxy: options.trustProxy,
    token: options.token,
    environment,
  });
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  let address: AddressInfo;
  try {
    address = await listen(server, options.port, options.host);
  } catch (error) {
    await sink.close();
    throw new StartupError(
      `cannot listen on ${options.host}:${options.port}: ${(error as Error).message}`,
    );
  }
  const expiry = setInterval(() => {
    try {
      engine.expireIdle();
    } catch (error) {
      logger.error({ err: error }, 'expiring idle sessions failed');
    }
  }, hooks.expireEveryMs ?? 5000);
  expiry.unref();
  const watchHook = hooks.watchConfig ?? {};
  let watcher: ConfigWatcher | undefined;
  if (watchHook !== false && sources.config !== undefined && sources.origin !== 'embedded')
    watcher = await watchConfigFile({
      path: sources.config,
      logger,
      debounceMs: watchHook.debounceMs,
      pollMs: watchHook.pollMs,
      onChange: () => void control.reload('file changed'),
    });

  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const prefixPath = options.prefix === '' ? '' : `${options.prefix}/`;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}/${prefixPath}`;

  let closing: Promise<ShutdownResult> | undefined;
  let settle: (result: ShutdownResult) => void = () => undefined;
  const closed = new Promise<ShutdownResult>((done) => (settle = done));
  const signals = hooks.handleSignals ?? true;
  const onSignal = (signal: NodeJS.Signals) => void close(signal);

  async function shutdown(reason: string): Promise<ShutdownResult> {
    clearInterval(expiry);
    watcher?.close();
    control.hub.closeAll();
    if (signals) for (const s of ['SIGTERM', 'SIGINT'] as const) process.off(s, onSignal);
    logger.info({ reason }, 'shutting down');
    const budget = hooks.shutdownTimeoutMs ?? 10_000;
    const stopped = new Promise<void>((done) => server.close(() => done()));
    server.closeIdleConnections();
    // In-flight requests get half the budget; sessions they open are drained too.
    await Promise.race([stopped, delay(budget / 2)]);
    server.closeAllConnections();
    const drained = engine.closeAll('drain').length;
    const flushed = (async () => {
      await writer.drain();
      await sink.close();
      return 'flushed' as const;
    })();
    const outcome = await Promise.race([flushed, delay(budget / 2)]).catch((error: unknown) => {
      logger.error({ err: error }, 'flushing the sink failed');
      return 'failed' as const;
    });
    const clean = outcome === 'flushed';
    if (clean) logger.info({ reason, drained, outcome }, 'stopped');
    else logger.error({ reason, drained, outcome }, 'stopped');
    return { reason, clean };
  }

  function close(reason = 'close'): Promise<ShutdownResult> {
    closing ??= shutdown(reason).then((result) => {
      settle(result);
      return result;
    });
    return closing;
  }

  if (signals) for (const s of ['SIGTERM', 'SIGINT'] as const) process.once(s, onSignal);
  logger.info(
    {
      url,
      environment,
      fdl: sources.fdl,
      config: sources.config ?? null,
      sources: sources.origin,
      warehouse: dir,
      plugins: plugins.map((p) => p.name),
    },
    'iserver listening',
  );
  return { url, port: address.port, app, engine, sink, environment, control, close, closed };
}
