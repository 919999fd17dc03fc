/**
 * Malformed and unanswerable requests (protocol.md §16.5, §16.6): each gets its exact 4xx status
 * and a JSON error body naming the problem — never a 500.
 */
import { describe, expect, it } from 'vitest';

import { EXT, post, setup } from './helpers.js';

const ID = { deviceId: 'dev-1', visitId: 'v1' };
const EXT_ID = { deviceId: 'd1' };
const EVENT = {
  id: ID,
  feature: 'RatingBox',
  event: 'Rating',
  impressionId: 'imp-1',
  args: { stars: 4 },
};

interface Case {
  readonly name: string;
  readonly path: 'features' | 'signal' | 'external';
  readonly body: unknown;
  readonly status: 400 | 404 | 410 | 413;
  readonly code: string;
  readonly headers?: Record<string, string>;
  /** Use the ext fixture (externals, abstract and offline events) instead of the shop. */
  readonly ext?: boolean;
}

const big = 'x'.repeat(1024 * 1024 + 1);
const many = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`F${i}`, {}]));

const CASES: Case[] = [
  // Bodies that are not a JSON object
  {
    name: 'features: not JSON',
    path: 'features',
    body: 'not json',
    status: 400,
    code: 'BODY_INVALID',
  },
  { name: 'features: empty body', path: 'features', body: '', status: 400, code: 'BODY_INVALID' },
  {
    name: 'features: truncated JSON',
    path: 'features',
    body: '{"args":',
    status: 400,
    code: 'BODY_INVALID',
  },
  { name: 'features: JSON array', path: 'features', body: [], status: 400, code: 'BODY_INVALID' },
  {
    name: 'features: JSON string',
    path: 'features',
    body: '"text"',
    status: 400,
    code: 'BODY_INVALID',
  },
  {
    name: 'features: JSON null',
    path: 'features',
    body: 'null',
    status: 400,
    code: 'BODY_INVALID',
  },
  {
    name: 'features: JSON number',
    path: 'features',
    body: '42',
    status: 400,
    code: 'BODY_INVALID',
  },
  {
    name: 'features: not UTF-8',
    path: 'features',
    body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
    status: 400,
    code: 'BODY_INVALID',
  },
  {
    name: 'features: over 1 MiB',
    path: 'features',
    body: { args: ID, requests: {}, pad: big },
    status: 413,
    code: 'BODY_TOO_LARGE',
  },
  // /features fields
  {
    name: 'features: no requests or reqs',
    path: 'features',
    body: { args: ID },
    status: 400,
    code: 'REQUEST_INVALID',
  },
  {
    name: 'features: both dialects',
    path: 'features',
    body: { args: ID, requests: {}, reqs: [] },
    status: 400,
    code: 'REQUEST_INVALID',
  },
  {
    name: 'features: requests is a list',
    path: 'features',
    body: { args: ID, requests: ['RatingBox'] },
    status: 400,
    code: 'REQUEST_INVALID',
  },
  {
    name: 'features: requests is a string',
    path: 'features',
    body: { args: ID, requests: 'RatingBox' },
    status: 400,
    code: 'REQUEST_INVALID',
  },
  {
    name: 'features: reqs is an object',
    path: 'features',
    body: { args: ID, reqs: { RatingBox: {} } },
    status: 400,
    code: 'REQUEST_INVALID',
  },
  {
    name: 'features: reqs element not an object',
    path: 'features',
    body: { args: ID, reqs: ['RatingBox'] },
    status: 400,
    code: 'REQUEST_INVALID',
  },
  {
    name: 'features: reqs element without name',
    path: 'features',
    body: { args: ID, reqs: [{ args: {} }] },
    status: 400,
    code: 'REQUEST_INVALID',
  },
  {
    name: 'features: reqs name is a number',
    path: 'features',
    body: { args: ID, reqs: [{ name: 7 }] },
    status: 400,
    code: 'REQUEST_INVALID',
  },
  {
    name: 'features: args is a list',
    path: 'features',
    body: { args: [ID], requests: {} },
    status: 400,
    code: 'REQUEST_INVALID',
  },
  {
    name: 'features: args is a string',
    path: 'features',
    body: { args: 'dev-1', requests: {} },
    status: 400,
    code: 'REQUEST_INVALID',
  },
  {
    name: 'features: impressionId is a number',
    path: 'features',
    body: { args: ID, impressionId: 5, requests: {} },
    status: 400,
    code: 'REQUEST_INVALID',
  },
  {
    name: 'features: impressionId is empty',
    path: 'features',
    body: { args: ID, impressionId: '', requests: {} },
    status: 400,
    code: 'REQUEST_INVALID',
  },
  {
    name: 'features: fetchOptions is a string',
    path: 'features',
    body: { args: ID, fetchOptions: 'flags', requests: {} },
    status: 400,
    code: 'REQUEST_INVALID',
  },
  {
    name: 'features: a response key as feature name',
    path: 'features',
    body: { args: ID, requests: { session: {} } },
    status: 400,
    code: 'REQUEST_INVALID',
  },
  {
    name: 'features: more than 200 features',
    path: 'features',
    body: { args: ID, requests: many },
    status: 400,
    code: 'TOO_MANY_FEATURES',
  },
  {
    name: 'features: no persistent key',
    path: 'features',
    body: { args: { visitId: 'v1' }, requests: {} },
    status: 400,
    code: 'SESSION_KEYS_INVALID',
  },
  {
    name: 'features: persistent key is a number',
    path: 'features',
    body: { args: { deviceId: 17 }, requests: {} },
    status: 400,
    code: 'SESSION_KEYS_INVALID',
  },
  {
    name: 'features: key header "null" only',
    path: 'features',
    body: { requests: {} },
    headers: { 'X-Causal-deviceId': 'null' },
    status: 400,
    code: 'SESSION_KEYS_INVALID',
  },
  {
    name: 'features: session arg of the wrong type',
    path: 'features',
    body: { args: { deviceId: 'new-1', channel: 5 }, requests: {} },
    status: 400,
    code: 'ARGS_INVALID',
  },
  // /signal: bodies and ids
  { name: 'signal: not JSON', path: 'signal', body: '{id:1}', status: 400, code: 'BODY_INVALID' },
  { name: 'signal: JSON array', path: 'signal', body: [ID], status: 400, code: 'BODY_INVALID' },
  {
    name: 'signal: over 1 MiB',
    path: 'signal',
    body: { id: ID, pad: big },
    status: 413,
    code: 'BODY_TOO_LARGE',
  },
  {
    name: 'signal: id is a string',
    path: 'signal',
    body: { ...EVENT, id: 'dev-1' },
    status: 400,
    code: 'REQUEST_INVALID',
  },
  {
    name: 'signal: id is a list',
    path: 'signal',
    body: { ...EVENT, id: ['dev-1'] },
    status: 400,
    code: 'REQUEST_INVALID',
  },
  {
    name: 'signal: key of the wrong type',
    path: 'signal',
    body: { ...EVENT, id: { deviceId: 1 } },
    status: 400,
    code: 'REQUEST_INVALID',
  },
  {
    name: 'signal: keep-alive without keys',
    path: 'signal',
    body: { id: {} },
    status: 400,
    code: 'SESSION_KEYS_INVALID',
  },
  {
    name: 'signal: empty object',
    path: 'signal',
    body: {},
    status: 400,
    code: 'SESSION_KEYS_INVALID',
  },
  {
    name: 'signal: keep-alive, unknown session',
    path: 'signal',
    body: { id: { deviceId: 'gone' } },
    status: 410,
    code: 'SESSION_UNKNOWN',
  },
  {
    name: 'signal: event, unknown session',
    path: 'signal',
    body: { ...EVENT, id: { deviceId: 'gone' } },
    status: 410,
    code: 'SESSION_UNKNOWN',
  },
  {
    name: 'signal: options not an object',
    path: 'signal',
    body: { ...EVENT, options: true },
    status: 400,
    code: 'REQUEST_INVALID',
  },
  {
    name: 'signal: feature without event',
    path: 'signal',
    body: { id: ID, feature: 'RatingBox', impressionId: 'imp-1' },
    status: 400,
    code: 'REQUEST_INVALID',
  },
  // feature and session events
  {
    name: 'signal: feature event without impressionId',
    path: 'signal',
    body: { ...EVENT, impressionId: undefined },
    status: 400,
    code: 'REQUEST_INVALID',
  },
  {
    name: 'signal: event name is a number',
    path: 'signal',
    body: { ...EVENT, event: 3 },
    status: 400,
    code: 'REQUEST_INVALID',
  },
  {
    name: 'signal: event args is a list',
    path: 'signal',
    body: { ...EVENT, args: [4] },
    status: 400,
    code: 'REQUEST_INVALID',
  },
  {
    name: 'signal: unknown feature',
    path: 'signal',
    body: { ...EVENT, feature: 'Nope' },
    status: 404,
    code: 'FEATURE_UNKNOWN',
  },
  {
    name: 'signal: unknown feature event',
    path: 'signal',
    body: { ...EVENT, event: 'Nope' },
    status: 404,
    code: 'EVENT_UNKNOWN',
  },
  {
    name: 'signal: unknown impression',
    path: 'signal',
    body: { ...EVENT, impressionId: 'imp-x' },
    status: 404,
    code: 'IMPRESSION_UNKNOWN',
  },
  {
    name: 'signal: missing required event field',
    path: 'signal',
    body: { ...EVENT, args: {} },
    status: 400,
    code: 'ARGS_INVALID',
  },
  {
    name: 'signal: event field of the wrong type',
    path: 'signal',
    body: { ...EVENT, args: { stars: 'five' } },
    status: 400,
    code: 'ARGS_INVALID',
  },
  {
    name: 'signal: unknown session event',
    path: 'signal',
    body: { id: ID, event: 'Nope' },
    status: 404,
    code: 'EVENT_UNKNOWN',
  },
  {
    name: 'signal: session event missing a field',
    path: 'signal',
    body: { id: ID, event: 'AddToCart', args: {} },
    status: 400,
    code: 'ARGS_INVALID',
  },
  // beacons and mutations
  {
    name: 'signal: impressions is a list',
    path: 'signal',
    body: { id: ID, impressions: ['imp-1'] },
    status: 400,
    code: 'REQUEST_INVALID',
  },
  {
    name: 'signal: beacon entry not an object',
    path: 'signal',
    body: { id: ID, impressions: { RatingBox: 'imp-1' } },
    status: 400,
    code: 'REQUEST_INVALID',
  },
  {
    name: 'signal: beacon without newImpression',
    path: 'signal',
    body: { id: ID, impressions: { RatingBox: { impression: 'imp-1' } } },
    status: 400,
    code: 'ARGS_INVALID',
  },
  {
    name: 'signal: beacon for an unknown impression',
    path: 'signal',
    body: { id: ID, impressions: { RatingBox: { impression: 'imp-x', newImpression: 'imp-2' } } },
    status: 404,
    code: 'IMPRESSION_UNKNOWN',
  },
  {
    name: 'signal: mutate without value',
    path: 'signal',
    body: { id: ID, mutate: 'userId' },
    status: 400,
    code: 'REQUEST_INVALID',
  },
  {
    name: 'signal: mutate a field that is not @mutable',
    path: 'signal',
    body: { id: ID, mutate: 'channel', value: 'web' },
    status: 400,
    code: 'ARGS_INVALID',
  },
  {
    name: 'signal: mutate an unknown field',
    path: 'signal',
    body: { id: ID, mutate: 'nope', value: 1 },
    status: 404,
    code: 'FEATURE_UNKNOWN',
  },
  {
    name: 'signal: mutate with the wrong type',
    path: 'signal',
    body: { id: ID, mutate: 'userId', value: 5 },
    status: 400,
    code: 'ARGS_INVALID',
  },
  // abstract and offline events
  {
    name: 'signal: unknown abstract event',
    path: 'signal',
    body: { id: ID, abstractEvent: 'Nope', impressionId: 'imp-1' },
    status: 404,
    code: 'EVENT_UNKNOWN',
  },
  {
    name: 'signal: abstract event no shown feature imports',
    path: 'signal',
    body: { id: ID, abstractEvent: 'ProductClick', impressionId: 'imp-1', args: { sku: 's' } },
    status: 404,
    code: 'IMPRESSION_UNKNOWN',
  },
  {
    name: 'signal: unknown offline event',
    path: 'signal',
    body: { offlineEvent: 'Purchase', args: {} },
    status: 404,
    code: 'EVENT_UNKNOWN',
  },
  {
    name: 'signal: offline event missing a field',
    path: 'signal',
    body: { offlineEvent: 'Purchase', args: { userId: 'u' } },
    status: 400,
    code: 'ARGS_INVALID',
    ext: true,
  },
  {
    name: 'signal: offline event name is a number',
    path: 'signal',
    body: { offlineEvent: 1 },
    status: 400,
    code: 'REQUEST_INVALID',
    ext: true,
  },
  // /external
  {
    name: 'external: no output value',
    path: 'external',
    body: { id: EXT_ID, feature: 'Ext', impressionId: 'imp-1' },
    status: 400,
    code: 'REQUEST_INVALID',
    ext: true,
  },
  {
    name: 'external: without impressionId',
    path: 'external',
    body: { id: EXT_ID, feature: 'Ext', extOut: 'v' },
    status: 400,
    code: 'REQUEST_INVALID',
    ext: true,
  },
  {
    name: 'external: unknown feature',
    path: 'external',
    body: { id: EXT_ID, feature: 'Nope', impressionId: 'imp-1', extOut: 'v' },
    status: 404,
    code: 'FEATURE_UNKNOWN',
    ext: true,
  },
  {
    name: 'external: output is not @external',
    path: 'external',
    body: { id: EXT_ID, feature: 'Ext', impressionId: 'imp-1', label: 'v' },
    status: 404,
    code: 'FEATURE_UNKNOWN',
    ext: true,
  },
  {
    name: 'external: unknown impression',
    path: 'external',
    body: { id: EXT_ID, feature: 'Ext', impressionId: 'imp-x', extOut: 'v' },
    status: 404,
    code: 'IMPRESSION_UNKNOWN',
    ext: true,
  },
  {
    name: 'external: value of the wrong type',
    path: 'external',
    body: { id: EXT_ID, feature: 'Ext', impressionId: 'imp-1', extOut: 5 },
    status: 400,
    code: 'ARGS_INVALID',
    ext: true,
  },
  {
    name: 'external: unknown session',
    path: 'external',
    body: { id: { deviceId: 'gone' }, feature: 'Ext', impressionId: 'imp-1', extOut: 'v' },
    status: 410,
    code: 'SESSION_UNKNOWN',
    ext: true,
  },
];

describe('malformed requests', () => {
  it('has at least 40 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES)('$name → $status $code', async (c) => {
    const { app } = c.ext ? setup({ files: EXT }) : setup();
    // An open session with one impression, so only the case's own defect is wrong.
    const opened = c.ext
      ? await post(app, '/iserver/features', {
          args: EXT_ID,
          impressionId: 'imp-1',
          requests: { Ext: { inputValue: 1 } },
        })
      : await post(app, '/iserver/features', {
          args: ID,
          impressionId: 'imp-1',
          requests: { RatingBox: { sku: 'A' } },
        });
    expect(opened.status).toBe(200);
    const r = await post(app, `/iserver/${c.path}`, c.body, c.headers);
    expect(r.status).toBe(c.status);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.json).toEqual({ error: { code: c.code, message: expect.any(String) as unknown } });
  });
});
