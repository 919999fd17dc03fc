/**
 * The admin API (protocol.md §17) under `admin/`, plus `POST sync` and `POST cmd` (§8). Every
 * route needs `Authorization: Bearer <token>`; without a configured token they do not exist (404).
 */
import type { ConfigIssue, QaDevice, Session } from '@iserver/core';
import type { Context, Hono, MiddlewareHandler } from 'hono';

import type { AppContext, AppEnv } from '../app/app-context.js';
import { errorBody } from '../app/error-handler.js';
import { HttpError, HttpErrorCode, invalid } from '../app/http-error.js';
import { readJsonObject } from '../app/read-json-body.js';
import type { ServerControl } from '../control/server-control.js';
import { requireToken } from './operator-routes.js';
import { sessionObject } from './wire-objects.js';

const notFound = (what: string) => new HttpError(404, HttpErrorCode.NOT_FOUND, what);

function withIssues(
  c: Context,
  status: 400 | 422,
  code: string,
  message: string,
  issues: readonly ConfigIssue[],
) {
  return c.json({ error: { code, message, issues } }, status);
}

/** 404 without a token (the routes are disabled), 401 without the right one. */
function checkAdmin(c: Context, ctx: AppContext): void {
  if (ctx.token === undefined)
    throw notFound(`no route ${c.req.method} ${c.req.path} (the admin API needs --token)`);
  requireToken(c, ctx.token);
}

function adminGuard(ctx: AppContext): MiddlewareHandler<AppEnv> {
  return async function guard(c, next) {
    checkAdmin(c, ctx);
    await next();
  };
}

function needControl(ctx: AppContext): ServerControl {
  if (!ctx.control) throw notFound('this server has no configuration control');
  return ctx.control;
}

function deviceJson(id: string, control: ServerControl) {
  const file = control.engine.config.qa.get(id);
  const admin = control.overlay.get(id);
  const device: QaDevice | undefined = control.engine.qaDevice(id);
  return {
    id,
    registered: device?.registered ?? false,
    overrides: device?.overrides ?? {},
    variants: device?.variants ?? {},
    source: file && admin ? 'file+admin' : admin ? 'admin' : 'file',
    admin: admin ?? null,
  };
}

function summary(control: ServerControl) {
  const { config, path, loadedAt, document, format } = control.state;
  return {
    source: path ?? null,
    format,
    hash: config.hash,
    loadedAt: new Date(loadedAt).toISOString(),
    environment: config.environment ?? null,
    sessionIdleTimeoutMs: config.sessionIdleTimeoutMs,
    summary: {
      features: [...config.features.values()].filter((f) => f.gate).length,
      gatedOff: [...config.features.values()].filter((f) => !f.gate).map((f) => f.name),
      audiences: [...config.audiences.keys()],
      experiments: config.experiments.map((e) => ({ id: e.id, state: e.state })),
      rollouts: config.rollouts.map((r) => r.id),
      qaDevices: [...config.qa.keys()],
      adminQaDevices: control.overlay.ids(),
    },
    document,
  };
}

function sessionDetail(ctx: AppContext, session: Session) {
  const { engine } = ctx;
  const assignments = Object.fromEntries(
    [...session.assignments].map(([id, a]) => {
      const variant =
        a.kind === 'variant'
          ? engine.config.experiments.find((e) => e.id === id)?.variants[a.index]
          : undefined;
      return [
        id,
        a.kind === 'variant' ? { kind: a.kind, variant: variant?.id ?? null } : { kind: a.kind },
      ];
    }),
  );
  const memoized = new Set(session.byArgs.values());
  return {
    session: sessionObject(session, engine.schema, ctx.environment),
    lastActivity: session.lastActivity,
    audiences: [...session.audiences],
    assignments,
    exposures: [...session.exposures.values()].map((v) => `${v.experimentId}:${v.variantId}`),
    records: session.records.map((r) => ({
      feature: r.feature,
      args: r.args,
      outputs: r.outputs,
      decisions: r.decisions,
      firstTime: r.firstTime,
      impressions: r.impressions,
      events: r.events.length,
      memoized: memoized.has(r),
    })),
    events: session.events.length,
  };
}

