/**
 * The sink's error type. Core has no sink code yet (`ErrorCode.SINK_WRITE_FAILED` in style.md §2.11
 * is not in `@iserver/core`), and sinks import core types only, so `SinkError` stands alone: a
 * string `code`, a `retryable` flag for the retry wrapper, and the ES2022 `cause`.
 */
export const SinkErrorCode = {
  /** An object could not be written or deleted. */
  WRITE_FAILED: 'SINK_WRITE_FAILED',
  /** The start-up check could not write and delete its test object. */
  STORE_UNAVAILABLE: 'SINK_STORE_UNAVAILABLE',
  /** The FDL maps two tables to one name; they cannot share a directory. */
  SCHEMA_CONFLICT: 'SINK_SCHEMA_CONFLICT',
  /** A row does not match its table (wrong type, missing required value). */
  ROW_INVALID: 'SINK_ROW_INVALID',
  /** The writer was used after `close()`. */
  CLOSED: 'SINK_CLOSED',
} as const;
export type SinkErrorCode = (typeof SinkErrorCode)[keyof typeof SinkErrorCode];

export class SinkError extends Error {
  override name = 'SinkError';
  readonly code: SinkErrorCode;
  /** Whether trying the same operation again may succeed (network blip, throttling, busy disk). */
  readonly retryable: boolean;

  constructor(
    code: SinkErrorCode,
    message: string,
    options: { retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}

/** `instanceof`, or for an error from another copy of this package, name and code. */
export function isSinkError(error: unknown): error is SinkError {
  if (error instanceof SinkError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return (
    name === 'SinkError' &&
    typeof code === 'string' &&
    (Object.values(SinkErrorCode) as string[]).includes(code)
  );
}

/** The message of any thrown value, for error texts. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && !error.message.includes(code)
      ? `${code}: ${error.message}`
      : error.message;
  }
  return String(error);
}
