/** `POST signal` (protocol.md §5) and `POST external` (§6). */
import type { Context, Hono } from 'hono';

import type { AppContext, AppEnv } from '../app/app-context.js';
import { invalid } from '../app/http-error.js';
import type { JsonObject } from '../app/json-values.js';
import { optionalObject, requiredString } from '../app/json-values.js';
import { readJsonObject } from '../app/read-json-body.js';
import { headerKeys } from '../app/request-context.js';
import { offlineEventRow } from '../sink/offline-row.js';
import { parseSignal, signalKeys } from './parse-signal.js';

/** Reads the body and applies `options` (`ignore_missing_imp`, §5.8); returns the rest. */
async function signalBody(c: Context<AppEnv>, ctx: AppContext): Promise<JsonObject> {
  const { options, ...body } = await readJsonObject(c.req.raw, ctx.maxBodyBytes);
  const parsed = optionalObject({ options }, 'options');
  c.set('ignoreMissing', parsed?.ignore_missing_imp === true);
  return body;
}

const EXTERNAL_KEYS = new Set(['id', 'feature', 'impressionId']);

export function registerSignalRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  const { engine } = ctx;
  const sessionKeys = engine.schema.session.sessionKeys;

  app.post('/signal', async (c) => {
    const body = await signalBody(c, ctx);
    const signal = parseSignal(body, sessionKeys, headerKeys(c.req.raw.headers, sessionKeys));
    if (signal.kind === 'offline') {
      const record = engine.offlineEvent(signal.event, signal.args);
      await ctx.sink.writeOffline(offlineEventRow(engine.schema, record));
      return c.json({ ok: true, eventId: record.eventId });
    }
    const result = engine.signal({ ...signal.request, userAgent: c.req.header('user-agent') });
    return c.json(
      result.eventId === undefined ? { ok: true } : { ok: true, eventId: result.eventId },
    );
  });

  app.post('/external', async (c) => {
    const body = await signalBody(c, ctx);
    const id = optionalObject(body, 'id') ?? {};
    const values = Object.fromEntries(Object.entries(body).filter(([k]) => !EXTERNAL_KEYS.has(k)));
    if (Object.keys(values).length === 0)
      throw invalid(
        'an external value names no output: send {"<output>": value} next to \'feature\'',
      );
    engine.signal({
      kind: 'external',
      keys: signalKeys(id, sessionKeys, headerKeys(c.req.raw.headers, sessionKeys)),
      feature: requiredString(body, 'feature', 'an external value'),
      impressionId: requiredString(body, 'impressionId', 'an external value'),
      values,
      userAgent: c.req.header('user-agent'),
    });
    return c.json({ ok: true });
  });
}
