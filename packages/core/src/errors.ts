/**
 * Typed errors with stable codes. Core throws only for programmer and load-time errors; expected
 * outcomes of evaluation are returned as data. HTTP mapping lives in the server.
 */
export const ErrorCode = {
  SCHEMA_INVALID: 'SCHEMA_INVALID',
  CONFIG_INVALID: 'CONFIG_INVALID',
  FEATURE_UNKNOWN: 'FEATURE_UNKNOWN',
  ARGS_INVALID: 'ARGS_INVALID',
  SESSION_UNKNOWN: 'SESSION_UNKNOWN',
  SESSION_KEYS_INVALID: 'SESSION_KEYS_INVALID',
  EVENT_UNKNOWN: 'EVENT_UNKNOWN',
  IMPRESSION_UNKNOWN: 'IMPRESSION_UNKNOWN',
  PLUGIN_FAILED: 'PLUGIN_FAILED',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class ImpressionError extends Error {
  override name = 'ImpressionError';
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** A problem found in a document, located by a path into it (`experiments[1].variants[0].weight`). */
export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
}

/** The configuration was rejected; `issues` lists every problem. */
export class ConfigError extends ImpressionError {
  override name = 'ConfigError';
  readonly issues: readonly ConfigIssue[];

  constructor(message: string, issues: readonly ConfigIssue[], options?: { cause?: unknown }) {
    super(ErrorCode.CONFIG_INVALID, message, options);
    this.issues = issues;
  }
}

/** `instanceof` or, for errors from another copy of core (plugins), name and code. */
export function isImpressionError(error: unknown): error is ImpressionError {
  if (error instanceof ImpressionError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return (
    typeof name === 'string' &&
    name.endsWith('Error') &&
    typeof code === 'string' &&
    Object.values(ErrorCode).includes(code as ErrorCode)
  );
}
