import { describe, expect, it } from 'vitest';

import { isSinkError, SinkError, SinkErrorCode } from '../sink-error.js';
import type { ObjectStore } from './object-store.js';
import { backoffDelay, isRetryableError, withRetry, type RetryInfo } from './retry.js';

/** A store whose `put` fails with the given errors, in order, then succeeds. */
function flakyStore(failures: Error[]) {
  const calls: string[] = [];
  const stored = new Map<string, Uint8Array>();
  const store: ObjectStore = {
    put(key, bytes) {
      calls.push(`put ${key}`);
      const error = failures.shift();
      if (error !== undefined) return Promise.reject(error);
      stored.set(key, bytes);
      return Promise.resolve();
    },
    delete(key) {
      calls.push(`delete ${key}`);
      return Promise.resolve();
    },
    describe: () => 'test store',
  };
  return { store, calls, stored };
}

const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

function retrying(store: ObjectStore, maxAttempts = 5) {
  const waits: number[] = [];
  const retries: RetryInfo[] = [];
  const wrapped = withRetry(store, {
    maxAttempts,
    baseDelayMs: 100,
    maxDelayMs: 700,
    random: () => 0.5,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    onRetry: (info) => retries.push(info),
  });
  return { wrapped, waits, retries };
}

describe('withRetry', () => {
  it('retries a store that fails N times, then succeeds, with capped exponential backoff', async () => {
    const { store, calls, stored } = flakyStore([reset, reset, reset, reset]);
    const { wrapped, waits, retries } = retrying(store);
    await wrapped.put('a/b.parquet', new Uint8Array([1]));
    expect(calls).toHaveLength(5);
    expect(stored.get('a/b.parquet')).toEqual(new Uint8Array([1]));
    // Full jitter with random() = 0.5: half of 100, 200, 400, then of the 700 cap.
    expect(waits).toEqual([50, 100, 200, 350]);
    expect(retries.map((r) => [r.operation, r.attempt, r.key])).toEqual([
      ['put', 1, 'a/b.parquet'],
      ['put', 2, 'a/b.parquet'],
      ['put', 3, 'a/b.parquet'],
      ['put', 4, 'a/b.parquet'],
    ]);
  });

  it('gives up after maxAttempts with a SinkError that names key, target and cause', async () => {
    const { store, calls } = flakyStore([reset, reset, reset]);
    const { wrapped } = retrying(store, 3);
    const error = await wrapped.put('k', new Uint8Array()).catch((e: unknown) => e);
    expect(calls).toHaveLength(3);
    expect(isSinkError(error)).toBe(true);
    expect(error).toMatchObject({
      code: SinkErrorCode.WRITE_FAILED,
      retryable: true,
      cause: reset,
      message: "put 'k' to test store failed (3 attempts): ECONNRESET: socket hang up",
    });
  });

  it('surfaces a non-retryable error at once', async () => {
    const denied = Object.assign(new Error('Access Denied'), {
      $metadata: { httpStatusCode: 403 },
    });
    const { store, calls } = flakyStore([denied]);
    const { wrapped, waits } = retrying(store);
    await expect(wrapped.put('k', new Uint8Array())).rejects.toMatchObject({
      retryable: false,
      message: "put 'k' to test store failed (1 attempt, not retryable): Access Denied",
    });
    expect(calls).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('retries deletes too', async () => {
    let failures = 2;
    const store: ObjectStore = {
      put: () => Promise.resolve(),
      delete: () => (failures-- > 0 ? Promise.reject(reset) : Promise.resolve()),
      describe: () => 'x',
    };
    const { wrapped, retries } = retrying(store);
    await wrapped.delete('k');
    expect(retries.map((r) => r.operation)).toEqual(['delete', 'delete']);
  });
});

describe('backoffDelay', () => {
  it('stays within [0, min(max, base·2^(n-1)))', () => {
    const options = { baseDelayMs: 200, maxDelayMs: 20_000 };
    expect(backoffDelay(1, { ...options, random: () => 0 })).toBe(0);
    expect(backoffDelay(1, { ...options, random: () => 0.999 })).toBe(199);
    expect(backoffDelay(4, { ...options, random: () => 0.999 })).toBe(1598);
    expect(backoffDelay(30, { ...options, random: () => 0.999 })).toBe(19_980);
  });
});

describe('isRetryableError', () => {
  it('tells transient from permanent failures', () => {
    const code = (c: string) => Object.assign(new Error(c), { code: c });
    expect(isRetryableError(code('ECONNRESET'))).toBe(true);
    expect(isRetryableError(code('ENOSPC'))).toBe(true);
    expect(isRetryableError(code('EACCES'))).toBe(false);
    expect(isRetryableError(code('EROFS'))).toBe(false);
    expect(isRetryableError({ status: 503 })).toBe(true);
    expect(isRetryableError({ statusCode: 429 })).toBe(true);
    expect(isRetryableError({ $metadata: { httpStatusCode: 404 } })).toBe(false);
    expect(isRetryableError(new TypeError('bad'))).toBe(false);
    expect(
      isRetryableError(new SinkError(SinkErrorCode.WRITE_FAILED, 'x', { retryable: true })),
    ).toBe(true);
    expect(isRetryableError(new SinkError(SinkErrorCode.WRITE_FAILED, 'x'))).toBe(false);
    expect(isRetryableError('weird')).toBe(true);
  });
});
