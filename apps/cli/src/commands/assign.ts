import { readFile } from 'node:fs/promises';

import {
  canonicalJson,
  compileFdl,
  configFormatFor,
  createEngine,
  explainAssignment,
  isImpressionError,
  loadConfig,
} from '@iserver/core';
import type {
  AssignmentExplanation,
  CompiledConfig,
  FdlSchema,
  FeatureDef,
  FeatureResult,
  FieldDef,
  JsonValue,
  OutputDecision,
  Session,
  VariantRef,
} from '@iserver/core';
import type { Argv, CommandModule } from 'yargs';

import type { Io } from '../output.js';
import { ExitCode, formatDiagnostic } from '../output.js';
import type { CommandContext } from './index.js';

export interface AssignOptions {
  /** FDL files, compiled in order as one program. */
  readonly fdl: readonly string[];
  /** The environment configuration: JSON for a `.json` file, else YAML. */
  readonly config: string;
  /** Session args as JSON text (the persistent key and session keys included). */
  readonly session: string;
  readonly feature: string;
  /** Feature args as JSON text. */
  readonly args?: string | undefined;
  /** ISO time of the evaluation. @default the current time */
  readonly now?: string | undefined;
  /** Session events signalled before the evaluation, in order: `NAME` or `NAME=JSON`. */
  readonly event?: readonly string[] | undefined;
  readonly json: boolean;
}

/** The wire `_variants` element (protocol.md §4.6). */
interface WireVariant {
  readonly id: string;
  readonly name: string;
  readonly variant: { readonly id: string; readonly name: string } | null;
}

/** Stops the command with an exit code; the message is already printed. */
class Stop extends Error {
  override name = 'Stop';
  readonly code: number;

  constructor(code: number) {
    super(`exit ${String(code)}`);
    this.code = code;
  }
}

const SINGLE_FLAGS = ['config', 'session', 'feature', 'args', 'now'] as const;

/** The yargs module of `iserver assign`; `index.ts` registers it. */
export function assignCommand(ctx: CommandContext): CommandModule {
  const module: CommandModule<object, AssignOptions> = {
    command: 'assign',
    describe: 'Evaluate one feature for one session with core only and explain every decision',
    builder: (y: Argv) =>
      y
        .option('fdl', { type: 'string', array: true, demandOption: true, describe: 'FDL files' })
        .option('config', { type: 'string', demandOption: true, describe: 'YAML or JSON config' })
        .option('session', { type: 'string', demandOption: true, describe: 'Session args (JSON)' })
        .option('feature', { type: 'string', demandOption: true, describe: 'Feature name' })
        .option('args', { type: 'string', describe: 'Feature args (JSON)' })
        .option('now', { type: 'string', describe: 'Evaluation time (ISO 8601); default: now' })
        .option('event', {
          type: 'string',
          array: true,
          describe: 'Session event to signal first: NAME or NAME=JSON (repeatable)',
        })
        .option('json', { type: 'boolean', default: false, describe: 'Print the result as JSON' }),
    handler: async (flags) => {
      // yargs turns a repeated string option into a list; only --fdl and --event may repeat.
      const given = flags as Readonly<Record<string, unknown>>;
      const repeated = SINGLE_FLAGS.filter((name) => Array.isArray(given[name]));
      if (repeated.length) {
        ctx.io.err(`iserver assign: give ${repeated.map((n) => `--${n}`).join(', ')} only once`);
        ctx.exitCode = ExitCode.USAGE;
        return;
      }
      ctx.exitCode = await assign(flags, ctx.io);
    },
  };
  return module as unknown as CommandModule;
}

/**
 * `iserver assign`: evaluates a feature for a session (fixed clock, no plugins, a real impression)
 * and prints the outputs, where each came from, and every experiment's and rollout's decision.
 * Exit codes: 0 evaluated (ON or OFF), 1 invalid input (FDL, config, unknown feature, bad args),
 * 2 could not run (bad flags or JSON, unreadable files).
 */
export async function assign(options: AssignOptions, io: Io): Promise<number> {
  try {
    return await run(options, io);
  } catch (error) {
    if (error instanceof Stop) return error.code;
    throw error;
  }
}

