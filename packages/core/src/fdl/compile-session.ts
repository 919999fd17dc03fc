import type { FeatureNode } from './ast.js';
import { applyDirectives } from './apply-directives.js';
import type { CompileContext } from './compile-context.js';
import { locationOf } from './compile-context.js';
import { compileEvents, compileBodyPlugin } from './compile-feature.js';
import type { BodyParts } from './compile-feature.js';
import { compileField } from './compile-field.js';
import { instantiateEvent, warnRepeatedSplitKey } from './compile-event.js';
import { FdlCode } from './diagnostic.js';
import { NameScope, scopePreset } from './name-scope.js';
import { SESSION_SYSTEM_FIELDS } from './reserved-names.js';
import type { FieldDef, SessionDef } from './schema-model.js';

const IMPLICIT_KEY = 'deviceId';
const SESSION_PRESET = scopePreset(
  SESSION_SYSTEM_FIELDS.map((field) => [field, `the session system field '${field}'`]),
);

/** The session every program has when it declares none: keyed by `deviceId: ID!`. */
export function implicitSession(): SessionDef {
  return {
    implicit: true,
    args: [implicitDeviceId(undefined)],
    persistentKey: IMPLICIT_KEY,
    sessionKeys: [IMPLICIT_KEY],
    splitKey: undefined,
    mutableArgs: [],
    plugin: undefined,
    events: [],
    location: undefined,
  };
}

function implicitDeviceId(location: FieldDef['location'] | undefined): FieldDef {
  return {
    name: IMPLICIT_KEY,
    column: 'device_id',
    role: 'arg',
    type: { kind: 'scalar', name: 'ID', nullable: false },
    typeText: 'ID!',
    default: undefined,
    controlValue: null,
    description: undefined,
    flags: { persistentKey: true },
    importedFrom: undefined,
    location: location ?? { path: '<implicit session>', line: 1, column: 1 },
  };
}

/** Compiles the `session` block (spec §4.3). */
export function compileSession(ctx: CompileContext, path: string, node: FeatureNode): SessionDef {
  // This project validates directives on the session header (the reference ignored them).
  applyDirectives(ctx, { path, target: 'session', name: 'session' }, node.directives);
  const scope = new NameScope(SESSION_PRESET);
  const parts: BodyParts = {
    scope,
    args: [],
    outputs: [],
    events: [],
    imports: [],
    plugin: undefined,
  };
  const mutableArgs: string[] = [];
  const reserveHistory = (field: FieldDef) => {
    if (!field.flags.mutable) return;
    mutableArgs.push(field.name);
    const history = `${field.name}History`;
    const clash = scope.reserve(
      history,
      `the history field '${history}' of @mutable '${field.name}'`,
    );
    if (clash) {
      ctx.error(
        FdlCode.NAME_RESERVED,
        { path, pos: { line: field.location.line, column: field.location.column } },
        `@mutable '${field.name}' needs the system name '${history}' for its history, but a field already uses it. Rename that field.`,
      );
    }
  };
  for (const item of node.items) {
    if (item.kind !== 'args') continue;
    for (const fieldNode of item.fields) {
      const compiled = compileField(
        ctx,
        {
          path,
          role: 'arg',
          target: 'session-arg',
          scope,
          what: 'session arg',
          needsControlValue: false,
        },
        fieldNode,
      );
      if (!compiled) continue;
      parts.args.push(compiled);
      reserveHistory(compiled.def);
    }
  }
  for (const item of node.items) {
    if (item.kind !== 'import') continue;
    const name = item.node.name.text;
    const at = { path, pos: item.node.pos };
    const event = ctx.events.get(name);
    if (ctx.features.has(name)) {
      ctx.error(
        FdlCode.SESSION_IMPORTS_FEATURE,
        at,
        `The session cannot import feature '${name}'; it may import top-level events only.`,
      );
    } else if (event) {
      ctx.usedEvents.add(name);
      if (ctx.declare(scope, name, 'event', at)) {
        parts.events.push(
          instantiateEvent(ctx, event, { kind: 'session', qualifier: undefined }, at),
        );
      }
    } else {
      ctx.error(
        FdlCode.IMPORT_UNKNOWN,
        at,
        `Cannot import '${name}' into the session: no top-level event has that name.`,
      );
    }
  }
  for (const item of node.items) {
    if (item.kind === 'output') {
      ctx.error(
        FdlCode.SESSION_OUTPUT,
        { path, pos: item.pos },
        `The session cannot have outputs; use a session plugin to compute session-level values.`,
      );
    }
  }
  compileEvents(ctx, path, node, parts, { kind: 'session', qualifier: 'session' });
  parts.plugin = compileBodyPlugin(ctx, path, node, parts, {
    kind: 'session',
    name: 'session',
    earlierOutputs: undefined,
  });
  for (const field of parts.plugin?.fields ?? []) reserveHistory(field);

  const args = parts.args.map((a) => a.def);
  const persistent = parts.args.filter((a) => a.effects.persistentKey);
  for (const extra of persistent.slice(1)) {
    ctx.error(
      FdlCode.PERSISTENT_KEY_DUPLICATE,
      { path, pos: extra.effects.persistentKeyAt ?? extra.def.location },
      `@persistent_key may be on one session arg only ('${persistent[0]?.def.name ?? ''}' has it). Use @session_key for further keys.`,
    );
  }
  let persistentKey = persistent[0]?.def.name;
  if (persistentKey === undefined) {
    const deviceId = args.find((a) => a.name === IMPLICIT_KEY);
    if (deviceId) {
      ctx.error(
        FdlCode.SESSION_DEVICE_ID_NOT_KEY,
        { path, pos: { line: deviceId.location.line, column: deviceId.location.column } },
        `The session declares '${IMPLICIT_KEY}' but no @persistent_key: mark '${IMPLICIT_KEY}' (or another String/ID arg) @persistent_key.`,
      );
    } else {
      args.unshift(implicitDeviceId(locationOf({ path, pos: node.pos })));
    }
    persistentKey = IMPLICIT_KEY;
  }
  const splitKeys = [...args, ...(parts.plugin?.fields ?? [])].filter((f) => f.flags.splitKey);
  warnRepeatedSplitKey(ctx, splitKeys);
  const keyArgs = args
    .filter((a) => a.flags.sessionKey && a.name !== persistentKey)
    .map((a) => a.name);
  return {
    implicit: false,
    args,
    persistentKey,
    sessionKeys: [persistentKey, ...new Set(keyArgs)],
    splitKey: splitKeys.at(-1)?.name,
    mutableArgs,
    plugin: parts.plugin,
    events: parts.events,
    location: locationOf({ path, pos: node.pos }),
  };
}
