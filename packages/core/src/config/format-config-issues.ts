/**
 * How configuration issues read in logs and error messages: one per line, `path: message`.
 */
import type { ConfigIssue } from '../errors.js';

/**
 * One line per issue, `path: message`; an issue about the whole document (a syntax error, path
 * `''`) is just its message, which starts with the line and column.
 *
 * @example formatConfigIssues([{ path: 'version', message: 'is required' }]) // 'version: is required'
 */
export function formatConfigIssues(issues: readonly ConfigIssue[]): string {
  return issues.map((i) => (i.path === '' ? i.message : `${i.path}: ${i.message}`)).join('\n');
}
