/**
 * Reading the text of an environment configuration file (config.md §1) into a plain JSON-like
 * document, before any validation against the FDL. Which syntax applies is the caller's decision
 * (`configFormatFor` maps a file name to it), so core never looks at the file system.
 */
import type { ConfigIssue } from '../errors.js';
import { parseJsonText } from './parse-json-text.js';
import { parseYamlText } from './parse-yaml-text.js';

/** The syntax of a configuration file. */
export type ConfigFormat = 'yaml' | 'json';

/** The result of `parseConfigDocument`. */
export interface ParsedConfigDocument {
  /**
   * The document as plain data (objects, arrays, strings, numbers, booleans, null). Absent when
   * the text is not well-formed; present alongside duplicate-key issues (a later key wins) so
   * that validation can still report everything else.
   */
  readonly document?: unknown;
  /** Syntax problems (path `''`, `line L, column C: …`) and duplicate keys (at their paths). */
  readonly issues: ConfigIssue[];
}

/**
 * The format of a configuration file by its name: `.json` (any case) is JSON, anything else
 * (`.yaml`, `.yml`, no extension) is YAML.
 *
 * @example configFormatFor('prod.config.json') // 'json'
 */
export function configFormatFor(fileName: string): ConfigFormat {
  return fileName.toLowerCase().endsWith('.json') ? 'json' : 'yaml';
}

/**
 * Parses configuration text. YAML is read as YAML 1.2 with the core schema (timestamps and
 * `on`/`off` stay strings); JSON strictly per RFC 8259. In both, duplicate keys are issues. A
 * leading byte-order mark is ignored.
 *
 * @example
 * const { document, issues } = parseConfigDocument('version: 1\n', 'yaml');
 * // document: { version: 1 }, issues: []
 */
export function parseConfigDocument(text: string, format: ConfigFormat): ParsedConfigDocument {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const { value, issues } = format === 'json' ? parseJsonText(source) : parseYamlText(source);
  return value === undefined && issues.length > 0 ? { issues } : { document: value, issues };
}
