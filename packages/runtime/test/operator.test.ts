/** nsessions, session?id=, CORS, prefixes and routing (protocol.md §8, §9, §16.10). */
import { describe, expect, it } from 'vitest';

import { post, setup } from './helpers.js';

const ARGS = { deviceId: 'dev-1', visitId: 'v1' };

describe('operator routes', () => {
  it('counts open sessions as plain text, 0 on a fresh server', async () => {
    const { app } = setup();
    const fresh = await app.request('/iserver/nsessions');
    expect([fresh.status, await fresh.text()]).toEqual([200, '0']);
    expect(fresh.headers.get('content-type')).toMatch(/^text\/plain/);
    await post(app, '/iserver/features', { args: ARGS, requests: {} });
    expect(await (await app.request('/iserver/nsessions')).text()).toBe('1');
  });

  it('answers OPTIONS nsessions (the Docker health check) with 204 and CORS headers', async () => {
    const { app } = setup();
    const res = await app.request('/iserver/nsessions', { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('returns the open session for a persistent key, 404 without one', async () => {
    const { app } = setup();
    expect((await app.request('/iserver/session?id=dev-1')).status).toBe(404);
    await post(app, '/iserver/features', { args: ARGS, requests: {} });
    const res = await app.request('/iserver/session?id=dev-1');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      deviceId: 'dev-1',
      visitId: 'v1',
      sessionId: 'srv-1',
    });
    expect((await app.request('/iserver/session')).status).toBe(400);
  });

  it('requires the admin token for session?id= when one is configured', async () => {
    const { app } = setup({ token: 's3cret' });
    await post(app, '/iserver/features', { args: ARGS, requests: {} });
    const none = await app.request('/iserver/session?id=dev-1');
    const wrong = await app.request('/iserver/session?id=dev-1', {
      headers: { Authorization: 'Bearer nope' },
    });
    const right = await app.request('/iserver/session?id=dev-1', {
      headers: { Authorization: 'Bearer s3cret' },
    });
    expect([none.status, wrong.status, right.status]).toEqual([401, 401, 200]);
    expect(await none.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
  });
});

describe('CORS', () => {
  it('answers a preflight on any path, echoing the requested headers and the origin', async () => {
    const { app } = setup();
    const res = await app.request('/iserver/features', {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:8842',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'x-causal-deviceid, x-causal-visitid',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:8842');
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-allow-headers')).toBe(
      'x-causal-deviceid, x-causal-visitid',
    );
    const other = await app.request('/elsewhere', { method: 'OPTIONS' });
    expect(other.status).toBe(204);
    expect(other.headers.get('access-control-allow-headers')).toBe(
      'Content-Type, Authorization, X-Causal-deviceId, X-Causal-visitId',
    );
  });

  it('puts Access-Control-Allow-Origin on answers and on errors', async () => {
    const { app } = setup();
    const ok = await post(
      app,
      '/iserver/features',
      { args: ARGS, requests: {} },
      { Origin: 'https://shop.example' },
    );
    const bad = await post(app, '/iserver/signal', 'nope', { Origin: 'https://shop.example' });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('access-control-allow-origin')).toBe('https://shop.example');
  });
});

describe('routing', () => {
  it('serves under a configurable prefix, or at the root', async () => {
    const custom = setup({ prefix: '/causal/v1/' }).app;
    expect((await custom.request('/causal/v1/nsessions')).status).toBe(200);
    expect((await custom.request('/iserver/nsessions')).status).toBe(404);
    const root = setup({ prefix: '' }).app;
    expect(await (await root.request('/nsessions')).text()).toBe('0');
  });

  it('answers unknown paths with 404 and wrong methods with 405, as JSON', async () => {
    const { app } = setup();
    const missing = await app.request('/iserver/nothing');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const wrong = await app.request('/iserver/features');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    expect(await wrong.json()).toMatchObject({ error: { code: 'METHOD_NOT_ALLOWED' } });
  });
});
