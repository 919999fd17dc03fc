/** `GET sse?id=<persistentKey>` (protocol.md §7, §16.9): the QA device's flush stream. */
import type { Hono } from 'hono';

import type { AppContext, AppEnv } from '../app/app-context.js';
import { errorBody } from '../app/error-handler.js';
import { HttpErrorCode, invalid } from '../app/http-error.js';

/** The device's last flush time: the open session's `lastFlushTime`, else the last flush sent. */
function flushTime(ctx: AppContext, id: string): number {
  if (ctx.control) return ctx.control.flushTime(id);
  const { persistentKey } = ctx.engine.schema.session;
  return ctx.engine.findSession({ [persistentKey]: id })?.lastFlushTime ?? 0;
}

export function registerSseRoute(app: Hono<AppEnv>, ctx: AppContext): void {
  const { hub } = ctx;

  app.get('/sse', (c) => {
    const id = c.req.query('id');
    if (!id)
      throw invalid(
        `'id' (the ${ctx.engine.schema.session.persistentKey} of the device) is required`,
      );
    const refusal = hub.refusal(id);
    if (refusal) {
      ctx.logger.warn({ device: id, refusal, open: hub.count() }, 'SSE stream refused');
      return errorBody(
        c,
        429,
        HttpErrorCode.TOO_MANY_STREAMS,
        refusal === 'per-key'
          ? `at most ${hub.maxPerKey} streams per device`
          : `at most ${hub.maxTotal} streams in total`,
      );
    }
    const body = hub.open(id, flushTime(ctx, id), c.req.raw.signal);
    ctx.logger.debug({ device: id, open: hub.count() }, 'SSE stream opened');
    return new Response(body, {
      status: 200,
      headers: {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      },
    });
  });
}
