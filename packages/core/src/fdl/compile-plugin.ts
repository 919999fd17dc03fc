import type { PluginNode } from './ast.js';
import type { CompileContext } from './compile-context.js';
import { locationOf } from './compile-context.js';
import { compileField } from './compile-field.js';
import { FdlCode } from './diagnostic.js';
import type { DirectiveTarget } from './directive-rules.js';
import type { NameScope } from './name-scope.js';
import type { FieldDef, PluginDef } from './schema-model.js';

const JAVA_CLASS_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;
/** JavaScript plugins may also use npm-style names (`geo-plugin`, `@acme/geo`). */
const JS_PLUGIN_NAME = /^(?:@[A-Za-z0-9_.-]+\/)?[A-Za-z_][A-Za-z0-9_.-]*$/;

export interface PluginSite {
  readonly serves: PluginDef['serves'];
  readonly scope: NameScope;
  readonly target: Extract<
    DirectiveTarget,
    'plugin-field' | 'session-plugin-field' | 'event-plugin-field'
  >;
  readonly needsControlValue: boolean;
  /** Outputs declared before the plugin (feature plugins may describe them with @is_default & co). */
  readonly earlierOutputs: Set<string> | undefined;
}

/** Compiles a plugin block: its name and its fields (outputs of the plugin). */
export function compilePlugin(
  ctx: CompileContext,
  path: string,
  node: PluginNode,
  site: PluginSite,
): PluginDef {
  const written = node.pluginName;
  if (written) {
    const valid =
      node.language === 'js'
        ? JS_PLUGIN_NAME.test(written.value)
        : JAVA_CLASS_NAME.test(written.value);
    if (!valid) {
      ctx.error(
        FdlCode.PLUGIN_BAD_NAME,
        { path, pos: written.pos },
        `Plugin name ${JSON.stringify(written.value)} is not valid: use letters, digits, '_' and '.', starting with a letter or '_'.`,
      );
    }
  }
  const fields: FieldDef[] = [];
  for (const fieldNode of node.fields) {
    const field = compileField(
      ctx,
      {
        path,
        role: 'plugin',
        target: site.target,
        container: undefined,
        scope: site.scope,
        what: 'plugin field',
        earlierOutputs: site.earlierOutputs,
        needsControlValue: site.needsControlValue,
      },
      fieldNode,
    );
    if (!field) continue;
    fields.push(field.def);
    site.earlierOutputs?.add(field.def.name);
  }
  return {
    language: node.language ?? 'generic',
    name: written?.value,
    serves: site.serves,
    fields,
    description: node.description,
    location: locationOf({ path, pos: node.pos }),
  };
}
