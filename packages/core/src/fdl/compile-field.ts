import type { FieldNode } from './ast.js';
import type { DirectiveEffects } from './apply-directives.js';
import { applyDirectives } from './apply-directives.js';
import { checkLiteral } from './check-literal.js';
import type { CompileContext } from './compile-context.js';
import { locationOf } from './compile-context.js';
import { FdlCode } from './diagnostic.js';
import type { DirectiveTarget, EventContainer } from './directive-rules.js';
import type { NameScope } from './name-scope.js';
import { renderType } from './render-type.js';
import { resolveType } from './resolve-type.js';
import type { FdlType, FieldDef, FieldFlags, FieldRole, JsonValue } from './schema-model.js';
import { snakeCase } from './snake-case.js';

export interface FieldSite {
  readonly path: string;
  readonly role: FieldRole;
  readonly target: DirectiveTarget;
  readonly container?: EventContainer | undefined;
  /** Scope to declare the name in; `undefined` when the caller already did. */
  readonly scope: NameScope | undefined;
  /** How messages name this kind of field: 'arg', 'output', 'plugin field', … */
  readonly what: string;
  readonly earlierOutputs?: ReadonlySet<string>;
  /** Non-null fields need a control value (outputs and feature/session plugin fields). */
  readonly needsControlValue: boolean;
  /** Top-level/offline event fields cannot default enums or objects (spec §6). */
  readonly plainDefaultsOnly?: boolean;
}

export interface CompiledField {
  readonly def: FieldDef;
  readonly effects: DirectiveEffects;
}

const NO_FLAGS: FieldFlags = Object.freeze({});

/** The field's share of the directive effects (the rest describe declarations, not fields). */
function fieldFlags(effects: DirectiveEffects): FieldFlags {
  const { noGate: _noGate, offByDefault: _off, persistentKeyAt: _keyAt, ...flags } = effects;
  return flags;
}

function baseKind(type: FdlType): FdlType['kind'] {
  return type.kind === 'list' ? baseKind(type.of) : type.kind;
}

/**
 * Compiles one field in the reference order: resolve the type, reserve the name, check the
 * default, apply directives left to right, then require a control value where one is needed.
 */
export function compileField(
  ctx: CompileContext,
  site: FieldSite,
  node: FieldNode,
): CompiledField | undefined {
  const { path } = site;
  const name = node.name.text;
  const type = resolveType(ctx, path, node.type);
  if (site.scope) ctx.declare(site.scope, name, site.what, { path, pos: node.pos });
  let value: JsonValue | undefined;
  if (node.defaultValue && type) {
    const base = baseKind(type);
    if (
      site.plainDefaultsOnly &&
      node.defaultValue.kind !== 'null' &&
      (base === 'enum' || base === 'object')
    ) {
      ctx.error(
        FdlCode.DEFAULT_UNSUPPORTED,
        { path, pos: node.defaultValue.pos },
        `Fields of top-level and offline events cannot have ${base} defaults; remove the default of '${name}' or give it where the event is used.`,
      );
    } else {
      value = checkLiteral(ctx, path, node.defaultValue, type);
    }
  }
  const effects = applyDirectives(
    ctx,
    {
      path,
      target: site.target,
      container: site.container,
      type,
      name,
      earlierOutputs: site.earlierOutputs,
    },
    node.directives,
  );
  if (!type) return undefined;
  // An @elapsed output needs no control value, even when the directive itself was rejected.
  const elapsed = node.directives.some((d) => d.name.text === 'elapsed');
  if (site.needsControlValue && !type.nullable && !node.defaultValue && !elapsed) {
    ctx.error(
      FdlCode.OUTPUT_NEEDS_CONTROL_VALUE,
      { path, pos: node.pos },
      `Non-null ${site.what} '${name}' needs a control value: write '${name}: ${renderType(type)} = <value>' or make it nullable.`,
    );
  }
  const controlValue: JsonValue = value ?? (effects.elapsed ? -1 : null);
  const flags: FieldFlags = node.directives.length === 0 ? NO_FLAGS : fieldFlags(effects);
  const def: FieldDef = {
    name,
    column: snakeCase(name),
    role: site.role,
    type,
    typeText: renderType(type),
    default: value,
    controlValue,
    description: node.description,
    flags,
    importedFrom: undefined,
    location: locationOf({ path, pos: node.pos }),
  };
  return { def, effects };
}
