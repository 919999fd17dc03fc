import type { SessionDef } from '../fdl/schema-model.js';

/**
 * The session keys present in `source` (an `id` object or the session args): string values of the
 * persistent key and `@session_key` args. Other names and non-string values are ignored, since
 * clients put every arg into a keep-alive's `id` (protocol.md §3.2).
 */
export function extractKeys(
  session: SessionDef,
  source: Readonly<Record<string, unknown>>,
): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const name of session.sessionKeys) {
    const value = source[name];
    if (typeof value === 'string') keys[name] = value;
  }
  return keys;
}
