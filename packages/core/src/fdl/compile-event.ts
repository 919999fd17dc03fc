import type { EventNode, FieldNode, Pos } from './ast.js';
import { applyDirectives } from './apply-directives.js';
import type { CompileContext } from './compile-context.js';
import { locationOf } from './compile-context.js';
import { compileField } from './compile-field.js';
import { compilePlugin } from './compile-plugin.js';
import { FdlCode } from './diagnostic.js';
import type { EventContainer } from './directive-rules.js';
import { NameScope, scopePreset } from './name-scope.js';
import { EVENT_SYSTEM_FIELDS } from './reserved-names.js';
import type { EventDef, FieldDef, PluginDef } from './schema-model.js';
import { snakeCase } from './snake-case.js';

const implicit = (name: string) => [name, `the implicit event field '${name}'`] as const;
/** Top-level and offline events; instantiated events (in a feature or the session) also have `impressionId`. */
const TEMPLATE_PRESET = scopePreset(EVENT_SYSTEM_FIELDS.map(implicit));
const INSTANCE_PRESET = scopePreset([...EVENT_SYSTEM_FIELDS, 'impressionId'].map(implicit));

const SYSTEM_TYPES: Readonly<Record<string, string>> = { eventTime: 'Timestamp!', eventId: 'ID!' };

/** The fields of one event under construction, with the merge rules of spec §4.4. */
class EventBody {
  readonly scope: NameScope;
  readonly fields: FieldDef[] = [];
  readonly #types = new Map<string, { typeText: string; importedFrom: string | undefined }>();

  readonly ctx: CompileContext;
  readonly path: string;
  readonly container: EventContainer;

  constructor(ctx: CompileContext, path: string, container: EventContainer) {
    this.ctx = ctx;
    this.path = path;
    this.container = container;
    const instantiated = container === 'feature' || container === 'session';
    this.scope = new NameScope(instantiated ? INSTANCE_PRESET : TEMPLATE_PRESET);
    for (const name of EVENT_SYSTEM_FIELDS) {
      this.#types.set(name, { typeText: SYSTEM_TYPES[name] ?? '', importedFrom: undefined });
    }
  }

  /** Adds an imported field; a same-named field of another type is an import conflict. */
  addImported(field: FieldDef, from: string, at: { path: string; pos: Pos }): void {
    const existing = this.#types.get(field.name);
    if (existing) {
      if (existing.typeText !== field.typeText) {
        this.ctx.error(
          FdlCode.IMPORT_CONFLICT,
          at,
          `Importing ${from} brings input '${field.name}: ${field.typeText}', which conflicts with '${field.name}: ${existing.typeText}'${existing.importedFrom ? ` from ${existing.importedFrom}` : ''}.`,
        );
      }
      return;
    }
    if (!this.ctx.declare(this.scope, field.name, `input (imported from ${from})`, at)) return;
    this.#types.set(field.name, { typeText: field.typeText, importedFrom: from });
    this.fields.push({ ...field, importedFrom: from });
  }

