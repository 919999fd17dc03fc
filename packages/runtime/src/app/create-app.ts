import type { Engine, Logger } from '@iserver/core';
import { noopLogger } from '@iserver/core';
import { Hono } from 'hono';

import type { ServerControl } from '../control/server-control.js';
import { registerAdminRoutes } from '../routes/admin-routes.js';
import { registerFeaturesRoute } from '../routes/features-route.js';
import { registerOperatorRoutes } from '../routes/operator-routes.js';
import { registerSignalRoutes } from '../routes/signal-route.js';
import { registerSseRoute } from '../routes/sse-route.js';
import type { SessionSink } from '../sink/session-sink.js';
import type { SseOptions } from '../sse/sse-hub.js';
import { SseHub } from '../sse/sse-hub.js';
import type { AppContext, AppEnv } from './app-context.js';
import { collapsedPath } from './collapse-slashes.js';
import { cors } from './cors.js';
import { errorBody, errorHandler } from './error-handler.js';
import { HttpErrorCode } from './http-error.js';
import { clientIp } from './request-context.js';

export interface AppDeps {
  /** The engine; its `onSessionClosed` should feed `sink` (see `createSinkWriter`). */
  readonly engine: Engine;
  /** Receives offline events (closed sessions arrive through the engine's callback). */
  readonly sink: SessionSink;
  /** @default noopLogger */
  readonly logger?: Logger;
  /** Path prefix without slashes; `''` for the root. @default 'iserver' */
  readonly prefix?: string;
  /** @default 1048576 */
  readonly maxBodyBytes?: number;
  /** @default 200 */
  readonly maxFeatures?: number;
  /** Client IP from `X-Forwarded-For`. @default false */
  readonly trustProxy?: boolean;
  /** Admin token; `session?id=` requires it when set. @default none */
  readonly token?: string | undefined;
  /** The session object's `environment`. @default the configuration's, else 'development' */
  readonly environment?: string | undefined;
  /**
   * Configuration reloads and the admin QA overlay (`admin/config`, `admin/qa/*`, `sync`); its
   * hub serves `sse`. Without one, those admin routes answer 404 and `sse` gets its own hub.
   */
  readonly control?: ServerControl | undefined;
  /** SSE limits and heartbeat, when there is no `control` (whose hub has its own). */
  readonly sse?: SseOptions | undefined;
  /** Serve `POST cmd` (with the token). @default false */
  readonly enableCmd?: boolean | undefined;
  /**
   * Writes out closed sessions (`admin/flush`, `cmd flushToWarehouse`) after `closeAll('flush')`.
   * @default the sink's `flush()`
   */
  readonly flushSink?: (() => Promise<void>) | undefined;
}

/** Paths and the methods they answer, for 405s. */
const ROUTES: Readonly<Record<string, string>> = {
  '/features': 'POST',
  '/signal': 'POST',
  '/external': 'POST',
  '/nsessions': 'GET, OPTIONS',
  '/session': 'GET',
  '/sse': 'GET',
  '/sync': 'POST',
  '/cmd': 'POST',
};

/**
 * The impression server as a Hono app (protocol.md), with no listening, no environment and no
 * timers: test it with `app.request()`, serve it with `startServer`.
 *
 * @example
 * const app = createApp({ engine, sink: createMemorySink() });
 * const res = await app.request('/iserver/nsessions'); // "0"
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const ctx: AppContext = {
    engine: deps.engine,
    sink: deps.sink,
    logger: deps.logger ?? noopLogger,
    prefix: (deps.prefix ?? 'iserver').replace(/^\/+|\/+$/g, ''),
    maxBodyBytes: deps.maxBodyBytes ?? 1024 * 1024,
    maxFeatures: deps.maxFeatures ?? 200,
    trustProxy: deps.trustProxy ?? false,
    token: deps.token,
    environment: deps.environment ?? deps.engine.config.environment ?? 'development',
    hub: deps.control?.hub ?? new SseHub(deps.sse),
    control: deps.control,
    enableCmd: deps.enableCmd ?? false,
    flushAll: async () => {
      const closed = deps.engine.closeAll('flush').length;
      await (deps.flushSink ?? (() => deps.sink.flush()))();
      return closed;
    },
  };
  const app = new Hono<AppEnv>({ getPath: collapsedPath });
  app.use(async function requestLog(c, next) {
    const started = performance.now();
    await next();
    ctx.logger.debug(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
        ip: clientIp(c, ctx.trustProxy),
      },
      'request',
    );
  });
  app.use(cors(ctx.engine.schema.session.sessionKeys));
  app.onError(errorHandler(ctx));

  const routes = new Hono<AppEnv>();
  registerFeaturesRoute(routes, ctx);
  registerSignalRoutes(routes, ctx);
  registerOperatorRoutes(routes, ctx);
  registerSseRoute(routes, ctx);
  registerAdminRoutes(routes, ctx);
  for (const [path, allow] of Object.entries(ROUTES)) {
    routes.all(path, (c) => {
      c.header('Allow', allow);
      return errorBody(
        c,
        405,
        HttpErrorCode.METHOD_NOT_ALLOWED,
        `${path.slice(1)} answers ${allow}`,
      );
    });
  }
  app.route(ctx.prefix === '' ? '/' : `/${ctx.prefix}`, routes);
  app.notFound((c) =>
    errorBody(c, 404, HttpErrorCode.NOT_FOUND, `no route ${c.req.method} ${c.req.path}`),
  );
  return app;
}
