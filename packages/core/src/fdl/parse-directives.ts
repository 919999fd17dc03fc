/** Parsing of directive lists: `@name`, `@name(arg: value …)` (spec fdl.md §3 `directives`). */
import type { DirectiveArgNode, DirectiveNode } from './ast.js';
import { parseValue } from './parse-values.js';
import type { TokenStream } from './token-stream.js';

/** Shared by the many nodes without directives, which large schemas have by the thousand. */
const NONE: readonly DirectiveNode[] = Object.freeze([]);

/** Parses zero or more directives. */
export function parseDirectives(ts: TokenStream): readonly DirectiveNode[] {
  if (!ts.at('@')) return NONE;
  const directives: DirectiveNode[] = [];
  while (ts.at('@')) {
    const at = ts.advance();
    const name = ts.expectName("a directive name after '@'");
    const args = ts.at('(') ? parseArguments(ts, name.text) : undefined;
    directives.push({ pos: ts.pos(at), name, args });
  }
  return directives;
}

function parseArguments(ts: TokenStream, directive: string): DirectiveArgNode[] {
  const open = ts.advance();
  const args: DirectiveArgNode[] = [];
  if (ts.at(')')) {
    // The grammar requires at least one argument; `@d()` is a syntax error (spec §3).
    ts.error(
      open,
      `Empty argument list after '@${directive}': remove the '()' or give arguments, ` +
        'e.g. @deprecated(reason: "…").',
    );
    ts.advance();
    return args;
  }
  while (!ts.eat(')')) {
    if (!ts.isWord()) {
      ts.fail(
        ts.index,
        `Expected an argument name or ')' to close the arguments of '@${directive}' (opened at ` +
          `line ${ts.pos(open).line}), found ${ts.describe()}.`,
      );
    }
    const name = ts.expectName('an argument name');
    ts.expect(':', `':' after argument name '${name.text}' of '@${directive}'`);
    args.push({ pos: name.pos, name, value: parseValue(ts, 'after argument', name.text) });
  }
  return args;
}
