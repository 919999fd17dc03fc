/**
 * The syntax tree of one FDL file, as the parser builds it. Positions are 1-based line/column of
 * the first character of the node (for declarations with a description: of the description).
 */
export interface Pos {
  readonly line: number;
  readonly column: number;
}

export interface Located {
  readonly pos: Pos;
}

export interface Name extends Located {
  readonly text: string;
}

/** `Int`, `Foo!`, `[String!]!` as written. */
export type TypeRef =
  | { readonly kind: 'named'; readonly pos: Pos; readonly name: string; readonly nonNull: boolean }
  | { readonly kind: 'list'; readonly pos: Pos; readonly of: TypeRef; readonly nonNull: boolean };

export type ValueNode =
  | { readonly kind: 'int'; readonly pos: Pos; readonly text: string }
  | { readonly kind: 'float'; readonly pos: Pos; readonly text: string }
  | { readonly kind: 'string'; readonly pos: Pos; readonly value: string; readonly block: boolean }
  | { readonly kind: 'boolean'; readonly pos: Pos; readonly value: boolean }
  | { readonly kind: 'null'; readonly pos: Pos }
  | { readonly kind: 'enum'; readonly pos: Pos; readonly name: string }
  | { readonly kind: 'list'; readonly pos: Pos; readonly items: readonly ValueNode[] }
  | {
      readonly kind: 'object';
      readonly pos: Pos;
      readonly fields: readonly { readonly name: Name; readonly value: ValueNode }[];
    }
  | { readonly kind: 'variable'; readonly pos: Pos; readonly name: string };

export interface DirectiveArgNode extends Located {
  readonly name: Name;
  readonly value: ValueNode;
}

export interface DirectiveNode extends Located {
  /** Position of the `@`. */
  readonly name: Name;
  /** `undefined` when written without parentheses. */
  readonly args: readonly DirectiveArgNode[] | undefined;
}

export interface FieldNode extends Located {
  readonly description: string | undefined;
  readonly name: Name;
  readonly type: TypeRef;
  readonly defaultValue: ValueNode | undefined;
  readonly directives: readonly DirectiveNode[];
}

export interface ImportNode extends Located {
  readonly name: Name;
}

export interface PluginNode extends Located {
  readonly description: string | undefined;
  /** `java` or `js` when written as `plugin java "X"` / `plugin js "x"`; `undefined` for `plugin {}`. */
  readonly language: 'java' | 'js' | undefined;
  readonly pluginName: { readonly value: string; readonly pos: Pos } | undefined;
  readonly fields: readonly FieldNode[];
}

export interface EventNode extends Located {
  readonly kind: 'event';
  readonly description: string | undefined;
  readonly offline: boolean;
  readonly name: Name;
  readonly directives: readonly DirectiveNode[];
  /** Items in textual order. */
  readonly items: readonly (
    | { readonly kind: 'import'; readonly node: ImportNode }
    | { readonly kind: 'field'; readonly node: FieldNode }
    | { readonly kind: 'plugin'; readonly node: PluginNode }
  )[];
}

export type FeatureItem =
  | { readonly kind: 'import'; readonly node: ImportNode }
  | { readonly kind: 'args'; readonly pos: Pos; readonly fields: readonly FieldNode[] }
  | { readonly kind: 'output'; readonly pos: Pos; readonly fields: readonly FieldNode[] }
  | { readonly kind: 'plugin'; readonly node: PluginNode }
  | { readonly kind: 'event'; readonly node: EventNode };

/** A `feature Name { … }` or the `session { … }` block (same body syntax). */
export interface FeatureNode extends Located {
  readonly kind: 'feature' | 'session';
  readonly description: string | undefined;
  readonly abstract: boolean;
  /** For the session: the `session` keyword, with text `session`. */
  readonly name: Name;
  readonly directives: readonly DirectiveNode[];
  readonly items: readonly FeatureItem[];
}

export interface ObjectTypeNode extends Located {
  readonly kind: 'type';
  readonly description: string | undefined;
  readonly name: Name;
  readonly directives: readonly DirectiveNode[];
  /** `undefined` for `type X` without a body. */
  readonly fields: readonly FieldNode[] | undefined;
}

export interface EnumValueNode extends Located {
  readonly description: string | undefined;
  readonly name: Name;
  readonly directives: readonly DirectiveNode[];
}

export interface EnumNode extends Located {
  readonly kind: 'enum';
  readonly description: string | undefined;
  readonly name: Name;
  readonly directives: readonly DirectiveNode[];
  /** `undefined` for `enum X` without a body (rejected by the checker). */
  readonly values: readonly EnumValueNode[] | undefined;
}

export type DeclarationNode = ObjectTypeNode | EnumNode | FeatureNode | EventNode;

export interface DocumentNode {
  readonly path: string;
  readonly namespace: { readonly value: string; readonly pos: Pos } | undefined;
  readonly declarations: readonly DeclarationNode[];
}
