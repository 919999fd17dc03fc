/**
 * Durations in the configuration file (`session.idleTimeout`): `90s`, `30m`, `2h`, `1h30m`,
 * `500ms`. The grammar is deliberately small, so that a value reads the same to every operator:
 *
 *     duration = [ int "h" ] [ int "m" ] [ int "s" ] [ int "ms" ]   (at least one part)
 *     int      = one or more decimal digits
 *
 * Units appear at most once, largest first, with no spaces, signs, fractions or other units
 * (no days: write `24h`). A bare number is refused because its unit would be a guess.
 */

const PART = /(\d+)(ms|h|m|s)/y;
const UNIT_MS: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 };
const UNIT_ORDER = ['h', 'm', 's', 'ms'];

/** What the accepted form looks like, for issue messages. */
export const DURATION_FORMAT = 'a duration such as 90s, 30m, 2h, 1h30m or 500ms';

/**
 * The duration in milliseconds, or `undefined` when `text` does not follow the grammar above.
 * Zero (`0s`) parses; callers that need a positive duration check for it.
 *
 * @example parseDuration('1h30m') // 5400000
 */
export function parseDuration(text: string): number | undefined {
  let total = 0;
  let lastUnit = -1;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const m = PART.exec(text);
    if (m === null) return undefined;
    const unit = UNIT_ORDER.indexOf(m[2] ?? '');
    if (unit <= lastUnit) return undefined;
    lastUnit = unit;
    total += Number(m[1]) * (UNIT_MS[m[2] ?? ''] ?? 0);
  }
  return lastUnit >= 0 && Number.isSafeInteger(total) ? total : undefined;
}
