/** Shared test setup: an engine over a fixture schema, the app, a memory sink, a stepping clock. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Engine, Logger } from '@iserver/core';
import { compileFdl, createEngine, loadConfig } from '@iserver/core';

import type { AppDeps } from '../src/index.js';
import {
  createApp,
  createMemorySink,
  createPluginHost,
  createSinkWriter,
  definePlugin,
  QaOverlay,
  ServerControl,
  SseHub,
} from '../src/index.js';

/** The shared shop example (shared/ lies beside the repository, in CI too). */
export const SHOP_DIR = new URL('../../../../shared/examples/shop/', import.meta.url);
export const SHOP = {
  fdl: fileURLToPath(new URL('shop.fdl', SHOP_DIR)),
  config: fileURLToPath(new URL('shop.config.yaml', SHOP_DIR)),
};
export const EXT = {
  fdl: fileURLToPath(new URL('fixtures/ext.fdl', import.meta.url)),
  config: fileURLToPath(new URL('fixtures/ext.config.yaml', import.meta.url)),
};

/** 2026-11-25T12:00:00Z: inside the shop's running experiments and its express-pay ramp. */
export const T0 = Date.UTC(2026, 10, 25, 12);

export const SHOP_PLUGINS = [
  definePlugin({ name: 'GeoPlugin', run: () => ({ country: 'GB' }) }),
  definePlugin({ name: 'recs', serves: 'Recommendations', run: () => ({ skus: ['s-1', 's-2'] }) }),
];

export interface Setup extends Partial<Omit<AppDeps, 'engine' | 'sink'>> {
  readonly files?: { readonly fdl: string; readonly config: string };
}

export function setup(options: Setup = {}) {
  const files = options.files ?? SHOP;
  const { schema, diagnostics } = compileFdl([
    { path: files.fdl, text: readFileSync(files.fdl, 'utf8') },
  ]);
  if (!schema) throw new Error(JSON.stringify(diagnostics));
  const { config, issues } = loadConfig(readFileSync(files.config, 'utf8'), {
    schema,
    format: 'yaml',
  });
  if (!config) throw new Error(JSON.stringify(issues));
  let now = T0;
  const clock = { now: () => now };
  const sink = createMemorySink();
  const writer = createSinkWriter(sink, options.logger ?? silentLogger());
  let ids = 0;
  const engine = createEngine({
    schema,
    config,
    clock,
    plugins: createPluginHost(SHOP_PLUGINS),
    newId: () => `srv-${++ids}`,
    onSessionClosed: writer.write,
  });
  const app = createApp({ engine, sink, ...options });
  return { app, engine, sink, advance: (ms: number) => (now += ms) };
}

export type App = ReturnType<typeof setup>['app'];

export interface Reply {
  readonly status: number;
  readonly text: string;
  readonly json: unknown;
  readonly headers: Headers;
}

/** A POST with the body as text/plain (as browsers send it) unless headers say otherwise. */
export async function post(
  app: App,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const res = await app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'text/plain;charset=UTF-8', ...headers },
    body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, headers: res.headers };
}

/** The value at a path inside parsed JSON (`undefined` when missing). */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** The string at a path inside parsed JSON; throws when it is not one. */
export function str(value: unknown, ...path: (string | number)[]): string {
  const found = at(value, ...path);
  if (typeof found !== 'string') throw new Error(`no string at ${path.join('.')}`);
  return found;
}

export interface SpyLogger extends Logger {
  readonly lines: { level: string; obj: object; msg?: string | undefined }[];
}

export function silentLogger(): SpyLogger {
  const lines: SpyLogger['lines'] = [];
  const at = (level: string) => (o: object, msg?: string) =>
    void lines.push({ level, obj: o, msg });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export interface AdminSetup extends Setup {
  /** Heartbeat of the SSE hub. */
  readonly pingMs?: number;
  readonly maxPerKey?: number;
  readonly maxTotal?: number;
  /** Persist the overlay here (default: in memory). */
  readonly overlayPath?: string;
}

/**
 * `setup` with a `ServerControl`: the shop configuration copied to a temporary file (so tests
 * can edit it and reload), the admin overlay wired into the engine, the SSE hub.
 */
export function setupAdmin(options: AdminSetup = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'iserver-admin-'));
  const configPath = join(dir, 'shop.config.yaml');
  const text = readFileSync(SHOP.config, 'utf8');
  writeFileSync(configPath, text);
  const { schema } = compileFdl([{ path: SHOP.fdl, text: readFileSync(SHOP.fdl, 'utf8') }]);
  if (!schema) throw new Error('shop.fdl');
  const { config } = loadConfig(text, { schema, format: 'yaml' });
  if (!config) throw new Error('shop.config.yaml');
  let now = T0;
  const clock = { now: () => now };
  const sink = createMemorySink();
  const logger = options.logger ?? silentLogger();
  const writer = createSinkWriter(sink, logger);
  let ids = 0;
  const overlay = new QaOverlay(options.overlayPath);
  const engine: Engine = createEngine({
    schema,
    config,
    clock,
    plugins: createPluginHost(SHOP_PLUGINS),
    newId: () => `srv-${++ids}`,
    onSessionClosed: writer.write,
    qaOverlay: ServerControl.qaOverlayOf(overlay, () => engine),
  });
  const control = new ServerControl({
    engine,
    hub: new SseHub({
      pingMs: options.pingMs,
      maxPerKey: options.maxPerKey,
      maxTotal: options.maxTotal,
    }),
    path: configPath,
    text,
    overlay,
    logger,
    clock,
  });
  const app = createApp({ engine, sink, control, token: 'secret', ...options });
  const edit = (change: (text: string) => string) => {
    const edited = change(readFileSync(configPath, 'utf8'));
    writeFileSync(configPath, edited);
  };
  return {
    app,
    engine,
    sink,
    control,
    configPath,
    dir,
    edit,
    advance: (ms: number) => (now += ms),
  };
}

export const AUTH = { Authorization: 'Bearer secret' };

/** A JSON request with the admin token. */
export async function admin(
  app: App,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = AUTH,
): Promise<Reply> {
  const res = await app.request(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, headers: res.headers };
}

/**
 * Reads SSE frames from a response body until `until` accepts what arrived, or `ms` pass (then
 * it resolves with what arrived so far). Never hangs: bounded by the timeout.
 */
export function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let done = false;
  // A read abandoned at a timeout is kept for the next call, so no chunk is lost.
  let pending: ReturnType<typeof reader.read> | undefined;
  return {
    get text() {
      return text;
    },
    get done() {
      return done;
    },
    async until(test: (text: string) => boolean, ms = 2000): Promise<string> {
      const deadline = Date.now() + ms;
      while (!test(text) && !done) {
        const left = deadline - Date.now();
        if (left <= 0) break;
        let timer: ReturnType<typeof setTimeout> | undefined;
        pending ??= reader.read();
        const chunk = await Promise.race([
          pending,
          new Promise<'timeout'>((ok) => (timer = setTimeout(() => ok('timeout'), left))),
        ]);
        clearTimeout(timer);
        if (chunk === 'timeout') break;
        pending = undefined;
        if (chunk.done) done = true;
        else text += decoder.decode(chunk.value, { stream: true });
      }
      return text;
    },
    async cancel(): Promise<void> {
      await reader.cancel().catch(() => undefined);
    },
  };
}
