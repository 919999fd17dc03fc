/** Reading and checking the FDL files and the configuration at start-up. */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

import type { CompiledConfig, Diagnostic, FdlSchema } from '@iserver/core';
import { compileFdl, configFormatFor, loadConfig, parseConfigDocument } from '@iserver/core';

import { embeddedExamples } from '../embedded-examples.js';
import { StartupError } from './startup-error.js';

export interface Sources {
  readonly fdl: readonly string[];
  readonly config: string | undefined;
  /** How the files were chosen, for the start-up log. */
  readonly origin: 'flags' | 'config-fdl' | 'embedded';
}

export interface LoadedSources {
  readonly schema: FdlSchema;
  readonly config: CompiledConfig;
  readonly warnings: readonly string[];
  /** The configuration text in force (`version: 1` without a file), for reloads and `admin/config`. */
  readonly configText: string;
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new StartupError(`cannot read the ${what} ${path}: ${(error as Error).message}`);
  }
}

/** The `fdl:` entry of a configuration file, resolved against the file's directory. */
function configFdlEntry(path: string, text: string): string | undefined {
  // The same reader loadConfig uses; a syntax error is reported by loadConfig with its position.
  const { document } = parseConfigDocument(text, configFormatFor(path));
  const entry = (document as { fdl?: unknown } | null | undefined)?.fdl;
  return typeof entry === 'string' ? resolve(dirname(path), entry) : undefined;
}

/**
 * Which files to load: the flags; with only `--config`, its `fdl:` entry; with neither, the
 * embedded news example.
 */
export async function chooseSources(
  fdl: readonly string[],
  config: string | undefined,
): Promise<Sources> {
  if (fdl.length > 0) return { fdl, config, origin: 'flags' };
  if (config !== undefined) {
    const entry = configFdlEntry(config, await readText(config, 'configuration'));
    if (entry === undefined)
      throw new StartupError(`no FDL: give --fdl, or an fdl: entry in ${config}`);
    return { fdl: [entry], config, origin: 'config-fdl' };
  }
  const embedded = embeddedExamples();
  if (!embedded) throw new StartupError('no FDL given and the embedded example files are missing');
  return { fdl: [embedded.fdl], config: embedded.config, origin: 'embedded' };
}

const formatDiagnostic = (d: Diagnostic) =>
  `${d.path}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}`;

/** Compiles the FDL and loads the configuration, refusing to start on any error. */
export async function loadSources(sources: Sources): Promise<LoadedSources> {
  const files = [];
  for (const path of sources.fdl) files.push({ path, text: await readText(path, 'FDL file') });
  const { schema, diagnostics } = compileFdl(files);
  if (!schema) {
    throw new StartupError(
      'the FDL has errors:',
      diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic),
    );
  }
  const warnings = diagnostics.map(formatDiagnostic);
  const path = sources.config;
  const text = path === undefined ? 'version: 1\n' : await readText(path, 'configuration');
  const { config, issues } = loadConfig(text, {
    schema,
    format: path === undefined ? 'yaml' : configFormatFor(path),
  });
  if (!config) {
    throw new StartupError(
      `the configuration ${path ?? ''} has problems:`,
      issues.map((i) => `${path ?? '(config)'}:${i.path === '' ? '' : ` ${i.path}:`} ${i.message}`),
    );
  }
  if (path === undefined)
    warnings.push('no --config: every feature runs on its gate and FDL control values');
  return { schema, config, warnings, configText: text };
}