  /** Adds a declared input; an identical redeclaration merges, another type is an error. */
  addOwn(node: FieldNode): void {
    const existing = this.#types.get(node.name.text);
    if (existing) {
      const field = compileField(this.ctx, this.#site(undefined), node);
      if (field && field.def.typeText !== existing.typeText) {
        this.ctx.error(
          FdlCode.EVENT_FIELD_REDEFINED,
          { path: this.path, pos: node.pos },
          `Cannot redefine '${node.name.text}' as ${field.def.typeText}: it is already ${existing.typeText}${existing.importedFrom ? ` (imported from ${existing.importedFrom})` : ''}. Use the same type or another name.`,
        );
      }
      return;
    }
    const field = compileField(this.ctx, this.#site(this.scope), node);
    if (!field) return;
    this.#types.set(field.def.name, { typeText: field.def.typeText, importedFrom: undefined });
    this.fields.push(field.def);
  }

  #site(scope: NameScope | undefined) {
    return {
      path: this.path,
      role: 'event' as const,
      target: 'event-field' as const,
      container: this.container,
      scope,
      what: 'event input',
      needsControlValue: false,
      plainDefaultsOnly: this.container === 'top-level' || this.container === 'offline',
    };
  }
}

export interface EventOwner {
  readonly kind: EventContainer;
  /** `Feature.Event`-style name of what serves an event plugin. */
  readonly qualifier: string | undefined;
}

/** Compiles an event declaration (any of the four kinds). */
export function compileEvent(
  ctx: CompileContext,
  path: string,
  node: EventNode,
  owner: EventOwner,
): EventDef {
  const body = new EventBody(ctx, path, owner.kind);
  const header = applyDirectives(
    ctx,
    { path, target: 'event', name: node.name.text },
    node.directives,
  );
  const templates: string[] = owner.kind === 'top-level' ? [node.name.text] : [];
  let plugin: PluginDef | undefined;
  // Imports first, then fields, then the plugin, whatever the textual order (spec §1).
  for (const item of node.items) {
    if (item.kind !== 'import') continue;
    const name = item.node.name.text;
    const at = { path, pos: item.node.pos };
    const source = ctx.events.get(name);
    if (!source) {
      const why = ctx.offlineEvents.has(name)
        ? `'${name}' is an offline event, and offline events cannot be imported`
        : owner.kind === 'top-level' || owner.kind === 'offline'
          ? `no top-level event '${name}' is declared before this one`
          : `no top-level event '${name}' is declared`;
      ctx.error(FdlCode.IMPORT_UNKNOWN, at, `Cannot import '${name}': ${why}.`);
      continue;
    }
    ctx.usedEvents.add(name);
    templates.push(...source.templates.filter((t) => !templates.includes(t)));
    for (const field of source.fields) body.addImported(field, `event ${name}`, at);
    plugin ??= source.plugin;
  }
  for (const item of node.items) if (item.kind === 'field') body.addOwn(item.node);
  const plugins = node.items.flatMap((item) => (item.kind === 'plugin' ? [item.node] : []));
  const second = plugins[1];
  if (second) {
    ctx.error(
      FdlCode.PLUGIN_DUPLICATE,
      { path, pos: second.pos },
      `Event '${node.name.text}' has more than one plugin; an event may have at most one.`,
    );
  }
  const first = plugins[0];
  if (first) {
    const serves = owner.qualifier ? `${owner.qualifier}.${node.name.text}` : node.name.text;
    plugin = compilePlugin(ctx, path, first, {
      serves: { kind: 'event', name: serves },
      scope: body.scope,
      target: 'event-plugin-field',
      needsControlValue: false,
      earlierOutputs: undefined,
    });
  }
  const splitKeys = [...body.fields, ...(plugin?.fields ?? [])].filter((f) => f.flags.splitKey);
  warnRepeatedSplitKey(ctx, splitKeys);
  return {
    name: node.name.text,
    column: snakeCase(node.name.text),
    kind: owner.kind,
    fields: body.fields,
    plugin,
    splitKey: splitKeys.at(-1)?.name,
    templates,
    description: node.description,
    deprecated: header.deprecated,
    location: locationOf({ path, pos: node.pos }),
  };
}

/** `@split_key` on several fields of one scope: the reference compiler keeps the last. */
export function warnRepeatedSplitKey(ctx: CompileContext, fields: readonly FieldDef[]): void {
  for (const field of fields.slice(1)) {
    ctx.warn(
      FdlCode.WARN_REPEATED_DIRECTIVE,
      { path: field.location.path, pos: field.location },
      `@split_key is on more than one field here; '${fields.at(-1)?.name ?? ''}' (the last) wins. Keep it on one field.`,
    );
  }
}

/** Instantiates a top-level event inside a feature or the session (`import E` at body level). */
export function instantiateEvent(
  ctx: CompileContext,
  source: EventDef,
  owner: EventOwner,
  at: { path: string; pos: Pos },
): EventDef {
  const body = new EventBody(ctx, at.path, owner.kind);
  for (const field of source.fields) body.addImported(field, `event ${source.name}`, at);
  return { ...source, kind: owner.kind, fields: body.fields, location: locationOf(at) };
}
