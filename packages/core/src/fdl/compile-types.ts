import type { EnumNode, ObjectTypeNode } from './ast.js';
import { applyDirectives } from './apply-directives.js';
import type { CompileContext } from './compile-context.js';
import { locationOf } from './compile-context.js';
import { compileField } from './compile-field.js';
import { FdlCode } from './diagnostic.js';
import { NameScope } from './name-scope.js';
import type { FieldDef } from './schema-model.js';

/** Registers an enum (spec §4.5). An enum without values is rejected but still registered. */
export function compileEnum(ctx: CompileContext, path: string, node: EnumNode): void {
  const name = node.name.text;
  ctx.declare(ctx.global, name, 'enum', { path, pos: node.pos });
  const header = applyDirectives(ctx, { path, target: 'enum', name }, node.directives);
  if (!node.values) {
    ctx.error(
      FdlCode.ENUM_EMPTY,
      { path, pos: node.pos },
      `Enum '${name}' needs at least one value: write 'enum ${name} { A B }'.`,
    );
  }
  const scope = new NameScope();
  const values: string[] = [];
  for (const value of node.values ?? []) {
    const at = { path, pos: value.pos };
    applyDirectives(ctx, { path, target: 'enum-value', name: value.name.text }, value.directives);
    if (ctx.declare(scope, value.name.text, `value of enum ${name}`, at))
      values.push(value.name.text);
  }
  if (!ctx.enums.has(name)) {
    ctx.enums.set(name, {
      name,
      values,
      description: node.description,
      deprecated: header.deprecated,
      location: locationOf({ path, pos: node.pos }),
    });
  }
}

/** Registers an object type; its fields may only use types declared before it (spec §1 step 3). */
export function compileObjectType(ctx: CompileContext, path: string, node: ObjectTypeNode): void {
  const name = node.name.text;
  const at = { path, pos: node.pos };
  if (ctx.declare(ctx.global, name, 'type', at)) {
    const clash = ctx.global.reserve(`${name}_in`, `the generated input class of type ${name}`);
    if (clash) ctx.reportClash(name, clash, at);
  }
  const header = applyDirectives(ctx, { path, target: 'type', name }, node.directives);
  const scope = new NameScope();
  const fields: FieldDef[] = [];
  for (const fieldNode of node.fields ?? []) {
    const field = compileField(
      ctx,
      {
        path,
        role: 'object',
        target: 'object-field',
        scope,
        what: `field of type ${name}`,
        needsControlValue: false,
      },
      fieldNode,
    );
    if (field) fields.push(field.def);
  }
  if (!ctx.types.has(name)) {
    ctx.types.set(name, {
      name,
      fields,
      description: node.description,
      deprecated: header.deprecated,
      location: locationOf(at),
    });
  }
}
