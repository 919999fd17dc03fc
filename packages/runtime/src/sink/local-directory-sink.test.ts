import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { ClosedSession } from '@iserver/core';
import { describe, expect, it } from 'vitest';

import { createLocalDirectorySink, partitionOf } from './local-directory-sink.js';

const CLOSED_AT = Date.UTC(2026, 10, 25, 23, 59, 30);

function closed(id: string, closedAt = CLOSED_AT): ClosedSession {
  return {
    sessionId: id,
    persistentKey: 'd1',
    closedAt,
    reason: 'idle',
    session: { device_id: 'd1', session_id: id },
    features: [{ table: 'rating_box', feature: 'RatingBox', row: { session_id: id, sku: 'A' } }],
  };
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe('createLocalDirectorySink', () => {
  it('partitions by the UTC date and hour', () => {
    expect(partitionOf(CLOSED_AT)).toEqual({ ds: '2026-11-25', hh: '23' });
  });

  it('writes one JSON Lines file per table and partition on flush, named <instance>-<seq>', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iserver-sink-'));
    const sink = createLocalDirectorySink({
      dir,
      environment: 'prod',
      instanceId: 'i1',
      flushIntervalMs: 0,
    });
    await sink.write(closed('s1'));
    await sink.write(closed('s2'));
    await sink.write(closed('s3', CLOSED_AT + 60_000)); // the next day
    await sink.writeOffline({
      table: 'purchase',
      event: 'Purchase',
      eventTime: CLOSED_AT,
      row: { event_id: 'e1', amount: 2 },
    });
    expect(await listFiles(dir)).toEqual([]);
    await sink.flush();
    expect(await listFiles(dir)).toEqual([
      'prod/tables/purchase/ds=2026-11-25/hh=23/i1-000005.jsonl',
      'prod/tables/rating_box/ds=2026-11-25/hh=23/i1-000002.jsonl',
      'prod/tables/rating_box/ds=2026-11-26/hh=00/i1-000004.jsonl',
      'prod/tables/session/ds=2026-11-25/hh=23/i1-000001.jsonl',
      'prod/tables/session/ds=2026-11-26/hh=00/i1-000003.jsonl',
    ]);
    const text = await readFile(
      join(dir, 'prod/tables/session/ds=2026-11-25/hh=23/i1-000001.jsonl'),
      'utf8',
    );
    expect(text).toBe(
      '{"device_id":"d1","session_id":"s1"}\n{"device_id":"d1","session_id":"s2"}\n',
    );
    // The next flush starts new files; nothing is rewritten.
    await sink.write(closed('s4'));
    await sink.close();
    expect(await listFiles(dir)).toContain(
      'prod/tables/session/ds=2026-11-25/hh=23/i1-000006.jsonl',
    );
    expect(() => sink.write(closed('s5'))).toThrow('closed');
  });

  it('keeps rows whose write failed for the next flush', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iserver-sink-'));
    const sink = createLocalDirectorySink({
      dir: join(dir, 'file.txt', 'under-a-file'),
      flushIntervalMs: 0,
    });
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'file.txt'), 'x');
    await sink.write(closed('s1'));
    await expect(sink.flush()).rejects.toThrow();
    await expect(sink.flush()).rejects.toThrow(); // still buffered, still failing
  });
});
