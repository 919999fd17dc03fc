import type { DirectiveNode, ValueNode } from './ast.js';
import { isInt64 } from './check-literal.js';
import type { CompileContext } from './compile-context.js';
import { FdlCode } from './diagnostic.js';
import type { DirectiveTarget, EventContainer } from './directive-rules.js';
import { DIRECTIVE_RULES } from './directive-rules.js';
import { renderType } from './render-type.js';
import { PER_FORBIDDEN_NAMES } from './reserved-names.js';
import type { Deprecation, FdlType, FieldFlags } from './schema-model.js';

export interface DirectiveSite {
  readonly path: string;
  readonly target: DirectiveTarget;
  readonly container?: EventContainer | undefined;
  /** The field's resolved type (undefined for declarations, or when the type did not resolve). */
  readonly type?: FdlType | undefined;
  readonly name: string;
  /** Outputs declared before this field in the same feature (for `@is_default(out:)` & co). */
  readonly earlierOutputs?: ReadonlySet<string>;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface DirectiveEffects extends Mutable<FieldFlags> {
  noGate?: true;
  offByDefault?: true;
  /** Where `@persistent_key` was written (the session reports a second key there). */
  persistentKeyAt?: DirectiveNode['pos'];
}

type ArgValues = Map<string, ValueNode>;

function isStringType(type: FdlType | undefined): boolean {
  return type?.kind === 'scalar' && (type.name === 'String' || type.name === 'ID');
}

/** Applies a declaration's directives left to right, reporting every problem (spec §7). */
export function applyDirectives(
  ctx: CompileContext,
  site: DirectiveSite,
  directives: readonly DirectiveNode[],
): DirectiveEffects {
  const effects: DirectiveEffects = {};
  if (directives.length === 0) return effects;
  const seen = new Set<string>();
  for (const directive of directives) {
    const name = directive.name.text;
    const at = { path: site.path, pos: directive.pos };
    const rule = DIRECTIVE_RULES[name];
    if (!rule) {
      const known = Object.keys(DIRECTIVE_RULES)
        .map((n) => `@${n}`)
        .join(', ');
      ctx.error(
        FdlCode.DIRECTIVE_UNKNOWN,
        at,
        `Unknown directive '@${name}'. Known directives: ${known}.`,
      );
      continue;
    }
    if (!rule.allowed(site.target, site.container)) {
      ctx.error(
        FdlCode.DIRECTIVE_MISPLACED,
        at,
        `@${name} does not apply to ${describeTarget(site)}; it applies to ${rule.placement}.`,
      );
      continue;
    }
    const args = readArgs(ctx, site.path, directive, rule.args);
    if (!args) continue;
    const missing = rule.required.find((arg) => !args.has(arg));
    if (missing) {
      const kind = rule.args[missing] === 'int' ? '<integer>' : '"…"';
      ctx.error(
        FdlCode.DIRECTIVE_ARGUMENT,
        at,
        `@${name} needs the argument '${missing}', e.g. @${name}(${missing}: ${kind}).`,
      );
      continue;
    }
    if (seen.has(name) && name !== 'mutable' && name !== 'persistent_key') {
      ctx.warn(
        FdlCode.WARN_REPEATED_DIRECTIVE,
        at,
        `@${name} is repeated on '${site.name}'; the last one wins. Remove the duplicate.`,
      );
    }
    seen.add(name);
    applyOne(ctx, site, directive, args, effects);
  }
  return effects;
}

function describeTarget(site: DirectiveSite): string {
  const what: Record<DirectiveTarget, string> = {
    feature: 'a feature',
    session: 'the session block',
    type: 'a type',
    'object-field': 'a field of an object type',
    enum: 'an enum',
    'enum-value': 'an enum value',
    event: 'an event',
    arg: 'a feature arg',
    output: 'a feature output',
    'plugin-field': 'a feature plugin field',
    'session-arg': 'a session arg',
    'session-plugin-field': 'a session plugin field',
    'event-field': `a field of ${site.container === 'offline' ? 'an offline' : `a ${site.container ?? ''}`} event`,
    'event-plugin-field': 'an event plugin field',
  };
  return `${what[site.target]} ('${site.name}')`;
}

/** Reads and kind-checks the arguments; undefined when they are unusable. */
function readArgs(
  ctx: CompileContext,
  path: string,
  directive: DirectiveNode,
  spec: Readonly<Record<string, 'string' | 'int' | 'string-list'>>,
): ArgValues | undefined {
  const name = directive.name.text;
  const values: ArgValues = new Map();
  if (!directive.args) return values;
  const allowed = Object.keys(spec);
  let ok = true;
  for (const arg of directive.args) {
    const argName = arg.name.text;
    const kind = spec[argName];
    const at = { path, pos: arg.pos };
    if (!kind) {
      const hint = allowed.length
        ? `it takes ${allowed.map((a) => `'${a}'`).join(', ')}`
        : 'it takes no arguments';
      ctx.error(
        FdlCode.DIRECTIVE_ARGUMENT,
        { path, pos: directive.pos },
        `@${name} has no argument '${argName}': ${hint}.`,
      );
      ok = false;
      continue;
    }
    if (values.has(argName)) {
      ctx.warn(
        FdlCode.WARN_REPEATED_ARGUMENT,
        at,
        `Argument '${argName}' of @${name} is given twice; the last one wins.`,
      );
    }
    if (!argKindMatches(ctx, path, arg.value, kind, `@${name}(${argName}:)`)) {
      ok = false;
      continue;
    }
    values.set(argName, arg.value);
  }
  return ok ? values : undefined;
}

function argKindMatches(
  ctx: CompileContext,
  path: string,
  value: ValueNode,
  kind: 'string' | 'int' | 'string-list',
  what: string,
): boolean {
  const at = { path, pos: value.pos };
  switch (kind) {
    case 'string':
      if (value.kind === 'string') return true;
      ctx.error(FdlCode.DIRECTIVE_ARGUMENT, at, `${what} expects a string in double quotes.`);
      return false;
    case 'int':
      if (value.kind !== 'int') {
        ctx.error(FdlCode.DIRECTIVE_ARGUMENT, at, `${what} expects an integer.`);
        return false;
      }
      if (!isInt64(value.text)) {
        ctx.error(
          FdlCode.INT_OUT_OF_RANGE,
          at,
          `${what}: ${value.text} is outside the 64-bit integer range.`,
        );
        return false;
      }
      return true;
    case 'string-list':
      if (value.kind !== 'list') {
        ctx.error(
          FdlCode.DIRECTIVE_ARGUMENT,
          at,
          `${what} expects a list of strings, e.g. ["a", "b"].`,
        );
        return false;
      }
      for (const item of value.items) {
        if (item.kind !== 'string') {
          ctx.error(
            FdlCode.DIRECTIVE_ARGUMENT,
            { path, pos: item.pos },
            `${what} expects a list of strings.`,
          );
          return false;
        }
      }
      return true;
  }
}

function stringArg(args: ArgValues, name: string): string | undefined {
  const value = args.get(name);
  return value?.kind === 'string' ? value.value : undefined;
}

function applyOne(
  ctx: CompileContext,
  site: DirectiveSite,
  directive: DirectiveNode,
  args: ArgValues,
  effects: DirectiveEffects,
): void {
  const at = { path: site.path, pos: directive.pos };
  const typeError = (message: string) => {
    ctx.error(FdlCode.DIRECTIVE_TARGET_TYPE, at, message);
  };
  const { type } = site;
  const name = directive.name.text;
  switch (name) {
    case 'deprecated': {
      const deprecation: Deprecation = {
        reason: stringArg(args, 'reason'),
        deprecatedBy: stringArg(args, 'deprecatedBy'),
      };
      effects.deprecated = deprecation;
      return;
    }
    case 'no_gate':
      effects.noGate = true;
      return;
    case 'off_by_default':
      effects.offByDefault = true;
      return;
    case 'external': {
      if (type && !type.nullable) {
        typeError(
          `@external needs a nullable type: '${site.name}' is non-null until the client sends its value. Remove the '!'.`,
        );
        return;
      }
      const list = args.get('values');
      const values =
        list?.kind === 'list'
          ? list.items.map((v) => (v.kind === 'string' ? v.value : ''))
          : undefined;
      effects.external = { values };
      return;
    }
    case 'per':
      if (site.target === 'event-field') {
        effects.per = true; // matched against the session after everything is declared
        return;
      }
      if (
        type &&
        (type.kind === 'list' ||
          type.kind === 'object' ||
          (type.kind === 'scalar' && !isStringType(type)))
      ) {
        typeError(`@per needs a String, ID or enum field; '${site.name}' is not one.`);
        return;
      }
      if (PER_FORBIDDEN_NAMES.includes(site.name)) {
        typeError(
          `@per cannot be used on a session field named '${site.name}': it would clash with the system's own '${site.name}' dimension. Rename the field.`,
        );
        return;
      }
      effects.per = true;
      return;
    case 'mutable':
      if (effects.mutable) {
        ctx.error(
          FdlCode.DIRECTIVE_REPEATED,
          at,
          `@mutable is applied to '${site.name}' more than once. Remove the duplicate.`,
        );
        return;
      }
      effects.mutable = true;
      return;
    case 'persistent_key':
      if (!isStringType(type) || !type) {
        if (type)
          typeError(`@persistent_key must be on a String or ID field; '${site.name}' is not one.`);
        return;
      }
      if (type.nullable) {
        typeError(
          `@persistent_key must be on a non-null field: write '${site.name}: ${renderType(type)}!'.`,
        );
        return;
      }
      if (effects.persistentKey) {
        ctx.error(
          FdlCode.PERSISTENT_KEY_DUPLICATE,
          at,
          `@persistent_key is written twice on '${site.name}'; remove one.`,
        );
        return;
      }
      effects.persistentKey = true;
      effects.persistentKeyAt = directive.pos;
      return;
    case 'session_key':
      if (type && !isStringType(type)) {
        typeError(`@session_key must be on a String or ID field; '${site.name}' is not one.`);
        return;
      }
      effects.sessionKey = true;
      return;
    case 'split_key':
      effects.splitKey = true;
      return;
    case 'elapsed':
      applyElapsed(ctx, site, args, effects, at);
      return;
    case 'hint': {
      const length = args.get('length');
      const value = length?.kind === 'int' ? Number(length.text) : 0;
      if (value < 1) {
        ctx.error(FdlCode.DIRECTIVE_ARGUMENT, at, `@hint(length:) must be a positive integer.`);
        return;
      }
      if (type && !isStringType(type)) {
        typeError(`@hint can only be applied to String or ID fields; '${site.name}' is not one.`);
        return;
      }
      effects.hint = { length: value };
      return;
    }
    case 'no_log':
      effects.noLog = true;
      return;
    case 'is_default':
    case 'variant_id':
    case 'variant_name':
      applyOutputReference(ctx, site, { name, out: stringArg(args, 'out') ?? '', at }, effects);
      return;
  }
}

function applyElapsed(
  ctx: CompileContext,
  site: DirectiveSite,
  args: ArgValues,
  effects: DirectiveEffects,
  at: { path: string; pos: DirectiveNode['pos'] },
): void {
  const kind = stringArg(args, 'kind');
  if (kind !== 'session_end' && kind !== 'impression_end') {
    ctx.error(
      FdlCode.DIRECTIVE_ARGUMENT,
      at,
      `@elapsed(kind:) must be "session_end" or "impression_end", not ${JSON.stringify(kind)}.`,
    );
    return;
  }
  const onSessionOrEvent = site.target === 'session-plugin-field' || site.target === 'event-field';
  if (kind === 'impression_end' && onSessionOrEvent) {
    ctx.error(
      FdlCode.DIRECTIVE_TARGET_TYPE,
      at,
      `@elapsed(kind: "impression_end") only applies to feature outputs; use "session_end" here.`,
    );
    return;
  }
  const { type } = site;
  const isOutput = site.target !== 'event-field';
  if (isOutput && type && !(type.kind === 'scalar' && type.name === 'Int' && !type.nullable)) {
    ctx.error(
      FdlCode.DIRECTIVE_TARGET_TYPE,
      at,
      `@elapsed needs the type Int! (milliseconds); '${site.name}' is not Int!.`,
    );
    return;
  }
  effects.elapsed = kind;
}

function applyOutputReference(
  ctx: CompileContext,
  site: DirectiveSite,
  ref: {
    name: 'is_default' | 'variant_id' | 'variant_name';
    out: string;
    at: { path: string; pos: DirectiveNode['pos'] };
  },
  effects: DirectiveEffects,
): void {
  const { name, out, at } = ref;
  const { type } = site;
  const wanted = name === 'is_default' ? 'Boolean' : 'String';
  if (type && !(type.kind === 'scalar' && type.name === wanted && type.nullable)) {
    ctx.error(
      FdlCode.DIRECTIVE_TARGET_TYPE,
      at,
      `@${name} must be applied to a nullable ${wanted}; '${site.name}' is not one.`,
    );
    return;
  }
  if (!site.earlierOutputs?.has(out)) {
    ctx.error(
      FdlCode.OUTPUT_REFERENCE_UNKNOWN,
      at,
      `@${name}(out: "${out}"): there is no output named '${out}' declared before '${site.name}' in this feature.`,
    );
    return;
  }
  if (name === 'is_default') effects.isDefault = out;
  else if (name === 'variant_id') effects.variantId = out;
  else effects.variantName = out;
}
