/**
 * The shared loop of every `{ … }` body of FDL (object types, enums, field lists, features,
 * events): item-level error recovery and the reporting of a missing `}`.
 */
import type { Pos } from './ast.js';
import type { TokenStream } from './token-stream.js';
import { ParseAbort } from './token-stream.js';

export type Description = { readonly value: string; readonly pos: Pos } | undefined;

export interface BlockSpec<T> {
  /** What the body belongs to, for messages: `"the 'args' block"`, `"feature 'Foo'"`. */
  readonly label: string;
  /** What the body may contain, for messages: `"fields, imports and a plugin"`. */
  readonly contents: string;
  /** Whether the current tokens begin an item (where recovery may resume). */
  readonly isItemStart: (ts: TokenStream) => boolean;
  /**
   * Whether the current tokens begin an item of an enclosing block (`output` inside an `args`
   * list): the `}` was forgotten, and the enclosing block carries on from here.
   */
  readonly endsAt: (ts: TokenStream) => boolean;
  readonly parseItem: (ts: TokenStream) => T;
}

export interface Block<T> {
  readonly items: T[];
  /** Position of the `{`. */
  readonly open: Pos;
  /** False when an error was reported in the block or its `}` is missing. */
  readonly clean: boolean;
}

/** Parses `{ item* }`, the `{` being the current token. */
export function parseBlock<T>(ts: TokenStream, spec: BlockSpec<T>): Block<T> {
  if (!ts.at('{')) {
    ts.fail(ts.index, `Expected '{' to open the body of ${spec.label}, found ${ts.describe()}.`);
  }
  const open = ts.pos(ts.advance());
  const base = ts.braceDepth;
  const items: T[] = [];
  let recovered = false;
  for (;;) {
    if (ts.kind === '}') {
      ts.advance();
      return { items, open, clean: !recovered };
    }
    const outerEnd = ts.kind === 'eof' || ts.atDeclarationStart(true);
    const start = ts.index;
    if (!outerEnd && spec.endsAt(ts) && ts.closesAll()) {
      // The braces balance, so the item is misplaced rather than following a forgotten `}`.
      const at = ts.isString() ? start + 1 : start;
      ts.error(
        at,
        `${ts.describe(at)} is not allowed in ${spec.label}, which contains only ${spec.contents}.`,
      );
      recovered = true;
      ts.recover(base, start, spec.isItemStart);
      continue;
    }
    if (outerEnd || spec.endsAt(ts)) {
      // After an error in this block the forgotten `}` is most likely part of that error.
      const quiet = outerEnd ? ts.unclosedReported : recovered;
      if (!quiet) {
        ts.error(
          ts.index,
          `Expected '}' to close ${spec.label} (opened at line ${open.line}), found ` +
            `${ts.describe()}.`,
        );
      }
      if (outerEnd) ts.unclosedReported = true;
      ts.braceDepth = base - 1;
      return { items, open, clean: false };
    }
    try {
      items.push(spec.parseItem(ts));
    } catch (e) {
      if (!(e instanceof ParseAbort)) throw e;
      recovered = true;
      ts.recover(base, start, spec.isItemStart);
    }
  }
}

/**
 * An optional description string. Only one may precede an item; extra ones are reported and
 * skipped so that the item itself still parses.
 */
export function parseDescription(ts: TokenStream): Description {
  if (!ts.isString()) return undefined;
  const i = ts.advance();
  while (ts.isString()) {
    ts.error(
      ts.index,
      'Only one description string may precede a declaration; merge the strings into one.',
    );
    ts.advance();
  }
  return { value: ts.value(i), pos: ts.pos(i) };
}

/** Reports a description written before something that cannot have one (`args`, `import` …). */
export function rejectDescription(ts: TokenStream, description: Description, before: string): void {
  if (description === undefined) return;
  ts.errorAt(
    description.pos,
    `A description string cannot precede '${before}'; remove it or use a '#' comment.`,
  );
}
