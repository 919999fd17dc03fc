import { isImpressionError } from '@iserver/core';
import type { Context, ErrorHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

import type { AppContext, AppEnv } from './app-context.js';
import { ENGINE_ERROR_STATUS, HttpError } from './http-error.js';

/** The one error body of the server: `{"error":{"code","message"}}`. */
export function errorBody(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
): Response {
  return c.json({ error: { code, message } }, status);
}

/**
 * Maps every thrown error to a response: `HttpError` and the engine's `ImpressionError` codes to
 * their 4xx statuses, anything else to a logged 500 (a bug: client input never causes one).
 */
export function errorHandler(ctx: AppContext): ErrorHandler<AppEnv> {
  return function handleError(error, c) {
    const where = { method: c.req.method, path: c.req.path };
    if (error instanceof HttpError) {
      ctx.logger.debug({ ...where, code: error.code, reason: error.message }, 'request rejected');
      return errorBody(c, error.status, error.code, error.message);
    }
    if (isImpressionError(error)) {
      const status = ENGINE_ERROR_STATUS[error.code];
      if (status >= 500) {
        ctx.logger.error({ ...where, err: error }, 'request failed');
        return errorBody(c, 500, 'INTERNAL', 'internal error (logged by the server)');
      }
      const quiet = status !== 404 || c.get('ignoreMissing');
      const info = { ...where, code: error.code, reason: error.message };
      if (quiet) ctx.logger.debug(info, 'request rejected');
      else ctx.logger.warn(info, 'request rejected');
      return errorBody(c, status, error.code, error.message);
    }
    ctx.logger.error({ ...where, err: error }, 'unexpected error');
    return errorBody(c, 500, 'INTERNAL', 'internal error (logged by the server)');
  };
}
