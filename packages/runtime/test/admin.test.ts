/** The admin API (protocol.md §17), `sync` and `cmd` (§8), configuration reloads (config.md §6). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { QaOverlay } from '../src/index.js';
import { admin, at, AUTH, post, setup, setupAdmin, silentLogger } from './helpers.js';

const QA = 'qa-device-1';
const ARGS = { deviceId: QA, visitId: 'v1' };
const rating = async (app: ReturnType<typeof setupAdmin>['app'], args = ARGS) =>
  (await post(app, '/iserver/features', { args, requests: { RatingBox: { sku: 'A' } } })).json;

describe('admin guard', () => {
  it('is 404 without a configured token, 401 without the right one', async () => {
    const { app } = setup();
    expect((await admin(app, 'GET', '/iserver/admin/config')).status).toBe(404);
    expect((await admin(app, 'POST', '/iserver/sync')).status).toBe(404);
    const withToken = setupAdmin();
    const denied = await admin(withToken.app, 'GET', '/iserver/admin/config', undefined, {
      Authorization: 'Bearer nope',
    });
    expect(denied.status).toBe(401);
    expect(denied.json).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    expect((await admin(withToken.app, 'GET', '/iserver/admin/config', undefined, {})).status).toBe(
      401,
    );
  });
});

describe('admin/config and reloads', () => {
  it('shows the configuration in force', async () => {
    const { app, configPath, engine } = setupAdmin();
    const r = await admin(app, 'GET', '/iserver/admin/config');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      source: configPath,
      format: 'yaml',
      hash: engine.config.hash,
      document: { version: 1 },
      summary: { qaDevices: [QA] },
    });
    expect(typeof at(r.json, 'loadedAt')).toBe('string');
  });

  it('reloads a good file, rejects a bad one with every issue (422) and keeps the old', async () => {
    const logger = silentLogger();
    const { app, engine, edit } = setupAdmin({ logger });
    const before = engine.config.hash;
    expect((await admin(app, 'POST', '/iserver/admin/config/reload')).json).toMatchObject({
      ok: true,
      changed: false,
      hash: before,
    });
    edit((t) => t.replace('QA: rating prompt', 'QA: second prompt'));
    const ok = await admin(app, 'POST', '/iserver/sync');
    expect(ok.status).toBe(200);
    expect(at(ok.json, 'hash')).not.toBe(before);
    expect(engine.config.hash).toBe(at(ok.json, 'hash'));
    expect(logger.lines.find((l) => l.msg === 'configuration reloaded')?.obj).toMatchObject({
      hash: engine.config.hash,
    });
    const good = engine.config;
    edit((t) => `${t}\nbogus: 1\n`.replace('version: 1', 'version: 2'));
    const bad = await admin(app, 'POST', '/iserver/admin/config/reload');
    expect(bad.status).toBe(422);
    expect(bad.json).toMatchObject({
      error: { code: 'CONFIG_REJECTED' },
    });
    expect((at(bad.json, 'error', 'issues') as unknown[]).length).toBe(2);
    expect(engine.config).toBe(good);
    const logged = logger.lines.find((l) => l.msg?.startsWith('configuration rejected'));
    expect(at(logged?.obj, 'issues')).toHaveLength(2);
  });

  it('drops the device memo of features whose QA entry changed, keeps the rest', async () => {
    const { app, engine, edit, advance } = setupAdmin();
    expect(at(await rating(app), 'RatingBox', 'callToAction')).toBe('QA: rating prompt');
    const other = { deviceId: 'someone', visitId: 'v' };
    await rating(app, other);
    advance(5000);
    edit((t) => t.replace('QA: rating prompt', 'QA: new prompt'));
    await admin(app, 'POST', '/iserver/sync');
    expect(at(await rating(app), 'RatingBox', 'callToAction')).toBe('QA: new prompt');
    const session = engine.findSession({ deviceId: QA });
    expect(session?.lastFlushTime).toBe(session ? session.startTime + 5000 : 0);
    expect(session?.records.filter((r) => r.feature === 'RatingBox')).toHaveLength(2);
    expect(engine.findSession({ deviceId: 'someone' })?.lastFlushTime).toBe(
      engine.findSession({ deviceId: 'someone' })?.startTime,
    );
  });
});

describe('admin QA overlay', () => {
  it('registers a device with overrides, validates with paths, unregisters', async () => {
    const { app } = setupAdmin();
    const dev = { deviceId: 'dev-9', visitId: 'v' };
    expect(at(await rating(app, dev), 'registered')).not.toBe(true);
    const bad = await admin(app, 'PUT', '/iserver/admin/qa/devices/dev-9', {
      registered: 'yes',
      overrides: { RatingBox: { nope: 1 }, Ghost: {} },
      variants: { 'rating-cta': 'huge', unknown: 'x' },
    });
    expect(bad.status).toBe(400);
    const paths = (at(bad.json, 'error', 'issues') as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'registered',
        'overrides.RatingBox.nope',
        'overrides.Ghost',
        'variants.rating-cta',
        'variants.unknown',
      ]),
    );
    const put = await admin(app, 'PUT', '/iserver/admin/qa/devices/dev-9', {
      registered: true,
      overrides: { RatingBox: { callToAction: 'admin copy' } },
    });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({
      device: { registered: true, source: 'admin' },
      flush: 'cache',
    });
    const answer = await rating(app, dev);
    expect(at(answer, 'registered')).toBe(true);
    expect(at(answer, 'RatingBox', 'callToAction')).toBe('admin copy');
    const list = await admin(app, 'GET', '/iserver/admin/qa/devices');
    expect((at(list.json, 'devices') as { id: string }[]).map((d) => d.id)).toEqual(['dev-9', QA]);
    expect((await admin(app, 'DELETE', '/iserver/admin/qa/devices/dev-9')).status).toBe(200);
    expect((await admin(app, 'GET', '/iserver/admin/qa/devices/dev-9')).status).toBe(404);
  });

  it('sets and clears single overrides and forced variants over the file entry', async () => {
    const { app, engine } = setupAdmin();
    const set = await admin(app, 'PUT', `/iserver/admin/qa/devices/${QA}/overrides/SiteBanner`, {
      message: 'hello QA',
    });
    expect(set.json).toMatchObject({ flush: 'features', features: ['SiteBanner'] });
    expect(engine.qaDevice(QA)?.overrides).toMatchObject({
      RatingBox: { callToAction: 'QA: rating prompt' },
      SiteBanner: { message: 'hello QA' },
    });
    const variant = await admin(app, 'PUT', `/iserver/admin/qa/devices/${QA}/variants/rating-cta`, {
      variant: 'short',
    });
    expect(variant.json).toMatchObject({ features: ['RatingBox'] });
    expect(engine.qaDevice(QA)?.variants).toEqual({
      'banner-discount': 'ten-percent',
      'rating-cta': 'short',
    });
    await admin(app, 'DELETE', `/iserver/admin/qa/devices/${QA}/variants/banner-discount`);
    await admin(app, 'DELETE', `/iserver/admin/qa/devices/${QA}/overrides/RatingBox`);
    expect(engine.qaDevice(QA)).toMatchObject({
      registered: true,
      overrides: { SiteBanner: { message: 'hello QA' } },
      variants: { 'rating-cta': 'short' },
    });
    await admin(app, 'DELETE', `/iserver/admin/qa/devices/${QA}/overrides`);
    expect(engine.qaDevice(QA)?.overrides).toEqual({});
    const unregister = await admin(app, 'DELETE', `/iserver/admin/qa/devices/${QA}`);
    expect(unregister.json).toMatchObject({ device: { registered: false }, flush: 'cache' });
    await admin(app, 'DELETE', `/iserver/admin/qa/overlay/${QA}`);
    expect(engine.qaDevice(QA)).toEqual(engine.config.qa.get(QA));
  });

  it('persists the overlay atomically, reloads it, and keeps it across file reloads', async () => {
    const first = setupAdmin();
    const path = join(first.dir, 'qa-overlay.json');
    const { app, engine, edit } = setupAdmin({ overlayPath: path });
    await admin(app, 'PUT', '/iserver/admin/qa/devices/dev-7', { registered: true });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({
      version: 1,
      devices: { 'dev-7': { registered: true } },
    });
    edit((t) => t.replace('QA: rating prompt', 'QA: other'));
    await admin(app, 'POST', '/iserver/sync');
    expect(engine.qaDevice('dev-7')?.registered).toBe(true);
    const again = new QaOverlay(path);
    const loaded = await again.load((id, raw) => first.control.validateEntry(id, raw));
    expect(loaded).toEqual({ loaded: 1, rejected: [] });
    expect(again.get('dev-7')).toEqual({ registered: true });
  });
});

describe('admin sessions and flush', () => {
  it('shows one session with its assignments and records, then flushes everything', async () => {
    const { app, sink } = setupAdmin();
    await rating(app);
    const detail = await admin(app, 'GET', `/iserver/admin/sessions/${QA}`);
    expect(detail.json).toMatchObject({
      session: { deviceId: QA },
      records: [{ feature: 'RatingBox', memoized: true }],
    });
    expect((await admin(app, 'GET', '/iserver/admin/sessions/none')).status).toBe(404);
    const flush = await admin(app, 'POST', '/iserver/admin/flush');
    expect(flush.json).toEqual({ ok: true, closed: 1 });
    expect(sink.sessions).toHaveLength(1);
  });
});

describe('POST cmd', () => {
  it('is 404 unless --enable-cmd and the token are both given', async () => {
    expect(
      (await admin(setupAdmin().app, 'POST', '/iserver/cmd', { action: 'count' })).status,
    ).toBe(404);
    const open = setupAdmin({ enableCmd: true, token: undefined });
    expect((await admin(open.app, 'POST', '/iserver/cmd', { action: 'count' })).status).toBe(404);
    const guarded = setupAdmin({ enableCmd: true });
    expect((await admin(guarded.app, 'POST', '/iserver/cmd', { action: 'count' }, {})).status).toBe(
      401,
    );
  });

  it('runs flushToWarehouse, count, reload, flushCache; unknown actions are 400', async () => {
    const { app } = setupAdmin({ enableCmd: true });
    await rating(app);
    const cmd = (body: unknown) => admin(app, 'POST', '/iserver/cmd', body, AUTH);
    expect((await cmd({ action: 'count' })).json).toMatchObject({ sessions: 1, streams: 0 });
    expect((await cmd({ action: 'flushToWarehouse' })).json).toMatchObject({ closed: 1 });
    expect((await cmd({ action: 'reload' })).json).toMatchObject({ ok: true, changed: false });
    expect((await cmd({ action: 'flushCache', id: QA })).status).toBe(200);
    const unknown = await cmd({ action: 'explode' });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toMatchObject({ error: { code: 'COMMAND_UNKNOWN' } });
    expect((await cmd({ action: 'simulate' })).status).toBe(400);
    expect((await cmd({})).status).toBe(400);
  });
});
