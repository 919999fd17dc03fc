/** `POST features` in both dialects (protocol.md §4, §16). */
import { describe, expect, it } from 'vitest';

import { at, EXT, post, setup, str, T0 } from './helpers.js';

const ARGS = { deviceId: 'device-3', visitId: 'v1' };

describe('map dialect (TypeScript)', () => {
  it('answers a cache fill with every output, a server id, per-feature _variants and the session', async () => {
    const { app } = setup();
    const r = await post(
      app,
      '/iserver/features',
      { version: 2, fetchOptions: [], args: ARGS, requests: { RatingBox: { sku: 'A' } } },
      { 'User-Agent': 'Mozilla/5.0 (test)', 'X-Causal-deviceId': 'device-3' },
    );
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.json).toEqual({
      session: {
        deviceId: 'device-3',
        visitId: 'v1',
        userId: null,
        channel: 'direct',
        locale: 'en-US',
        sessionId: 'srv-1',
        startTime: T0,
        userAgent: 'Mozilla/5.0 (test)',
        environment: 'development',
        country: 'GB',
        lastFlushTime: T0,
      },
      RatingBox: {
        impressionIds: [],
        impressions: [],
        firstTime: T0,
        impressionCount: 0,
        sku: 'A',
        price: null,
        callToAction: 'Rate it!',
        actionButton: 'Submit review',
        buttonStyle: 'PRIMARY',
        maxStars: 5,
        _impressionId: 'srv-2',
        _variants: [
          {
            id: 'rating-cta',
            name: 'Rating call to action',
            variant: { id: 'short', name: 'Short prompt' },
          },
        ],
      },
      _variants: [],
      registered: false,
    });
  });

  it('counts a real impression, exposes the session and keeps the request order of keys', async () => {
    const { app } = setup();
    const r = await post(app, '/iserver/features', {
      args: ARGS,
      impressionId: 'imp-1',
      requests: { NewCheckout: {}, RatingBox: { sku: 'A' }, Nope: {}, SiteBanner: {} },
    });
    expect(Object.keys(r.json as object)).toEqual([
      'session',
      'NewCheckout',
      'RatingBox',
      'Nope',
      'SiteBanner',
      '_variants',
      'registered',
    ]);
    expect(r.json).toMatchObject({
      NewCheckout: 'OFF', // gate on, but the session is not in the `engaged` audience
      Nope: 'UNKNOWN',
      RatingBox: {
        _impressionId: 'imp-1',
        impressionIds: ['imp-1'],
        impressions: [{ impressionId: 'imp-1', impressionTime: T0 }],
        impressionCount: 1,
      },
      SiteBanner: {
        message: 'Free shipping over $50',
        discountIsDefault: true,
        _impressionId: 'imp-1',
      },
      _variants: [{ id: 'rating-cta', variant: { id: 'short' } }],
    });
    expect(at(r.json, 'RatingBox', '_variants')).toBeUndefined();
  });

  it('answers a per-feature error with control values, no _impressionId and an errors entry', async () => {
    const { app } = setup();
    const r = await post(app, '/iserver/features', {
      args: ARGS,
      impressionId: 'imp-1',
      requests: { RatingBox: {}, Recommendations: 'sku-1', SiteBanner: {} },
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      RatingBox: { callToAction: 'Rate this product!', actionButton: 'Submit review', maxStars: 5 },
      Recommendations: { title: 'You may also like', count: 4, skus: [] },
      errors: {
        RatingBox: expect.stringContaining("'sku'") as unknown,
        Recommendations: expect.stringContaining('must be an object') as unknown,
      },
    });
    expect(at(r.json, 'RatingBox', '_impressionId')).toBeUndefined();
    expect(Object.keys(r.json as object).slice(-2)).toEqual(['errors', 'registered']);
  });

  it('adds _flags for fetchOptions ["flags"]: gates, this answer and QA overrides', async () => {
    const { app } = setup();
    const r = await post(app, '/iserver/features', {
      fetchOptions: ['flags'],
      args: { deviceId: 'qa-device-1', visitId: 'v1' },
      impressionId: 'imp-1',
      requests: { RatingBox: { sku: 'A' }, NewCheckout: {} },
    });
    expect(r.json).toMatchObject({
      RatingBox: { callToAction: 'QA: rating prompt' },
      NewCheckout: 'OFF',
      _flags: { RatingBox: true, Recommendations: true, NewCheckout: false, SiteBanner: true },
      registered: true,
    });
  });

  it('memoizes: a second request returns the same outputs and appends the impression', async () => {
    const { app } = setup();
    await post(app, '/iserver/features', {
      args: ARGS,
      impressionId: 'i1',
      requests: { RatingBox: { sku: 'A' } },
    });
    const r = await post(app, '/iserver/features', {
      args: ARGS,
      impressionId: 'i2',
      requests: { RatingBox: { sku: 'A', price: null } },
    });
    expect(r.json).toMatchObject({
      RatingBox: { impressionIds: ['i1', 'i2'], impressionCount: 2, _impressionId: 'i2' },
    });
  });

  it('takes userAgent, entryUrl and clientType from args and records @mutable changes', async () => {
    const { app } = setup();
    const args = {
      ...ARGS,
      userAgent: 'SSR agent',
      clientType: 'typescript',
      entryUrl: '/landing?utm=x',
    };
    await post(app, '/iserver/features', { args, requests: {} }, { 'User-Agent': 'node' });
    const r = await post(app, '/iserver/features', {
      args: { ...args, userId: 'u-42' },
      requests: {},
    });
    expect(r.json).toMatchObject({
      session: { userAgent: 'SSR agent', entryUrl: '/landing?utm=x', userId: 'u-42' },
    });
    expect(at(r.json, 'session', 'clientType')).toBeUndefined();
  });

  it('opens a new session when a @session_key changes and writes the old one out', async () => {
    const { app, sink } = setup();
    const first = await post(app, '/iserver/features', { args: ARGS, requests: {} });
    const second = await post(app, '/iserver/features', {
      args: { ...ARGS, visitId: 'v2' },
      requests: {},
    });
    expect(str(second.json, 'session', 'sessionId')).not.toBe(
      str(first.json, 'session', 'sessionId'),
    );
    expect(sink.sessions.map((s) => [s.sessionId, s.reason])).toEqual([['srv-1', 'replaced']]);
  });

  it('fills missing session keys from X-Causal-* headers (any case); the body wins', async () => {
    const { app } = setup();
    const r = await post(
      app,
      '/iserver/features',
      { args: { visitId: 'v1' }, requests: {} },
      { 'x-causal-DEVICEID': 'dev-h', 'X-Causal-visitId': 'other' },
    );
    expect(r.json).toMatchObject({ session: { deviceId: 'dev-h', visitId: 'v1' } });
  });

  it('collapses // in paths and ignores the Content-Type', async () => {
    const { app } = setup();
    const r = await post(
      app,
      '/iserver//features',
      { args: ARGS, requests: {} },
      { 'Content-Type': 'application/x-www-form-urlencoded' },
    );
    expect(r.status).toBe(200);
  });

  it('answers an @external output assigned an external name with _external_<out>', async () => {
    const { app } = setup({ files: EXT });
    const r = await post(app, '/iserver/features', {
      args: { deviceId: 'd1' },
      impressionId: 'imp-j1',
      requests: { Ext: { inputValue: 3 } },
    });
    expect(r.json).toMatchObject({
      session: { environment: 'test' },
      Ext: { inputValue: 3, label: 'plain', _external_extOut: 'Big', _impressionId: 'imp-j1' },
    });
    expect(Object.keys(at(r.json, 'Ext') as object)).not.toContain('extOut');
  });
});

