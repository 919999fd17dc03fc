import { randomUUID } from 'node:crypto';

import { describeError, SinkError, SinkErrorCode } from '../sink-error.js';
import type { ObjectStore } from './object-store.js';

export interface CheckStoreOptions {
  /** @default `_iserver-check/<uuid>.txt` (a `_` prefix, which table scans ignore) */
  readonly key?: string;
}

/**
 * The start-up check (warehouse.md §4): writes a small object and deletes it again.
 *
 * @throws SinkError `SINK_STORE_UNAVAILABLE` naming the target (`store.describe()`), the step that
 *   failed and its cause, e.g. `cannot write to s3://bucket/prefix: AccessDenied: …`.
 * @example
 * await checkStore(store); // before the server starts listening
 */
export async function checkStore(
  store: ObjectStore,
  options: CheckStoreOptions = {},
): Promise<void> {
  const key = options.key ?? `_iserver-check/${randomUUID()}.txt`;
  const body = new TextEncoder().encode('iserver start-up check; safe to delete\n');
  const fail = (step: string, error: unknown) =>
    new SinkError(
      SinkErrorCode.STORE_UNAVAILABLE,
      `cannot ${step} ${store.describe()}: ${describeError(error)} (start-up check, object '${key}')`,
      { cause: error },
    );
  try {
    await store.put(key, body);
  } catch (error) {
    throw fail('write to', error);
  }
  try {
    await store.delete(key);
  } catch (error) {
    throw fail('delete from', error);
  }
}
