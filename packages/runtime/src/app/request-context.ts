/** What a request says about its session and its client, outside the body. */
import type { Context } from 'hono';

/**
 * Session keys from the `X-Causal-<key>` headers (case-insensitive); the value `null` (the
 * 4-letter string TypeScript sends for unknown keys) and empty values count as absent.
 */
export function headerKeys(
  headers: Headers,
  sessionKeys: readonly string[],
): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const name of sessionKeys) {
    const value = headers.get(`x-causal-${name}`)?.trim();
    if (value && value !== 'null') keys[name] = value;
  }
  return keys;
}

/**
 * Merges header keys under the body's: the body is authoritative (protocol.md §2.2), headers only
 * fill keys the body does not carry (old `sendBeacon` clients send no headers, backends may send
 * only headers).
 */
export function withHeaderKeys(
  body: Readonly<Record<string, unknown>>,
  header: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...body };
  for (const [name, value] of Object.entries(header)) {
    merged[name] ??= value;
  }
  return merged;
}

/** The client address (protocol.md §16.7): the socket's, or the first `X-Forwarded-For` entry. */
export function clientIp(c: Context, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const first = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (first) return first;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress;
}