async function run(options: AssignOptions, io: Io): Promise<number> {
  const usage = (message: string) => {
    io.err(`iserver assign: ${message}`);
    return new Stop(ExitCode.USAGE);
  };
  const sessionArgs = parseObject(options.session, '--session', usage);
  const featureArgs =
    options.args === undefined ? undefined : parseObject(options.args, '--args', usage);
  const now = options.now === undefined ? Date.now() : Date.parse(options.now);
  if (Number.isNaN(now)) throw usage(`--now '${options.now ?? ''}' is not an ISO 8601 time`);
  const events = (options.event ?? []).map((e) => parseEvent(e, usage));
  const schema = await compile(options.fdl, io, usage);
  const config = await readConfig(options.config, schema, io, usage);

  let n = 0;
  const engine = createEngine({
    schema,
    config,
    clock: { now: () => now },
    newId: () => `assign-${String(++n)}`,
  });
  const invalid = (what: string, error: unknown) => {
    if (!isImpressionError(error)) throw error;
    io.err(`iserver assign: ${what}: ${error.message}`);
    return new Stop(ExitCode.INVALID);
  };
  if (events.length) {
    try {
      await engine.evaluate({ args: sessionArgs, features: [] });
    } catch (error) {
      throw invalid('session', error);
    }
    for (const e of events) {
      try {
        engine.signal({ kind: 'session-event', keys: sessionArgs, event: e.name, args: e.args });
      } catch (error) {
        throw invalid(`--event ${e.name}`, error);
      }
    }
  }
  let evaluated;
  try {
    evaluated = await engine.evaluate({
      args: sessionArgs,
      impressionId: 'assign-impression',
      features: [{ name: options.feature, args: featureArgs }],
    });
  } catch (error) {
    throw invalid('session', error);
  }
  const { session } = evaluated;
  const result = evaluated.results[0] ?? { status: 'unknown', name: options.feature };
  const explanation =
    result.status === 'on' || result.status === 'off'
      ? explainAssignment({ config, schema, session, feature: options.feature, now })
      : undefined;
  const feature = schema.features.find((f) => f.name === options.feature && !f.abstract);
  const report = { schema, config, session, feature, result, explanation, now };
  // Keys whose value is undefined (an experiment without a name) stay, as null: a stable shape.
  if (options.json) io.out(JSON.stringify(toJson(report), (_k, v: unknown) => v ?? null, 2));
  else printHuman(report, io);
  return result.status === 'unknown' || result.status === 'error' ? ExitCode.INVALID : ExitCode.OK;
}

