/**
 * Problems with a request that the server itself finds (not the engine): malformed bodies,
 * limits, routing, authorization. Engine problems are `ImpressionError`s; both become
 * `{"error":{"code","message"}}` in `error-handler.ts`.
 */
import { ErrorCode } from '@iserver/core';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export const HttpErrorCode = {
  /** The body is not a JSON object. */
  BODY_INVALID: 'BODY_INVALID',
  BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  /** A field is missing or of the wrong type, or the signal kind cannot be told. */
  REQUEST_INVALID: 'REQUEST_INVALID',
  TOO_MANY_FEATURES: 'TOO_MANY_FEATURES',
  NOT_FOUND: 'NOT_FOUND',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  UNAUTHORIZED: 'UNAUTHORIZED',
  /** Over the SSE stream limits (per device or in total). */
  TOO_MANY_STREAMS: 'TOO_MANY_STREAMS',
  /** An admin QA entry does not validate against the schema and configuration. */
  QA_INVALID: 'QA_INVALID',
  /** A reloaded configuration file has issues; the previous one stays in force. */
  CONFIG_REJECTED: 'CONFIG_REJECTED',
  /** `POST cmd` with an action the server does not know. */
  COMMAND_UNKNOWN: 'COMMAND_UNKNOWN',
} as const;
export type HttpErrorCode = (typeof HttpErrorCode)[keyof typeof HttpErrorCode];

export class HttpError extends Error {
  override name = 'HttpError';
  readonly status: ContentfulStatusCode;
  readonly code: HttpErrorCode;

  constructor(status: ContentfulStatusCode, code: HttpErrorCode, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** A 400 for a request field that is missing or of the wrong type. */
export function invalid(message: string): HttpError {
  return new HttpError(400, HttpErrorCode.REQUEST_INVALID, message);
}

/** The engine's codes as HTTP statuses (docs/engine.md "Errors"); the rest are server bugs. */
export const ENGINE_ERROR_STATUS: Readonly<Record<ErrorCode, ContentfulStatusCode>> = {
  [ErrorCode.SESSION_KEYS_INVALID]: 400,
  [ErrorCode.ARGS_INVALID]: 400,
  [ErrorCode.SESSION_UNKNOWN]: 410,
  [ErrorCode.FEATURE_UNKNOWN]: 404,
  [ErrorCode.EVENT_UNKNOWN]: 404,
  [ErrorCode.IMPRESSION_UNKNOWN]: 404,
  [ErrorCode.SCHEMA_INVALID]: 500,
  [ErrorCode.CONFIG_INVALID]: 500,
  [ErrorCode.PLUGIN_FAILED]: 500,
  [ErrorCode.INTERNAL]: 500,
};
