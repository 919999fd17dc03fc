/**
 * Failure kinds of experiments, variants and rollouts (config.md §1), one test each; see
 * load-config-issues.test.ts for the approach.
 */
import { describe, expect, it } from 'vitest';
import { DELETE, expectOneIssue, issuesAfter } from '../../test/config/config-fixture.js';

const EXP = 'experiments[0]';
/** The variants of a second experiment, which no QA device refers to. */
const VARIANTS = 'experiments[1].variants';
const SECOND = {
  id: 'second',
  state: 'draft',
  variants: [
    { id: 'control', weight: 1 },
    { id: 'x', weight: 1, values: { Footer: { note: 'x' } } },
  ],
};

describe('experiments', () => {
  it('rejects duplicate experiment ids', () => {
    expectOneIssue(
      { 'experiments[1]': { ...SECOND, id: 'banner-copy' } },
      'experiments[1].id',
      'duplicate experiment id "banner-copy" (first at experiments[0])',
    );
  });

  it('rejects ids outside [A-Za-z0-9_.-]{1,64}', () => {
    // (experiments[1]: no QA device refers to it, so nothing else breaks.)
    const at = 'experiments[1].id';
    expectOneIssue({ 'experiments[1]': { ...SECOND, id: 'a b' } }, at, 'invalid experiment id');
    expectOneIssue(
      { 'experiments[1]': { ...SECOND, id: 'x'.repeat(65) } },
      at,
      'invalid experiment id',
    );
    expect(issuesAfter({ 'experiments[1]': { ...SECOND, id: 'A.b_c-1'.padEnd(64, 'x') } })).toEqual(
      [],
    );
  });

  it('requires an id', () => {
    expectOneIssue(
      { 'experiments[1]': { ...SECOND, id: DELETE } },
      'experiments[1].id',
      'is required',
    );
  });

  it('requires a state of draft, running or stopped', () => {
    expectOneIssue({ [`${EXP}.state`]: 'runing' }, `${EXP}.state`, 'did you mean "running"?');
    expectOneIssue({ [`${EXP}.state`]: DELETE }, `${EXP}.state`, 'is required');
  });

  it('requires launchedAt when running', () => {
    expectOneIssue(
      { [`${EXP}.launchedAt`]: DELETE },
      `${EXP}.launchedAt`,
      'is required for a running experiment',
    );
    expect(issuesAfter({ 'experiments[1]': SECOND })).toEqual([]);
  });

  it('requires launchedAt to be an ISO timestamp with a zone', () => {
    expectOneIssue(
      { [`${EXP}.launchedAt`]: '2026-01-01T00:00:00' },
      `${EXP}.launchedAt`,
      'with a zone',
    );
    expectOneIssue({ [`${EXP}.launchedAt`]: 1767225600000 }, `${EXP}.launchedAt`, 'ISO-8601');
  });

  it('requires traffic in 0..100 with at most two decimals', () => {
    expectOneIssue({ [`${EXP}.traffic`]: 101 }, `${EXP}.traffic`, 'from 0 to 100');
    expectOneIssue({ [`${EXP}.traffic`]: -1 }, `${EXP}.traffic`, 'from 0 to 100');
    expectOneIssue({ [`${EXP}.traffic`]: 12.345 }, `${EXP}.traffic`, 'at most two decimals');
    expectOneIssue({ [`${EXP}.traffic`]: '50%' }, `${EXP}.traffic`, 'from 0 to 100');
    expect(issuesAfter({ [`${EXP}.traffic`]: 0.07 })).toEqual([]);
  });

  it('requires splitKey to name a session arg', () => {
    expectOneIssue({ [`${EXP}.splitKey`]: 'userid' }, `${EXP}.splitKey`, 'did you mean "userId"?');
    expectOneIssue(
      { [`${EXP}.splitKey`]: 'page' },
      `${EXP}.splitKey`,
      'session args: deviceId, visitId',
    );
  });
});

