import type { FeatureNode, FieldNode, ImportNode } from './ast.js';
import { applyDirectives } from './apply-directives.js';
import type { At, CompileContext } from './compile-context.js';
import { locationOf } from './compile-context.js';
import type { CompiledField } from './compile-field.js';
import { compileField } from './compile-field.js';
import { compileEvent, instantiateEvent } from './compile-event.js';
import { compilePlugin } from './compile-plugin.js';
import { FdlCode } from './diagnostic.js';
import { NameScope, scopePreset } from './name-scope.js';
import { FEATURE_SYSTEM_FIELDS } from './reserved-names.js';
import type { EventDef, FeatureDef, FieldDef, PluginDef } from './schema-model.js';
import { snakeCase } from './snake-case.js';

const FEATURE_PRESET = scopePreset(
  FEATURE_SYSTEM_FIELDS.map((field) => [field, `the system field '${field}' of every feature`]),
);

/** A feature or session body under construction (spec §4.2, §4.3, §4.7). */
export interface BodyParts {
  readonly scope: NameScope;
  readonly args: CompiledField[];
  readonly outputs: FieldDef[];
  readonly events: EventDef[];
  readonly imports: string[];
  plugin: PluginDef | undefined;
}

function fieldsOf(node: FeatureNode, kind: 'args' | 'output'): FieldNode[] {
  return node.items.flatMap((item) => (item.kind === kind ? item.fields : []));
}

/** Compiles a `feature` block. */
export function compileFeature(ctx: CompileContext, path: string, node: FeatureNode): FeatureDef {
  const name = node.name.text;
  const header = applyDirectives(ctx, { path, target: 'feature', name }, node.directives);
  const scope = new NameScope(node.abstract ? undefined : FEATURE_PRESET);
  const parts: BodyParts = {
    scope,
    args: [],
    outputs: [],
    events: [],
    imports: [],
    plugin: undefined,
  };
  for (const field of fieldsOf(node, 'args')) {
    const compiled = compileField(
      ctx,
      { path, role: 'arg', target: 'arg', scope, what: 'arg', needsControlValue: false },
      field,
    );
    if (compiled) parts.args.push(compiled);
  }
  for (const item of node.items) {
    if (item.kind === 'import') importIntoFeature(ctx, path, item.node, parts);
  }
  const earlierOutputs = new Set(parts.outputs.map((o) => o.name));
  for (const field of fieldsOf(node, 'output')) {
    const compiled = compileField(
      ctx,
      {
        path,
        role: 'output',
        target: 'output',
        scope,
        what: 'output',
        earlierOutputs,
        needsControlValue: true,
      },
      field,
    );
    if (!compiled) continue;
    parts.outputs.push(compiled.def);
    earlierOutputs.add(compiled.def.name);
  }
  compileEvents(ctx, path, node, parts, { kind: 'feature', qualifier: name });
  parts.plugin = compileBodyPlugin(ctx, path, node, parts, {
    kind: 'feature',
    name,
    earlierOutputs,
  });
  return {
    name,
    table: snakeCase(name),
    abstract: node.abstract,
    noGate: header.noGate === true,
    offByDefault: header.offByDefault === true,
    args: parts.args.map((a) => a.def),
    outputs: parts.outputs,
    plugin: parts.plugin,
    events: parts.events,
    imports: parts.imports,
    description: node.description,
    deprecated: header.deprecated,
    location: locationOf({ path, pos: node.pos }),
  };
}

/** `import X` in a feature body: an earlier feature, else a top-level event. */
function importIntoFeature(
  ctx: CompileContext,
  path: string,
  node: ImportNode,
  parts: BodyParts,
): void {
  const name = node.name.text;
  const at: At = { path, pos: node.pos };
  const feature = ctx.features.get(name);
  if (feature) {
    parts.imports.push(name);
    mergeFeature(ctx, feature, parts, at);
    return;
  }
  const event = ctx.events.get(name);
  if (event) {
    ctx.usedEvents.add(name);
    if (ctx.declare(parts.scope, name, 'event', at)) {
      parts.events.push(
        instantiateEvent(ctx, event, { kind: 'feature', qualifier: undefined }, at),
      );
    }
    return;
  }
  const why = ctx.offlineEvents.has(name)
    ? `'${name}' is an offline event, and offline events cannot be imported`
    : `no feature '${name}' is declared before this point and no top-level event has that name`;
  ctx.error(FdlCode.IMPORT_UNKNOWN, at, `Cannot import '${name}': ${why}.`);
}