function parseObject(
  text: string,
  flag: string,
  usage: (message: string) => Stop,
): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw usage(`${flag} is not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw usage(`${flag} must be a JSON object, e.g. '{"deviceId":"d1"}'`);
  return value as Record<string, unknown>;
}

function parseEvent(text: string, usage: (message: string) => Stop) {
  const at = text.indexOf('=');
  if (at < 0) return { name: text, args: undefined };
  return {
    name: text.slice(0, at),
    args: parseObject(text.slice(at + 1), `--event ${text}`, usage),
  };
}

async function readText(path: string, usage: (message: string) => Stop): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw usage(`cannot read ${path}: ${(error as Error).message}`);
  }
}

async function compile(
  paths: readonly string[],
  io: Io,
  usage: (message: string) => Stop,
): Promise<FdlSchema> {
  const sources = [];
  for (const path of paths) sources.push({ path, text: await readText(path, usage) });
  const { schema, diagnostics } = compileFdl(sources);
  if (schema) return schema;
  for (const d of diagnostics) io.err(formatDiagnostic(d));
  throw new Stop(ExitCode.INVALID);
}

async function readConfig(
  path: string,
  schema: FdlSchema,
  io: Io,
  usage: (message: string) => Stop,
): Promise<CompiledConfig> {
  const { config, issues } = loadConfig(await readText(path, usage), {
    schema,
    format: configFormatFor(path),
  });
  if (config && issues.length === 0) return config;
  for (const issue of issues)
    io.err(issue.path ? `${path}:${issue.path}: ${issue.message}` : `${path}: ${issue.message}`);
  if (issues.length === 0) io.err(`${path}: the configuration was rejected`);
  throw new Stop(ExitCode.INVALID);
}

interface Report {
  readonly schema: FdlSchema;
  readonly config: CompiledConfig;
  readonly session: Session;
  readonly feature: FeatureDef | undefined;
  readonly result: FeatureResult;
  readonly explanation: AssignmentExplanation | undefined;
  readonly now: number;
}

function toWireVariant(v: VariantRef): WireVariant {
  return {
    id: v.experimentId,
    name: v.experimentName ?? v.experimentId,
    variant: v.control ? null : { id: v.variantId, name: v.variantName ?? v.variantId },
  };
}

function toJson({ result, explanation, now, feature }: Report) {
  const { experiments = [], rollouts = [], ...state } = explanation ?? {};
  return {
    feature: result.name,
    status: result.status,
    now: new Date(now).toISOString(),
    ...(result.status === 'error' ? { message: result.message } : {}),
    outputs:
      result.status === 'on' || result.status === 'error'
        ? inFdlOrder(feature, result.outputs)
        : {},
    decisions: result.status === 'on' ? result.decisions : {},
    variants: result.status === 'on' ? result.variants.map(toWireVariant) : [],
    state: explanation ? state : null,
    experiments,
    rollouts,
  };
}

/** Outputs in declaration order (the engine's object follows the order they were decided in). */
function inFdlOrder(
  feature: FeatureDef | undefined,
  outputs: Readonly<Record<string, JsonValue>>,
): Record<string, JsonValue> {
  const names = [...(feature?.outputs ?? []), ...(feature?.plugin?.fields ?? [])].map(
    (f) => f.name,
  );
  const ordered: Record<string, JsonValue> = {};
  for (const name of [...names, ...Object.keys(outputs)])
    if (name in outputs && !(name in ordered)) ordered[name] = outputs[name] ?? null;
  return ordered;
}

function printHuman(report: Report, io: Io): void {
  const { result, explanation, session } = report;
  const when = new Date(report.now).toISOString();
  const who = `${report.schema.session.persistentKey}=${session.persistentKey}`;
  switch (result.status) {
    case 'unknown': {
      const known = [...report.config.features.keys()].join(', ');
      io.err(`iserver assign: unknown feature '${result.name}' (known: ${known})`);
      return;
    }
    case 'error':
      io.err(`iserver assign: ${result.name}: ${result.message}`);
      return;
    case 'off':
      io.out(
        `${result.name} for ${who} at ${when}: OFF (${explanation?.reason ?? 'no explanation'})`,
      );
      break;
    case 'on':
      io.out(
        `${result.name} for ${who} at ${when}: ON (${explanation?.reason ?? 'no explanation'})`,
      );
      io.out('Outputs:');
      for (const [name, value] of Object.entries(inFdlOrder(report.feature, result.outputs))) {
        const source = describeSource(report, name, result.decisions[name]);
        io.out(`  ${name} = ${JSON.stringify(value)}  (${source})`);
      }
      break;
  }
  if (explanation) printDecisions(explanation, io);
  const notes = pluginNotes(report);
  if (notes) io.out(notes);
}

function printDecisions(explanation: AssignmentExplanation, io: Io): void {
  io.out(`Experiments (launch order):${explanation.experiments.length ? '' : ' none'}`);
  for (const e of explanation.experiments) {
    const name = e.experimentName === undefined ? '' : ` "${e.experimentName}"`;
    const named = e.variantName && e.variantName !== e.variantId ? ` "${e.variantName}"` : '';
    const arm = `${e.control ? 'control arm' : 'variant'} ${e.variantId ?? ''}${named}`;
    const label =
      e.decision === 'variant' ? arm : e.decision === 'forced' ? `forced ${arm}` : e.decision;
    io.out(`  ${e.experimentId}${name}: ${label}: ${e.reason}`);
    io.out(
      `    split key ${e.splitKey}, traffic ${e.traffic} %, traffic bucket ${e.trafficBucket}, variant bucket ${e.variantBucket}`,
    );
  }
  io.out(`Rollouts:${explanation.rollouts.length ? '' : ' none'}`);
  for (const r of explanation.rollouts) {
    io.out(`  ${r.rolloutId}: ${r.decision}: ${r.reason}`);
    io.out(
      `    split key ${r.splitKey}, ${Math.round(r.percentNow * 100) / 100} % now, bucket ${r.bucket}`,
    );
  }
}

function describeSource(report: Report, name: string, d: OutputDecision | undefined): string {
  const field = [
    ...(report.feature?.outputs ?? []),
    ...(report.feature?.plugin?.fields ?? []),
  ].find((f) => f.name === name);
  const computed = field?.flags.isDefault ?? field?.flags.variantId ?? field?.flags.variantName;
  if (computed !== undefined) return `computed from ${computed}`;
  switch (d?.source) {
    case undefined:
      return 'unknown';
    case 'qa':
      return `QA override, device ${report.session.persistentKey}`;
    case 'experiment':
      return `experiment ${d.experimentId ?? '?'}, variant ${d.variantId ?? '?'}`;
    case 'rollout':
      return `rollout ${d.rolloutId ?? '?'}`;
    case 'plugin':
      return 'plugin';
    case 'external':
      return 'external';
    case 'control': {
      const arm = d.experimentId === undefined ? '' : `, control arm of ${d.experimentId}`;
      if (field?.role === 'plugin') return `plugin field not run, control value${arm}`;
      const control = report.config.features.get(report.result.name)?.control[name];
      const configured =
        field !== undefined &&
        control !== undefined &&
        canonicalJson(control) !== canonicalJson(field.controlValue);
      return `control value${configured ? ' from the configuration' : ''}${arm}`;
    }
  }
}

function pluginNotes({ schema, session, feature, config, result }: Report): string | undefined {
  const show = (fields: readonly FieldDef[], value: (name: string) => JsonValue | undefined) =>
    fields.map((f) => `${f.name} = ${JSON.stringify(value(f.name) ?? f.controlValue)}`).join(', ');
  const parts: string[] = [];
  if (schema.session.plugin)
    parts.push(`session: ${show(schema.session.plugin.fields, (n) => session.plugin?.[n])}`);
  if (feature?.plugin) {
    const control = config.features.get(feature.name)?.control ?? {};
    parts.push(`${feature.name}: ${show(feature.plugin.fields, (n) => control[n])}`);
  }
  if (result.status === 'unknown' || parts.length === 0) return undefined;
  return `Note: plugins do not run in iserver assign; plugin fields keep their control values (${parts.join('; ')}).`;
}
