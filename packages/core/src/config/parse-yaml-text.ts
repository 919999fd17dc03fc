/**
 * YAML configuration files, read with the maintained `yaml` package under the YAML 1.2 core
 * schema: `on`/`off`/`yes`/`no` stay strings and timestamps stay strings (we parse them ourselves,
 * see `parseTimestamp`), so a value means the same whatever YAML version the author had in mind.
 * Tags outside the core schema (`!!timestamp`, `!!binary`, custom `!tags`) are refused, not
 * silently resolved, and so are duplicate keys and keys that are not scalars.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { ConfigIssue } from '../errors.js';
import { indexPath, keyPath } from './config-path.js';

/** Aliases may reuse blocks, but not expand into a "billion laughs" document. */
const MAX_ALIAS_COUNT = 100;

/**
 * Parses `text` as one YAML document. Syntax errors and refused tags yield issues (path `''`,
 * the line and column in the message) and no value; duplicate and non-scalar keys yield issues at
 * their paths and the value is still returned (a later duplicate wins) so validation can go on.
 */
export function parseYamlText(text: string): { value?: unknown; issues: ConfigIssue[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    version: '1.2',
    schema: 'core',
    resolveKnownTags: false,
    merge: false,
    uniqueKeys: false,
    prettyErrors: false,
    strict: true,
    lineCounter: lines,
    // The library would otherwise print some warnings itself; core never writes to the console.
    logLevel: 'error',
  });
  const at = (offset: number): string => {
    const { line, col } = lines.linePos(offset);
    return `line ${line}, column ${col}`;
  };
  const issues: ConfigIssue[] = [...doc.errors, ...doc.warnings].map((e) => ({
    path: '',
    message: `${at(e.pos[0])}: ${e.code === 'MULTIPLE_DOCS' ? 'a configuration file holds a single YAML document' : e.message}`,
  }));
  if (issues.length > 0) return { issues };
  checkKeys(doc.contents, '', issues, at);
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown, issues };
  } catch (error) {
    // toJS throws only for alias abuse (a resource-exhaustion guard).
    const message = error instanceof Error ? error.message : String(error);
    return { issues: [...issues, { path: '', message }] };
  }
}

/** Reports non-scalar and duplicate keys, walking the node tree (aliases are checked where defined). */
function checkKeys(
  node: unknown,
  path: string,
  issues: ConfigIssue[],
  at: (offset: number) => string,
): void {
  if (isSeq(node)) {
    node.items.forEach((item, i) => {
      checkKeys(item, indexPath(path, i), issues, at);
    });
    return;
  }
  if (!isMap(node)) return;
  const seen = new Map<string, number>();
  for (const pair of node.items) {
    const key: unknown = pair.key;
    const offset = isScalar(key) ? (key.range?.[0] ?? 0) : 0;
    if (!isScalar(key)) {
      issues.push({
        path,
        message: 'a key must be a plain value (a string), not a list or mapping',
      });
      continue;
    }
    // As the library converts keys: null → '', anything else → its string form.
    const v = key.value;
    const name =
      typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
    const childPath = keyPath(path, name);
    const first = seen.get(name);
    if (first === undefined) seen.set(name, offset);
    else
      issues.push({
        path: childPath,
        message: `duplicate key "${name}" at ${at(offset)} (first at ${at(first)})`,
      });
    checkKeys(pair.value, childPath, issues, at);
  }
}
