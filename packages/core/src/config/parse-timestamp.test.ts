import { describe, expect, it } from 'vitest';
import { parseTimestamp } from './parse-timestamp.js';

describe('parseTimestamp', () => {
  it.each([
    ['2026-11-01T12:00:00Z', Date.UTC(2026, 10, 1, 12)],
    ['2026-11-01T12:00Z', Date.UTC(2026, 10, 1, 12)],
    ['2026-11-01t12:00:00z', Date.UTC(2026, 10, 1, 12)],
    ['2026-11-01T12:00:00+01:00', Date.UTC(2026, 10, 1, 11)],
    ['2026-11-01T12:00:00-05:30', Date.UTC(2026, 10, 1, 17, 30)],
    ['2026-11-01T12:00:00.5Z', Date.UTC(2026, 10, 1, 12, 0, 0, 500)],
    ['2026-11-01T12:00:00.123456789Z', Date.UTC(2026, 10, 1, 12, 0, 0, 123)],
    ['2028-02-29T00:00:00Z', Date.UTC(2028, 1, 29)],
  ])('reads %s', (text, expected) => {
    expect(parseTimestamp(text)).toBe(expected);
  });

  it.each([
    ['no zone', '2026-11-01T12:00:00'],
    ['a date only', '2026-11-01'],
    ['a space for T', '2026-11-01 12:00:00Z'],
    ['a day that does not exist', '2026-02-29T00:00:00Z'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['hour 24', '2026-11-01T24:00:00Z'],
    ['a leap second', '2026-12-31T23:59:60Z'],
    ['an offset without a colon', '2026-11-01T12:00:00+0100'],
    ['an offset of 24 hours', '2026-11-01T12:00:00+24:00'],
    ['epoch milliseconds', '1793530800000'],
  ])('refuses %s', (_why, text) => {
    expect(parseTimestamp(text)).toBeUndefined();
  });
});
