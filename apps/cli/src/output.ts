import type { Diagnostic } from '@iserver/core';

/** Where a command writes: injected so that tests capture output without spawning a process. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Exit codes shared by every command (documented in the README). */
export const ExitCode = {
  OK: 0,
  /** The input was checked and found invalid (diagnostics were printed). */
  INVALID: 1,
  /** The command could not run: bad flags, unreadable files. */
  USAGE: 2,
} as const;

/** `file:line:col: error CODE: message`, the format editors and CI annotators understand. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.path}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}`;
}
