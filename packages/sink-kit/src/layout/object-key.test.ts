import { describe, expect, it } from 'vitest';

import { checkSegment, objectKey, rejectedKey } from './object-key.js';
import { partitionOf, partitionPath } from './partition.js';

describe('partitionOf', () => {
  it('puts the last millisecond of a day in that day and midnight in the next', () => {
    expect(partitionOf(Date.parse('2026-03-06T23:59:59.999Z'))).toEqual({
      ds: '2026-03-06',
      hh: '23',
    });
    expect(partitionOf(Date.parse('2026-03-07T00:00:00.000Z'))).toEqual({
      ds: '2026-03-07',
      hh: '00',
    });
    expect(partitionOf(Date.parse('2026-03-07T00:59:59.999Z'))).toEqual({
      ds: '2026-03-07',
      hh: '00',
    });
    expect(partitionOf(Date.parse('2026-03-07T01:00:00.000Z'))).toEqual({
      ds: '2026-03-07',
      hh: '01',
    });
  });

  it('uses UTC whatever the local time zone, across years and leap days', () => {
    expect(partitionOf(Date.parse('2025-12-31T23:30:00-01:00'))).toEqual({
      ds: '2026-01-01',
      hh: '00',
    });
    expect(partitionOf(Date.parse('2028-02-29T12:00:00Z'))).toEqual({ ds: '2028-02-29', hh: '12' });
    expect(partitionOf(0)).toEqual({ ds: '1970-01-01', hh: '00' });
    expect(partitionOf(-1)).toEqual({ ds: '1969-12-31', hh: '23' });
  });

  it('refuses what is not an instant', () => {
    expect(() => partitionOf(Number.NaN)).toThrow(RangeError);
    expect(() => partitionOf(Infinity)).toThrow('not a valid instant: Infinity');
  });

  it('renders Hive partition paths', () => {
    expect(partitionPath({ ds: '2026-03-06', hh: '09' })).toBe('ds=2026-03-06/hh=09');
  });
});

describe('object names', () => {
  const parts = {
    environment: 'prod',
    table: 'rating_box',
    partition: { ds: '2026-03-06', hh: '23' },
    instanceId: 'web-1.abc',
    sequence: 42,
  };

  it('follow <environment>/tables/<table>/ds=…/hh=…/<instanceId>-<sequence>.parquet', () => {
    expect(objectKey(parts)).toBe(
      'prod/tables/rating_box/ds=2026-03-06/hh=23/web-1.abc-000000042.parquet',
    );
    // Deterministic: the same batch gets the same name, so a retried upload overwrites itself.
    expect(objectKey({ ...parts })).toBe(objectKey(parts));
    expect(objectKey({ ...parts, sequence: 43 })).not.toBe(objectKey(parts));
  });

  it('put rejected rows outside tables/', () => {
    expect(rejectedKey(parts)).toBe(
      'prod/rejected/rating_box/ds=2026-03-06/hh=23/web-1.abc-000000042.ndjson',
    );
  });

  it('accept only single, visible path segments for environment and instance', () => {
    expect(checkSegment('environment', 'prod-eu_1.b')).toBe('prod-eu_1.b');
    for (const bad of ['', '.hidden', '_x', 'a/b', '..', 'a b', 'é']) {
      expect(() => checkSegment('environment', bad)).toThrow(/environment '.*' must be/);
    }
  });
});
