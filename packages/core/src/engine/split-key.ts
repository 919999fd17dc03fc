import type { JsonValue } from '../fdl/schema-model.js';
import type { Session } from '../session/session.js';

function asKey(value: JsonValue | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The split key of a session (config.md §4.1): the experiment's `splitKey` arg when set and
 * non-null, else the FDL `@split_key` arg when non-null, else the persistent key.
 */
export function splitKeyOf(
  session: Session,
  fdlSplitKey: string | undefined,
  override?: string,
): string {
  return (
    (override === undefined ? undefined : asKey(session.args[override])) ??
    (fdlSplitKey === undefined ? undefined : asKey(session.args[fdlSplitKey])) ??
    session.persistentKey
  );
}
