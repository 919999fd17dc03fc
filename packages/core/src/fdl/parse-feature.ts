/** Parsing of feature and session bodies, events, plugins and imports (spec fdl.md §3). */
import type { EventNode, FeatureItem, FeatureNode, ImportNode, PluginNode } from './ast.js';
import type { Description } from './parse-block.js';
import { parseBlock, parseDescription, rejectDescription } from './parse-block.js';
import { parseDirectives } from './parse-directives.js';
import { isFieldStart, parseField, parseFieldList } from './parse-field.js';
import type { TokenStream } from './token-stream.js';

const FEATURE_ITEMS: ReadonlySet<string> = new Set([
  'args',
  'output',
  'plugin',
  'import',
  'event',
  'offline',
]);
const EVENT_ENDS: ReadonlySet<string> = new Set(['args', 'output', 'event', 'offline']);

/** The keyword starting the next item (after an optional description), if it is one of `words`. */
function atItemKeyword(ts: TokenStream, words: ReadonlySet<string>): boolean {
  const i = ts.isString() ? ts.index + 1 : ts.index;
  // `event: String` is a (badly named) field, not an event.
  return ts.kindAt(i) === 'keyword' && words.has(ts.text(i)) && ts.kindAt(i + 1) !== ':';
}

const atFeatureItem = (ts: TokenStream): boolean => atItemKeyword(ts, FEATURE_ITEMS);
const atEventEnd = (ts: TokenStream): boolean => atItemKeyword(ts, EVENT_ENDS);

/**
 * Parses `[abstract] feature Name … { … }` or `[abstract] session … { … }`; the current token is
 * `feature` or `session`. `abstractIndex` is the index of the `abstract` keyword, if any.
 */
export function parseFeature(
  ts: TokenStream,
  description: Description,
  abstractIndex: number | undefined,
): FeatureNode {
  const keyword = ts.advance();
  const session = ts.text(keyword) === 'session';
  const name = session
    ? { text: 'session', pos: ts.pos(keyword) }
    : ts.expectName("a feature name after 'feature'");
  const directives = parseDirectives(ts);
  const label = session ? 'the session' : `feature '${name.text}'`;
  const { items } = parseBlock(ts, {
    label,
    contents: 'args, output, event, plugin and import items',
    isItemStart: atFeatureItem,
    endsAt: () => false,
    parseItem: (s) => parseFeatureItem(s, label),
  });
  return {
    kind: session ? 'session' : 'feature',
    pos: description?.pos ?? ts.pos(abstractIndex ?? keyword),
    description: description?.value,
    abstract: abstractIndex !== undefined,
    name,
    directives,
    items,
  };
}

function parseFeatureItem(ts: TokenStream, label: string): FeatureItem {
  const description = parseDescription(ts);
  const i = ts.index;
  if (ts.kind === 'keyword') {
    const word = ts.text(i);
    switch (word) {
      case 'args':
      case 'output': {
        rejectDescription(ts, description, word);
        ts.advance();
        const fields = parseFieldList(ts, `the '${word}' block of ${label}`, atFeatureItem);
        return { kind: word === 'args' ? 'args' : 'output', pos: ts.pos(i), fields };
      }
      case 'import':
        rejectDescription(ts, description, 'import');
        return { kind: 'import', node: parseImport(ts) };
      case 'plugin':
        return { kind: 'plugin', node: parsePlugin(ts, description) };
      case 'event':
      case 'offline':
        // `offline event` parses here too; the checker reports that it is not top level.
        return { kind: 'event', node: parseEvent(ts, description) };
    }
  }
  if (isFieldStart(ts)) {
    return ts.fail(
      i,
      `Field '${ts.text(i)}' must be declared inside an 'args' or 'output' block of ${label}.`,
    );
  }
  const after = description ? ' after the description' : '';
  return ts.fail(
    i,
    `Expected args, output, event, plugin or import${after} in ${label}, found ${ts.describe()}.`,
  );
}

/** Parses `import Name`; the current token is `import`. */
function parseImport(ts: TokenStream): ImportNode {
  const keyword = ts.advance();
  const name = ts.expectName("the name of a feature or event after 'import'");
  return { pos: ts.pos(keyword), name };
}

/** Parses `plugin [java "Name" | js "name"] { field* }`; the current token is `plugin`. */
function parsePlugin(ts: TokenStream, description: Description): PluginNode {
  const keyword = ts.advance();
  let language: PluginNode['language'];
  let pluginName: PluginNode['pluginName'];
  const word = ts.isWord() ? ts.text() : '';
  if ((ts.kind === 'keyword' && word === 'java') || (ts.kind === 'name' && word === 'js')) {
    ts.advance();
    language = word === 'java' ? 'java' : 'js';
    if (!ts.isString()) {
      ts.fail(
        ts.index,
        `Expected the plugin name as a string after '${word}' (e.g. plugin ${word} ` +
          `"GeoPlugin" { … }), found ${ts.describe()}.`,
      );
    }
    const name = ts.advance();
    pluginName = { value: ts.value(name), pos: ts.pos(name) };
  } else if (!ts.at('{')) {
    ts.fail(
      ts.index,
      `Expected '{', java "Name" or js "name" after 'plugin', found ${ts.describe()}.`,
    );
  }
  const fields = parseFieldList(ts, 'the plugin block', atFeatureItem);
  return {
    pos: description?.pos ?? ts.pos(keyword),
    description: description?.value,
    language,
    pluginName,
    fields,
  };
}

function atEventItem(ts: TokenStream): boolean {
  return ts.isKeyword('import') || ts.isKeyword('plugin') || isFieldStart(ts);
}

function parseEventItem(ts: TokenStream, label: string): EventNode['items'][number] {
  const description = parseDescription(ts);
  if (ts.kind === 'keyword' && ts.peekKind(1) !== ':') {
    if (ts.isKeyword('import')) {
      rejectDescription(ts, description, 'import');
      return { kind: 'import', node: parseImport(ts) };
    }
    if (ts.isKeyword('plugin')) return { kind: 'plugin', node: parsePlugin(ts, description) };
  }
  if (ts.isWord()) return { kind: 'field', node: parseField(ts, description, undefined) };
  return ts.fail(
    ts.index,
    `Expected a field, import or plugin in ${label}, found ${ts.describe()}.`,
  );
}

/**
 * Parses `[offline] event Name … { … }`; the current token is `offline` or `event`. Inside a
 * feature, `offline event` is parsed the same way and left to the checker to reject.
 */
export function parseEvent(ts: TokenStream, description: Description): EventNode {
  const first = ts.advance();
  const offline = ts.text(first) === 'offline';
  if (offline) {
    if (!ts.isKeyword('event')) {
      ts.fail(ts.index, `Expected 'event' after 'offline', found ${ts.describe()}.`);
    }
    ts.advance();
  }
  const name = ts.expectName("an event name after 'event'");
  const directives = parseDirectives(ts);
  const label = `event '${name.text}'`;
  const { items } = parseBlock(ts, {
    label,
    contents: 'fields, imports and a plugin',
    isItemStart: atEventItem,
    endsAt: atEventEnd,
    parseItem: (s) => parseEventItem(s, label),
  });
  return {
    kind: 'event',
    pos: description?.pos ?? ts.pos(first),
    description: description?.value,
    offline,
    name,
    directives,
    items,
  };
}
