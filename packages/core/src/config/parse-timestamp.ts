/**
 * Instants in the configuration file (`launchedAt`, rollout `from`/`to`). YAML is read with the
 * 1.2 core schema, where timestamps are plain strings, so the format is ours to pin down: an
 * ISO-8601 / RFC 3339 date-time with an explicit zone. A local time without a zone would mean
 * different instants on different servers, so it is refused rather than guessed.
 */

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** What the accepted form looks like, for issue messages. */
export const TIMESTAMP_FORMAT = 'an ISO-8601 date-time with a zone, e.g. 2026-11-01T12:00:00Z';

/**
 * Epoch milliseconds of `YYYY-MM-DDTHH:MM[:SS[.fraction]]` followed by `Z` or `±HH:MM`, or
 * `undefined` when the text is not such a date-time or names a day or time that does not exist
 * (`2026-02-30`, `24:00`, leap seconds). Digits beyond milliseconds are dropped.
 *
 * @example parseTimestamp('2026-11-01T12:00:00+01:00') // 1793530800000
 */
export function parseTimestamp(text: string): number | undefined {
  const m = DATE_TIME.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = Number(m[6] ?? '0');
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (m[8] === undefined) {
    const [offsetHours, offsetMins] = [Number(m[10]), Number(m[11])];
    if (offsetHours > 23 || offsetMins > 59) return undefined;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  return utc - offsetMinutes * 60_000;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