/** The effective device as a fresh admin entry, so one-field edits keep the file's other fields. */
interface EditableEntry {
  registered: boolean;
  overrides: Record<string, unknown>;
  variants: Record<string, unknown>;
}

const without = (record: Readonly<Record<string, unknown>>, key: string) =>
  Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));

function effectiveEntry(control: ServerControl, id: string): EditableEntry {
  const device = control.engine.qaDevice(id);
  return {
    registered: device?.registered ?? false,
    overrides: { ...(device?.overrides ?? {}) },
    variants: { ...(device?.variants ?? {}) },
  };
}

export function registerAdminRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  const guard = adminGuard(ctx);
  app.use('/admin/*', guard);
  app.use('/admin', guard);
  app.use('/sync', guard);

  const reload = async (c: Context) => {
    const result = await needControl(ctx).reload('admin');
    if (!result.ok)
      return withIssues(
        c,
        422,
        HttpErrorCode.CONFIG_REJECTED,
        'the configuration was rejected; the previous one stays in force',
        result.issues,
      );
    return c.json({
      ok: true,
      changed: result.changed,
      hash: result.hash,
      loadedAt: new Date(result.loadedAt).toISOString(),
    });
  };

  app.get('/admin/config', (c) => c.json(summary(needControl(ctx))));
  app.post('/admin/config/reload', reload);
  app.post('/sync', reload);

  const edit = async (c: Context, id: string, raw: unknown) => {
    const control = needControl(ctx);
    const result = await control.setEntry(id, raw);
    if (!result.ok)
      return withIssues(
        c,
        400,
        HttpErrorCode.QA_INVALID,
        `the QA entry of '${id}' is invalid`,
        result.issues,
      );
    return c.json({
      device: deviceJson(id, control),
      flush: result.change.kind,
      features: 'features' in result.change ? result.change.features : [],
    });
  };
  const body = (c: Context) => readJsonObject(c.req.raw, ctx.maxBodyBytes);

  app.get('/admin/qa/devices', (c) => {
    const control = needControl(ctx);
    const ids = new Set([...control.engine.config.qa.keys(), ...control.overlay.ids()]);
    return c.json({ devices: [...ids].sort().map((id) => deviceJson(id, control)) });
  });
  app.get('/admin/qa/devices/:id', (c) => {
    const control = needControl(ctx);
    const id = c.req.param('id');
    if (!control.engine.qaDevice(id)) throw notFound(`no QA device '${id}'`);
    return c.json(deviceJson(id, control));
  });
  app.put('/admin/qa/devices/:id', async (c) => edit(c, c.req.param('id'), await body(c)));
  app.delete('/admin/qa/devices/:id', async (c) => {
    const control = needControl(ctx);
    const id = c.req.param('id');
    const inFile = control.engine.config.qa.has(id);
    return edit(c, id, inFile ? { registered: false, overrides: {}, variants: {} } : undefined);
  });
  app.delete('/admin/qa/overlay/:id', (c) => edit(c, c.req.param('id'), undefined));

  app.put('/admin/qa/devices/:id/overrides/:feature', async (c) => {
    const id = c.req.param('id');
    const entry = effectiveEntry(needControl(ctx), id);
    entry.overrides[c.req.param('feature')] = await body(c);
    return edit(c, id, entry);
  });
  app.delete('/admin/qa/devices/:id/overrides/:feature', (c) => {
    const id = c.req.param('id');
    const entry = effectiveEntry(needControl(ctx), id);
    return edit(c, id, { ...entry, overrides: without(entry.overrides, c.req.param('feature')) });
  });
  app.delete('/admin/qa/devices/:id/overrides', (c) => {
    const id = c.req.param('id');
    return edit(c, id, { ...effectiveEntry(needControl(ctx), id), overrides: {} });
  });
  app.put('/admin/qa/devices/:id/variants/:experiment', async (c) => {
    const id = c.req.param('id');
    const given = await body(c);
    if (typeof given.variant !== 'string') throw invalid(`send {"variant": "<variant id>"}`);
    const entry = effectiveEntry(needControl(ctx), id);
    entry.variants[c.req.param('experiment')] = given.variant;
    return edit(c, id, entry);
  });
  app.delete('/admin/qa/devices/:id/variants/:experiment', (c) => {
    const id = c.req.param('id');
    const entry = effectiveEntry(needControl(ctx), id);
    return edit(c, id, { ...entry, variants: without(entry.variants, c.req.param('experiment')) });
  });
  app.delete('/admin/qa/devices/:id/variants', (c) => {
    const id = c.req.param('id');
    return edit(c, id, { ...effectiveEntry(needControl(ctx), id), variants: {} });
  });

  app.post('/admin/flush', async (c) => c.json({ ok: true, closed: await ctx.flushAll() }));

  app.get('/admin/sessions/:id', (c) => {
    const id = c.req.param('id');
    const session = ctx.engine.findSession({ [ctx.engine.schema.session.persistentKey]: id });
    if (!session)
      throw notFound(`no open session for ${ctx.engine.schema.session.persistentKey} '${id}'`);
    return c.json(sessionDetail(ctx, session));
  });

  registerCmdRoute(app, ctx);
}

