/**
 * Retries around an `ObjectStore`: exponential backoff with full jitter (the delay before attempt
 * n+1 is uniform in [0, min(maxDelayMs, baseDelayMs·2ⁿ))), a bounded number of attempts, and a
 * classifier that lets permanent errors (permissions, bad requests) surface at once.
 */
import { describeError, isSinkError, SinkError, SinkErrorCode } from '../sink-error.js';
import type { ObjectStore } from './object-store.js';

export interface RetryOptions {
  /**
   * Attempts in all, the first included.
   * @default 5
   */
  readonly maxAttempts?: number;
  /** @default 200 */
  readonly baseDelayMs?: number;
  /** @default 20_000 */
  readonly maxDelayMs?: number;
  /** @default isRetryableError */
  readonly isRetryable?: (error: unknown) => boolean;
  /** @default a `setTimeout` promise */
  readonly sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1). @default Math.random */
  readonly random?: () => number;
  /** Called before each wait, for logs and metrics. */
  readonly onRetry?: (info: RetryInfo) => void;
}

export interface RetryInfo {
  readonly operation: 'put' | 'delete';
  readonly key: string;
  /** The attempt that failed, from 1. */
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: unknown;
}

/** Node error codes that no retry can fix. */
const PERMANENT_CODES = new Set([
  'EACCES',
  'EPERM',
  'EROFS',
  'ENOTDIR',
  'EISDIR',
  'EINVAL',
  'ENAMETOOLONG',
  'ELOOP',
  'ERR_INVALID_ARG_TYPE',
  'ERR_INVALID_ARG_VALUE',
]);

/**
 * The default classifier. Retryable: `SinkError`s that say so, network and busy-resource errors,
 * HTTP 408/429/5xx, and anything unknown. Not retryable: `SinkError`s that say so, permission and
 * path errors, other HTTP 4xx, and programming errors (`TypeError`, `RangeError`).
 */
export function isRetryableError(error: unknown): boolean {
  if (isSinkError(error)) return error.retryable;
  if (error instanceof TypeError || error instanceof RangeError) return false;
  if (typeof error !== 'object' || error === null) return true;
  const { code, status, statusCode, $metadata } = error as {
    code?: unknown;
    status?: unknown;
    statusCode?: unknown;
    $metadata?: { httpStatusCode?: unknown };
  };
  if (typeof code === 'string' && PERMANENT_CODES.has(code)) return false;
  const http = [status, statusCode, $metadata?.httpStatusCode].find((s) => typeof s === 'number');
  if (typeof http === 'number' && http >= 400 && http < 500) return http === 408 || http === 429;
  return true;
}

const defaultSleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

/** The delay before the attempt after `attempt` (from 1): full jitter over a capped exponential. */
export function backoffDelay(
  attempt: number,
  options: { baseDelayMs: number; maxDelayMs: number; random: () => number },
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(options.random() * ceiling);
}

/**
 * Wraps a store so that `put` and `delete` are retried. The final error is a `SinkError`
 * (`SINK_WRITE_FAILED`) naming the operation, the key, the target and the attempts, with the last
 * error as `cause` and `retryable` telling whether a later try may still succeed.
 *
 * @example
 * const store = withRetry(createLocalDirectoryStore('./iserver-data'), { maxAttempts: 8 });
 */
export function withRetry(store: ObjectStore, options: RetryOptions = {}): ObjectStore {
  const maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? 5));
  const delays = {
    baseDelayMs: options.baseDelayMs ?? 200,
    maxDelayMs: options.maxDelayMs ?? 20_000,
    random: options.random ?? Math.random,
  };
  const isRetryable = options.isRetryable ?? isRetryableError;
  const sleep = options.sleep ?? defaultSleep;

  async function attempt(
    operation: 'put' | 'delete',
    key: string,
    run: () => Promise<void>,
  ): Promise<void> {
    for (let n = 1; ; n++) {
      try {
        await run();
        return;
      } catch (error) {
        const retryable = isRetryable(error);
        if (!retryable || n >= maxAttempts) {
          const tries = n === 1 ? '1 attempt' : `${n} attempts`;
          const why = retryable ? tries : `${tries}, not retryable`;
          throw new SinkError(
            SinkErrorCode.WRITE_FAILED,
            `${operation} '${key}' to ${store.describe()} failed (${why}): ${describeError(error)}`,
            { cause: error, retryable },
          );
        }
        const delayMs = backoffDelay(n, delays);
        options.onRetry?.({ operation, key, attempt: n, delayMs, error });
        await sleep(delayMs);
      }
    }
  }

  return {
    put: (key, bytes) => attempt('put', key, () => store.put(key, bytes)),
    delete: (key) => attempt('delete', key, () => store.delete(key)),
    describe: () => store.describe(),
  };
}