/** Copies an imported feature's members in, with the merge rules of spec §4.7. */
function mergeFeature(ctx: CompileContext, source: FeatureDef, parts: BodyParts, at: At): void {
  const from = `feature ${source.name}`;
  const existingArg = (n: string) => parts.args.find((a) => a.def.name === n)?.def;
  const existingOutput = (n: string) => parts.outputs.find((o) => o.name === n);
  for (const arg of source.args) {
    const existing = existingArg(arg.name) ?? existingOutput(arg.name);
    if (existing) {
      if (existing.typeText !== arg.typeText) {
        ctx.error(
          FdlCode.IMPORT_CONFLICT,
          at,
          `Importing ${from} brings arg '${arg.name}: ${arg.typeText}', which conflicts with '${arg.name}: ${existing.typeText}' already here.`,
        );
      }
      continue;
    }
    if (ctx.declare(parts.scope, arg.name, `arg (imported from ${from})`, at)) {
      parts.args.push({
        def: { ...arg, importedFrom: arg.importedFrom ?? source.name },
        effects: {},
      });
    }
  }
  const outputs = [
    ...source.outputs,
    ...(source.plugin?.fields ?? []).map((f) => ({ ...f, role: 'output' as const })),
  ];
  for (const output of outputs) {
    if (existingArg(output.name)) {
      ctx.error(
        FdlCode.IMPORT_CONFLICT,
        at,
        `Importing ${from} brings output '${output.name}', but an arg '${output.name}' is already defined here.`,
      );
      continue;
    }
    if (existingOutput(output.name)) {
      ctx.error(
        FdlCode.IMPORT_CONFLICT,
        at,
        `Importing ${from} brings output '${output.name}', but an output '${output.name}' is already defined here.`,
      );
      continue;
    }
    if (ctx.declare(parts.scope, output.name, `output (imported from ${from})`, at)) {
      parts.outputs.push({ ...output, importedFrom: output.importedFrom ?? source.name });
    }
  }
  for (const event of source.events) {
    if (ctx.declare(parts.scope, event.name, `event (imported from ${from})`, at))
      parts.events.push(event);
  }
}

/** Declares and compiles the body's own events (after imports and outputs, spec §1). */
export function compileEvents(
  ctx: CompileContext,
  path: string,
  node: FeatureNode,
  parts: BodyParts,
  owner: { kind: 'feature' | 'session'; qualifier: string },
): void {
  for (const item of node.items) {
    if (item.kind !== 'event') continue;
    const event = item.node;
    if (event.offline) {
      ctx.error(
        FdlCode.OFFLINE_EVENT_NOT_TOP_LEVEL,
        { path, pos: event.pos },
        `Offline event '${event.name.text}' must be declared at the top level; events inside a ${owner.kind} are always online. Remove 'offline' or move it out.`,
      );
    }
    ctx.declare(parts.scope, event.name.text, 'event', { path, pos: event.pos });
    parts.events.push(compileEvent(ctx, path, event, owner));
  }
}

/** Compiles the body's plugin; a second plugin is an error reported at the first (spec §9 #12). */
export function compileBodyPlugin(
  ctx: CompileContext,
  path: string,
  node: FeatureNode,
  parts: BodyParts,
  owner: { kind: 'feature' | 'session'; name: string; earlierOutputs: Set<string> | undefined },
): PluginDef | undefined {
  const plugins = node.items.flatMap((item) => (item.kind === 'plugin' ? [item.node] : []));
  const first = plugins[0];
  if (!first) return undefined;
  if (plugins.length > 1) {
    ctx.error(
      FdlCode.PLUGIN_DUPLICATE,
      { path, pos: first.pos },
      `${owner.kind === 'session' ? 'The session' : `Feature '${owner.name}'`} has ${plugins.length} plugins; only one plugin is allowed per ${owner.kind}.`,
    );
  }
  if (first.language === 'java' && first.pluginName) {
    reservePluginClass(ctx, first.pluginName.value, { path, pos: first.pos });
  }
  return compilePlugin(ctx, path, first, {
    serves: { kind: owner.kind, name: owner.name },
    scope: parts.scope,
    target: owner.kind === 'session' ? 'session-plugin-field' : 'plugin-field',
    needsControlValue: true,
    earlierOutputs: owner.earlierOutputs,
  });
}

/** Java plugins generate a `<Simple>Base` class (and the dotted class itself) in the namespace. */
function reservePluginClass(ctx: CompileContext, className: string, at: At): void {
  const simple = className.slice(className.lastIndexOf('.') + 1);
  const names = className.includes('.') ? [`${simple}Base`, className] : [`${simple}Base`];
  for (const name of names) {
    const clash = ctx.global.reserve(name, `the generated base class of plugin ${className}`, true);
    if (clash) ctx.reportClash(name, clash, at);
  }
}
