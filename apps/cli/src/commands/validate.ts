import { readFile } from 'node:fs/promises';

import { compileFdl } from '@iserver/core';
import type { Diagnostic } from '@iserver/core';

import type { Io } from '../output.js';
import { ExitCode, formatDiagnostic } from '../output.js';

export interface ValidateOptions {
  readonly files: readonly string[];
  readonly json: boolean;
}

/** `iserver validate FILE...`: compiles the FDL files as one program and prints diagnostics. */
export async function validate(options: ValidateOptions, io: Io): Promise<number> {
  const sources: { path: string; text: string }[] = [];
  for (const path of options.files) {
    try {
      sources.push({ path, text: await readFile(path, 'utf8') });
    } catch (error) {
      io.err(`iserver validate: cannot read ${path}: ${(error as Error).message}`);
      return ExitCode.USAGE;
    }
  }
  const { schema, diagnostics } = compileFdl(sources);
  if (options.json) {
    io.out(JSON.stringify({ ok: schema !== undefined, diagnostics }, null, 2));
  } else {
    for (const d of diagnostics) (d.severity === 'error' ? io.err : io.out)(formatDiagnostic(d));
    io.out(summary(options.files, diagnostics, schema !== undefined));
  }
  return schema ? ExitCode.OK : ExitCode.INVALID;
}

function summary(
  files: readonly string[],
  diagnostics: readonly Diagnostic[],
  ok: boolean,
): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const what = files.length === 1 ? files[0] : `${files.length} files`;
  const counts = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  return ok ? `${what}: valid (${counts})` : `${what}: invalid (${counts})`;
}
