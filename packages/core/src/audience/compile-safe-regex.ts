/**
 * Compiles the pattern of a `matches` rule once, at load, or says why it cannot be used.
 */
import { findBacktrackingRisk } from './regex-safety.js';

/** Longest pattern accepted, in UTF-16 code units. */
export const MAX_PATTERN_LENGTH = 256;

export type SafeRegexResult =
  | { readonly ok: true; readonly regex: RegExp }
  /** `reason` reads after the quoted pattern: `does not compile: …` or `is refused: …`. */
  | { readonly ok: false; readonly reason: string };

/**
 * Compiles `pattern` with the `u` flag only (strict syntax, code-point semantics; no `g`/`y`, so
 * the `RegExp` keeps no state between calls and may be shared) after the length cap and the
 * backtracking check of `regex-safety.ts`. Matching is an unanchored search (`regex.test`):
 * write `^…$` to match the whole string.
 *
 * @example compileSafeRegex('^(uk|gb)$') // { ok: true, regex: /^(uk|gb)$/u }
 */
export function compileSafeRegex(pattern: string): SafeRegexResult {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return {
      ok: false,
      reason: `is refused: it is ${pattern.length} characters long, the limit is ${MAX_PATTERN_LENGTH}`,
    };
  }
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'u');
  } catch (error) {
    return {
      ok: false,
      reason: `does not compile: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const risk = findBacktrackingRisk(pattern);
  return risk === undefined ? { ok: true, regex } : { ok: false, reason: `is refused: ${risk}` };
}
