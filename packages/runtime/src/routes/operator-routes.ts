/** Operator paths (protocol.md §8, §16.10): `nsessions` and `session?id=`. */
import { createHash, timingSafeEqual } from 'node:crypto';

import type { Context, Hono } from 'hono';

import type { AppContext, AppEnv } from '../app/app-context.js';
import { HttpError, HttpErrorCode, invalid } from '../app/http-error.js';
import { sessionObject } from './wire-objects.js';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Constant-time check of `Authorization: Bearer <token>` when a token is configured. */
export function requireToken(c: Context, token: string | undefined): void {
  if (token === undefined) return;
  const given = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim() ?? '';
  if (!timingSafeEqual(digest(given), digest(token)))
    throw new HttpError(
      401,
      HttpErrorCode.UNAUTHORIZED,
      'this route needs Authorization: Bearer <token>',
    );
}

export function registerOperatorRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  const { engine } = ctx;

  app.get('/nsessions', (c) => c.text(String(engine.sessionCount)));

  app.get('/session', (c) => {
    requireToken(c, ctx.token);
    const id = c.req.query('id');
    if (!id)
      throw invalid(`'id' (the ${engine.schema.session.persistentKey} of the device) is required`);
    const session = engine.findSession({ [engine.schema.session.persistentKey]: id });
    if (!session)
      throw new HttpError(
        404,
        HttpErrorCode.NOT_FOUND,
        `no open session for ${engine.schema.session.persistentKey} '${id}'`,
      );
    return c.json(sessionObject(session, engine.schema, ctx.environment));
  });
}
