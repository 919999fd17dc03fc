/** `POST features` (protocol.md §4, §16.1–§16.6). */
import type { FeatureResult, JsonValue, Session } from '@iserver/core';
import type { Hono } from 'hono';

import type { AppContext, AppEnv } from '../app/app-context.js';
import { readJsonObject } from '../app/read-json-body.js';
import { headerKeys, withHeaderKeys } from '../app/request-context.js';
import type { FeaturesRequest } from './parse-features-request.js';
import { parseFeaturesRequest } from './parse-features-request.js';
import { featureObject, orderedJson, sessionObject, sessionVariants } from './wire-objects.js';

/** What one requested feature answers: an object, `"OFF"`/`"UNKNOWN"`, plus an error message. */
interface Answer {
  readonly value: JsonValue;
  readonly error: string | null;
}

async function evaluate(
  ctx: AppContext,
  request: FeaturesRequest,
  args: Record<string, unknown>,
  userAgent: string | undefined,
) {
  const { engine } = ctx;
  const valid = request.features.filter((f) => f.argsProblem === undefined);
  const evaluated = await engine.evaluate({
    args,
    impressionId: request.impressionId,
    features: valid.map((f) => ({ name: f.name, args: f.args })),
    userAgent,
  });
  const byFeature = new Map(valid.map((f, i) => [f, evaluated.results[i]]));
  const results = request.features.map((f): FeatureResult => {
    const result = byFeature.get(f);
    if (result) return result;
    const control = engine.config.features.get(f.name)?.control;
    return control
      ? { status: 'error', name: f.name, message: f.argsProblem ?? '', outputs: control }
      : { status: 'unknown', name: f.name };
  });
  return { session: evaluated.session, results };
}

function answer(ctx: AppContext, result: FeatureResult, request: FeaturesRequest): Answer {
  switch (result.status) {
    case 'on':
      return {
        value: featureObject(result, ctx.engine.schema, request.impressionId === undefined),
        error: null,
      };
    case 'off':
      return { value: 'OFF', error: null };
    case 'error':
      return { value: { ...result.outputs }, error: result.message };
    case 'unknown':
      // Swift cannot parse "UNKNOWN" (§16.4): the list dialect gets an empty object and a message.
      return request.dialect === 'map'
        ? { value: 'UNKNOWN', error: null }
        : { value: {}, error: `unknown feature '${result.name}'` };
  }
}

/** `_flags`: the gate of every feature (QA overrides switch one on), this request's answers first. */
function flagsOf(ctx: AppContext, session: Session, results: readonly FeatureResult[]) {
  const qa = ctx.engine.qaDevice(session.persistentKey);
  const flags: Record<string, boolean> = {};
  for (const [name, feature] of ctx.engine.config.features)
    flags[name] = feature.gate || qa?.overrides[name] !== undefined;
  for (const result of results)
    if (result.status !== 'unknown') flags[result.name] = result.status !== 'off';
  return flags;
}

export function registerFeaturesRoute(app: Hono<AppEnv>, ctx: AppContext): void {
  app.post('/features', async (c) => {
    const body = await readJsonObject(c.req.raw, ctx.maxBodyBytes);
    const request = parseFeaturesRequest(body, ctx.maxFeatures);
    const keys = headerKeys(c.req.raw.headers, ctx.engine.schema.session.sessionKeys);
    const { session, results } = await evaluate(
      ctx,
      request,
      withHeaderKeys(request.args, keys),
      c.req.header('user-agent'),
    );
    const answers = results.map((r) => answer(ctx, r, request));
    const tail: [string, unknown][] = [['_variants', sessionVariants(session)]];
    if (request.flags) tail.push(['_flags', flagsOf(ctx, session, results)]);
    const registered = ctx.engine.qaDevice(session.persistentKey)?.registered ?? false;
    const sessionJson = sessionObject(session, ctx.engine.schema, ctx.environment);
    let text: string;
    if (request.dialect === 'list') {
      text = orderedJson([
        ['session', sessionJson],
        ['impressions', answers.map((a) => a.value)],
        ['errors', answers.map((a) => a.error)],
        ...tail,
        ['registered', registered],
      ]);
    } else {
      const errors = Object.fromEntries(
        results.flatMap((r, i) => (answers[i]?.error ? [[r.name, answers[i].error]] : [])),
      );
      text = orderedJson([
        ['session', sessionJson],
        ...results.map((r, i): [string, unknown] => [r.name, answers[i]?.value]),
        ...tail,
        ...(Object.keys(errors).length > 0 ? [['errors', errors] as [string, unknown]] : []),
        ['registered', registered],
      ]);
    }
    return c.body(text, 200, { 'Content-Type': 'application/json; charset=UTF-8' });
  });
}