describe('variants', () => {
  const withSecond = (edits: Record<string, unknown>) => ({
    'experiments[1]': structuredClone(SECOND),
    ...edits,
  });
  const V = VARIANTS;

  it('requires at least two variants', () => {
    expectOneIssue(withSecond({ [`${V}[1]`]: DELETE }), V, 'at least two variants');
  });

  it('requires variants', () => {
    expectOneIssue(withSecond({ [V]: DELETE }), V, 'is required');
  });

  it('rejects duplicate variant ids', () => {
    expectOneIssue(
      withSecond({ [`${V}[1].id`]: 'control' }),
      `${V}[1].id`,
      `duplicate variant id "control" (first at ${V}[0])`,
    );
  });

  it('rejects invalid variant ids', () => {
    expectOneIssue(withSecond({ [`${V}[1].id`]: 'b/c' }), `${V}[1].id`, 'invalid variant id');
  });

  it('requires exactly one control arm: none', () => {
    const edits = withSecond({ [`${V}[0].values`]: { Banner: { text: 'A' } } });
    expectOneIssue(edits, V, 'none has');
  });

  it('requires exactly one control arm: two', () => {
    expectOneIssue(withSecond({ [`${V}[1].values`]: DELETE }), V, `2 have (${V}[0], ${V}[1])`);
  });

  it('rejects empty values (a second control arm in disguise)', () => {
    expectOneIssue(withSecond({ [`${V}[1].values`]: {} }), `${V}[1].values`, 'is empty');
  });

  it('rejects negative weights', () => {
    expectOneIssue(withSecond({ [`${V}[1].weight`]: -1 }), `${V}[1].weight`, 'a number ≥ 0');
  });

  it('rejects weights that sum to zero', () => {
    const edits = withSecond({ [`${V}[0].weight`]: 0, [`${V}[1].weight`]: 0 });
    expectOneIssue(edits, V, 'the weights sum to 0');
  });

  it('reports zero weights alongside other problems of the same variants', () => {
    const edits = withSecond({
      [`${V}[0].weight`]: 0,
      [`${V}[1].weight`]: 0,
      [`${V}[1].values.Footer.note`]: 1,
    });
    expect(issuesAfter(edits).map((i) => i.path)).toEqual([`${V}[1].values.Footer.note`, V]);
  });

  it('requires weights', () => {
    expectOneIssue(withSecond({ [`${V}[1].weight`]: DELETE }), `${V}[1].weight`, 'is required');
  });

  it('accepts a zero weight beside positive ones', () => {
    expect(issuesAfter(withSecond({ [`${V}[0].weight`]: 0 }))).toEqual([]);
  });
});

describe('rollouts', () => {
  const R = 'rollouts[0]';
  it('rejects duplicate rollout ids', () => {
    expectOneIssue(
      { 'rollouts[1]': { id: 'express', feature: 'Banner', values: { size: 2 }, percent: 1 } },
      'rollouts[1].id',
      'duplicate rollout id "express"',
    );
  });

  it('requires an existing feature', () => {
    expectOneIssue({ [`${R}.feature`]: 'Checkuot' }, `${R}.feature`, 'did you mean "Checkout"?');
    expectOneIssue({ [`${R}.feature`]: DELETE }, `${R}.feature`, 'is required');
  });

  it('type-checks values against the feature outputs', () => {
    expectOneIssue(
      { [`${R}.values.express`]: 'yes' },
      `${R}.values.express`,
      'expected true or false',
    );
    expectOneIssue({ [`${R}.values.steps2`]: 1 }, `${R}.values.steps2`, 'unknown output "steps2"');
  });

  it('requires values', () => {
    expectOneIssue({ [`${R}.values`]: DELETE }, `${R}.values`, 'is required');
    expectOneIssue({ [`${R}.values`]: {} }, `${R}.values`, 'is empty');
  });

  it('requires percent in 0..100 with at most two decimals', () => {
    expectOneIssue({ [`${R}.percent`]: 100.5 }, `${R}.percent`, 'from 0 to 100');
    expectOneIssue({ [`${R}.percent`]: 0.001 }, `${R}.percent`, 'at most two decimals');
  });

  it('requires exactly one of percent and from/to', () => {
    expectOneIssue(
      { [`${R}.from`]: '2026-01-01T00:00:00Z', [`${R}.to`]: '2026-02-01T00:00:00Z' },
      R,
      'not both',
    );
    expectOneIssue({ [`${R}.percent`]: DELETE }, R, 'needs `percent`');
  });

  it('requires both from and to', () => {
    expectOneIssue(
      { [`${R}.percent`]: DELETE, [`${R}.from`]: '2026-01-01T00:00:00Z' },
      `${R}.to`,
      'is required with `from`',
    );
  });

  it('requires from before to', () => {
    expectOneIssue(
      {
        [`${R}.percent`]: DELETE,
        [`${R}.from`]: '2026-02-01T00:00:00Z',
        [`${R}.to`]: '2026-02-01T00:00:00+01:00',
      },
      `${R}.to`,
      'must be after `from`',
    );
  });

  it('requires ISO timestamps with a zone for from and to', () => {
    expectOneIssue(
      {
        [`${R}.percent`]: DELETE,
        [`${R}.from`]: '2026-01-01',
        [`${R}.to`]: '2026-02-01T00:00:00Z',
      },
      `${R}.from`,
      'with a zone',
    );
  });
});