describe('list dialect (Java, Ruby, Swift)', () => {
  it('writes session, impressions, errors first and answers positionally', async () => {
    const { app } = setup();
    const r = await post(
      app,
      '/iserver/features',
      {
        args: ARGS,
        impressionId: 'imp-j1',
        reqs: [
          { name: 'RatingBox', args: { sku: 'A' } },
          { name: 'NewCheckout', args: {} },
          { name: 'Nope', args: {} },
          { name: 'RatingBox', args: {} },
        ],
      },
      { 'Content-Type': 'application/json; charset=UTF-8', 'User-Agent': 'Causal java client' },
    );
    expect(r.text).toMatch(/^\{"session":\{[^}]*\},"impressions":\[.*\],"errors":\[/);
    expect(Object.keys(r.json as object)).toEqual([
      'session',
      'impressions',
      'errors',
      '_variants',
      'registered',
    ]);
    expect(r.json).toMatchObject({
      impressions: [
        { _impressionId: 'imp-j1', impressionIds: ['imp-j1'], callToAction: 'Rate it!' },
        'OFF',
        {},
        { callToAction: 'Rate this product!' },
      ],
      errors: [null, null, "unknown feature 'Nope'", expect.stringContaining("'sku'") as unknown],
    });
    expect(at(r.json, 'impressions', 2)).toEqual({});
  });

  it('answers an empty reqs list (Swift opens a session that way) and Ruby flags', async () => {
    const { app } = setup();
    const r = await post(app, '/iserver/features', {
      fetchOptions: ['flags'],
      args: { deviceId: 'swift-1', visitId: 'v' },
      reqs: [],
    });
    expect(r.status).toBe(200);
    expect(r.text.startsWith('{"session":')).toBe(true);
    expect(r.json).toMatchObject({ impressions: [], errors: [], _flags: { RatingBox: true } });
  });
});
