/**
 * Loading an environment configuration (config.md §1): parse, validate against the FDL schema
 * reporting every problem with its path, and compile for evaluation. A file with any problem
 * yields no configuration, so a server keeps the one it has (config.md: a bad file never
 * replaces a good one).
 */
import { describeValue } from '../audience/describe-value.js';
import { ConfigError, type ConfigIssue } from '../errors.js';
import type { FdlSchema } from '../fdl/schema-model.js';
import { compileConfig } from './compile-config.js';
import type { CompiledConfig } from './compiled-config.js';
import { field, ConfigReader } from './config-reader.js';
import { formatConfigIssues } from './format-config-issues.js';
import { hashSource } from './hash-source.js';
import { parseConfigDocument, type ConfigFormat } from './parse-config-document.js';
import { DURATION_FORMAT, parseDuration } from './parse-duration.js';
import { readAudiences } from './read-audiences.js';
import { readExperiments } from './read-experiments.js';
import { readFeatures } from './read-features.js';
import { readQa } from './read-qa.js';
import { readRollouts } from './read-rollouts.js';

export interface LoadConfigOptions {
  /** The compiled FDL the configuration refers to. */
  readonly schema: FdlSchema;
  /** The syntax of `text`; see `configFormatFor`. */
  readonly format: ConfigFormat;
}

export interface LoadConfigResult {
  /** Present iff `issues` is empty. */
  readonly config?: CompiledConfig;
  /** Every problem found, each with its document path (`''` for the document as a whole). */
  readonly issues: ConfigIssue[];
}

const TOP_LEVEL_KEYS = [
  'version',
  'environment',
  'fdl',
  'session',
  'features',
  'audiences',
  'experiments',
  'rollouts',
  'qa',
];

/** `session.idleTimeout` when the file sets none. */
export const DEFAULT_SESSION_IDLE_TIMEOUT_MS = 30 * 60_000;

/**
 * Parses, validates and compiles a configuration file. Never throws for a bad file: every
 * problem is in `issues`, and `config` is present only when there are none.
 *
 * @example
 * const { config, issues } = loadConfig(text, { schema, format: configFormatFor(fileName) });
 */
export function loadConfig(text: string, options: LoadConfigOptions): LoadConfigResult {
  const parsed = parseConfigDocument(text, options.format);
  if (!('document' in parsed)) return { issues: parsed.issues };
  const reader = new ConfigReader(options.schema);
  reader.issues.push(...parsed.issues);
  const root = reader.fields(
    parsed.document ?? undefined,
    '',
    TOP_LEVEL_KEYS,
    'a mapping with `version: 1` at the top of the document',
  );
  if (root === undefined) return { issues: reader.issues };
  readVersion(field(root, 'version'), reader);
  const environment = reader.optionalString(field(root, 'environment'), 'environment');
  const fdl = reader.optionalString(field(root, 'fdl'), 'fdl');
  const sessionIdleTimeoutMs = readSession(field(root, 'session'), reader);
  const audiences = readAudiences(field(root, 'audiences'), reader);
  const features = readFeatures(field(root, 'features'), reader);
  const experiments = readExperiments(field(root, 'experiments'), reader);
  const rollouts = readRollouts(field(root, 'rollouts'), reader);
  const qa = readQa(field(root, 'qa'), experiments.variantIds, reader);
  if (reader.issues.length > 0) return { issues: reader.issues };
  const config = compileConfig(
    {
      hash: hashSource(text),
      environment,
      fdl,
      sessionIdleTimeoutMs,
      features,
      audiences: audiences.audiences,
      audienceOrder: audiences.order,
      experiments: experiments.experiments,
      rollouts,
      qa,
    },
    options.schema,
  );
  return { config, issues: [] };
}

/**
 * `loadConfig`, throwing when the file has problems.
 *
 * @throws ConfigError listing every issue, one per line (`path: message`), also in `issues`.
 */
export function loadConfigOrThrow(text: string, options: LoadConfigOptions): CompiledConfig {
  const { config, issues } = loadConfig(text, options);
  if (config === undefined) {
    throw new ConfigError(`invalid configuration:\n${formatConfigIssues(issues)}`, issues);
  }
  return config;
}

function readVersion(raw: unknown, reader: ConfigReader): void {
  if (raw === undefined) reader.report('version', 'is required: write `version: 1`');
  else if (raw !== 1) {
    reader.report('version', `unsupported version ${describeValue(raw)}: iserver reads version 1`);
  }
}

function readSession(raw: unknown, reader: ConfigReader): number {
  if (raw === undefined) return DEFAULT_SESSION_IDLE_TIMEOUT_MS;
  const session = reader.fields(raw, 'session', ['idleTimeout'], 'the session settings');
  const timeout = session && field(session, 'idleTimeout');
  if (timeout === undefined) return DEFAULT_SESSION_IDLE_TIMEOUT_MS;
  const ms = typeof timeout === 'string' ? parseDuration(timeout) : undefined;
  if (ms === undefined || ms <= 0) {
    const zero = ms === 0 ? ' (it must be longer than 0)' : '';
    reader.report(
      'session.idleTimeout',
      `expected ${DURATION_FORMAT}, got ${describeValue(timeout)}${zero}`,
    );
    return DEFAULT_SESSION_IDLE_TIMEOUT_MS;
  }
  return ms;
}