/** The `POST cmd` actions (protocol.md §8); all but `simulate`, which is not implemented. */
const COMMANDS = [
  'flushToWarehouse',
  'flush',
  'reload',
  'sync',
  'count',
  'nsessions',
  'flushCache',
  'flushFeatures',
];

function cmdGuard(ctx: AppContext): MiddlewareHandler<AppEnv> {
  return async function guard(c, next) {
    if (!ctx.enableCmd) throw notFound('POST cmd is disabled (start with --enable-cmd)');
    checkAdmin(c, ctx);
    await next();
  };
}

function registerCmdRoute(app: Hono<AppEnv>, ctx: AppContext): void {
  app.use('/cmd', cmdGuard(ctx));
  app.post('/cmd', async (c) => {
    const given = await readJsonObject(c.req.raw, ctx.maxBodyBytes);
    const action = given.action;
    if (typeof action !== 'string') throw invalid(`'action' is required (${COMMANDS.join(', ')})`);
    switch (action) {
      case 'flushToWarehouse':
      case 'flush':
        return c.json({ ok: true, action, closed: await ctx.flushAll() });
      case 'reload':
      case 'sync': {
        const result = await needControl(ctx).reload('cmd');
        if (!result.ok)
          return withIssues(
            c,
            422,
            HttpErrorCode.CONFIG_REJECTED,
            'the configuration was rejected; the previous one stays in force',
            result.issues,
          );
        return c.json({ ok: true, action, changed: result.changed, hash: result.hash });
      }
      case 'count':
      case 'nsessions':
        return c.json({
          ok: true,
          action,
          sessions: ctx.engine.sessionCount,
          streams: ctx.hub.count(),
        });
      case 'flushCache': {
        const id = given.id;
        if (typeof id !== 'string') throw invalid(`flushCache needs 'id' (a persistent key)`);
        needControl(ctx).flushDevice(id);
        return c.json({ ok: true, action });
      }
      case 'flushFeatures': {
        const { id, features } = given;
        if (
          typeof id !== 'string' ||
          !Array.isArray(features) ||
          !features.every((f) => typeof f === 'string')
        )
          throw invalid(`flushFeatures needs 'id' and 'features' (a list of names)`);
        const streams = ctx.hub.flushFeatures(id, features);
        ctx.engine.forget(id, features);
        return c.json({ ok: true, action, streams });
      }
      default:
        return errorBody(
          c,
          400,
          HttpErrorCode.COMMAND_UNKNOWN,
          action === 'simulate'
            ? `'simulate' (synthetic traffic) is not supported by this server`
            : `unknown action '${action}'; known: ${COMMANDS.join(', ')}`,
        );
    }
  });
}
