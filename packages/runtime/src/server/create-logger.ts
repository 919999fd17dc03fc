import { pino } from 'pino';
import type { Logger as PinoLogger } from 'pino';

import type { LogLevel } from '../options/server-options.js';

/** Paths pino blanks in every log line: credentials never reach the logs. */
export const REDACT_PATHS = [
  'authorization',
  'token',
  '*.authorization',
  '*.token',
  'req.headers.authorization',
  'headers.authorization',
  'options.token',
];

/** The server's root logger: JSON lines on stdout (pipe through pino-pretty in development). */
export function createLogger(level: LogLevel): PinoLogger {
  return pino({
    level,
    base: { service: 'iserver' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  });
}
