/** What core needs from its host, passed in rather than reached for (core has no I/O, no globals). */

/** The source of time, in epoch milliseconds. Tests pass a fixed or stepping clock. */
export interface Clock {
  now(): number;
}

/** Generates unique ids (session ids, server impression ids, event ids). */
export type IdGenerator = () => string;

/** Structured logging port; pino fits it without wrapping. Core logs nothing by default. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const noopLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
