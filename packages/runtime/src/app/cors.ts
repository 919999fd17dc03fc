import type { MiddlewareHandler } from 'hono';

const METHODS = 'GET, POST, PUT, DELETE, OPTIONS';

/**
 * CORS for browser clients (protocol.md §9) on every path: the request's `Origin` is reflected
 * (with credentials allowed), `*` without one; `OPTIONS` anywhere is a 204 preflight answer that
 * allows the requested headers, or else `Content-Type`, `Authorization` and the `X-Causal-*`
 * session-key headers.
 */
export function cors(sessionKeys: readonly string[]): MiddlewareHandler {
  const defaultHeaders = [
    'Content-Type',
    'Authorization',
    ...sessionKeys.map((k) => `X-Causal-${k}`),
  ].join(', ');
  return async function corsHeaders(c, next): Promise<Response | undefined> {
    const origin = c.req.header('origin');
    const allow: Record<string, string> = origin
      ? {
          'Access-Control-Allow-Origin': origin,
          'Access-Control-Allow-Credentials': 'true',
          Vary: 'Origin',
        }
      : { 'Access-Control-Allow-Origin': '*' };
    if (c.req.method === 'OPTIONS') {
      return c.body(null, 204, {
        ...allow,
        'Access-Control-Allow-Methods': METHODS,
        'Access-Control-Allow-Headers':
          c.req.header('access-control-request-headers') ?? defaultHeaders,
        'Access-Control-Max-Age': '86400',
      });
    }
    await next();
    for (const [name, value] of Object.entries(allow)) c.res.headers.set(name, value);
    return undefined;
  };
}
