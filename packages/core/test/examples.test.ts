/**
 * The example schemas shipped with the spec (/work/shared/examples) and with this repository
 * (examples/) compile without errors, and the shop example yields the derived facts later phases
 * rely on.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileFdl } from '../src/index.js';
import type { Diagnostic, FdlSchema, FeatureDef } from '../src/index.js';

const SHARED_EXAMPLES = new URL('../../../../shared/examples/', import.meta.url);
const REPO_EXAMPLES = new URL('../../../examples/', import.meta.url);

/** Every `.fdl` file under `dir` (recursively), as URLs, sorted. */
function findFdlFiles(dir: URL): URL[] {
  if (!existsSync(dir)) return [];
  const found: URL[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const url = new URL(entry, dir);
    if (statSync(url).isDirectory()) found.push(...findFdlFiles(new URL(`${entry}/`, dir)));
    else if (entry.endsWith('.fdl')) found.push(url);
  }
  return found;
}

function compileFile(url: URL): {
  schema: FdlSchema | undefined;
  diagnostics: readonly Diagnostic[];
} {
  const path = fileURLToPath(url);
  const result = compileFdl([{ path, text: readFileSync(url, 'utf8') }]);
  return { schema: result.schema, diagnostics: result.diagnostics };
}

function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => `${d.path}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`)
    .join('\n');
}

function compileWithoutErrors(url: URL): FdlSchema {
  const { schema, diagnostics } = compileFile(url);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  expect(errors, formatDiagnostics(diagnostics)).toEqual([]);
  expect(schema).toBeDefined();
  return schema!;
}

function feature(schema: FdlSchema, name: string): FeatureDef {
  const found = schema.features.find((f) => f.name === name);
  expect(found, `feature ${name}`).toBeDefined();
  return found!;
}

function controlValues(f: FeatureDef): Record<string, unknown> {
  return Object.fromEntries(f.outputs.map((o) => [o.name, o.controlValue]));
}

const sharedFiles = findFdlFiles(SHARED_EXAMPLES);
const repoFiles = findFdlFiles(REPO_EXAMPLES);
const shopFiles = [...sharedFiles, ...repoFiles].filter((url) =>
  url.pathname.endsWith('/shop.fdl'),
);

describe('shared examples', () => {
  it('are found next to the repository (shared/examples)', () => {
    expect(existsSync(SHARED_EXAMPLES), fileURLToPath(SHARED_EXAMPLES)).toBe(true);
    expect(sharedFiles.map((url) => url.pathname.split('/').slice(-2).join('/'))).toEqual(
      expect.arrayContaining(['minimal/minimal.fdl', 'shop/shop.fdl']),
    );
  });

  for (const url of sharedFiles) {
    it(`compiles ${fileURLToPath(url)}`, () => {
      compileWithoutErrors(url);
    });
  }
});

describe('repository examples', () => {
  it.skipIf(repoFiles.length === 0)('has .fdl files in examples/', () => {
    expect(repoFiles.length).toBeGreaterThan(0);
  });

  for (const url of repoFiles) {
    it(`compiles ${fileURLToPath(url)}`, () => {
      compileWithoutErrors(url);
    });
  }
});

describe('minimal example', () => {
  const minimal = sharedFiles.find((url) => url.pathname.endsWith('/minimal.fdl'));
  it.skipIf(minimal === undefined)('uses the implicit session keyed by deviceId', () => {
    const schema = compileWithoutErrors(minimal!);
    expect(schema.session.implicit).toBe(true);
    expect(schema.session.persistentKey).toBe('deviceId');
    expect(schema.session.sessionKeys).toEqual(['deviceId']);
    expect(schema.namespace).toBe('io.causallabs.generated');
    const greeting = feature(schema, 'Greeting');
    expect(greeting.table).toBe('greeting');
    expect(controlValues(greeting)).toEqual({ text: 'Hello' });
    expect(greeting.events.map((e) => e.name)).toEqual(['Clicked']);
  });
});

describe('shop example', () => {
  it('is present', () => {
    expect(shopFiles.length).toBeGreaterThan(0);
  });

  for (const url of shopFiles) {
    describe(fileURLToPath(url), () => {
      const schema = (): FdlSchema => compileWithoutErrors(url);

      it('has the namespace and session keys', () => {
        const s = schema();
        expect(s.namespace).toBe('com.example.shop');
        expect(s.session.implicit).toBe(false);
        expect(s.session.persistentKey).toBe('deviceId');
        expect(s.session.sessionKeys).toEqual(['deviceId', 'visitId']);
        expect(s.session.splitKey).toBe('userId');
        expect(s.session.mutableArgs).toEqual(['userId']);
        const args = Object.fromEntries(s.session.args.map((a) => [a.name, a]));
        expect(args.deviceId?.flags.persistentKey).toBe(true);
        expect(args.visitId?.flags.sessionKey).toBe(true);
        expect(args.userId?.flags.mutable).toBe(true);
        expect(args.userId?.flags.splitKey).toBe(true);
        expect(args.channel?.flags.per).toBe(true);
        expect(args.channel?.controlValue).toBe('direct');
        expect(args.locale?.default).toBe('en-US');
        expect(s.session.events.map((e) => e.name)).toEqual(['AddToCart', 'Checkout']);
      });

      it('has the session plugin GeoPlugin', () => {
        const plugin = schema().session.plugin;
        expect(plugin).toBeDefined();
        expect(plugin!.language).toBe('java');
        expect(plugin!.name).toBe('GeoPlugin');
        expect(plugin!.serves.kind).toBe('session');
        expect(plugin!.fields.map((f) => [f.name, f.controlValue])).toEqual([['country', 'US']]);
      });

      it('has the feature tables and columns', () => {
        const s = schema();
        expect(s.features.map((f) => [f.name, f.table, f.abstract])).toEqual([
          ['RatingBox', 'rating_box', false],
          ['Recommendations', 'recommendations', false],
          ['NewCheckout', 'new_checkout', false],
          ['SiteBanner', 'site_banner', false],
        ]);
        const ratingBox = feature(s, 'RatingBox');
        expect(ratingBox.outputs.map((o) => [o.name, o.column])).toEqual([
          ['callToAction', 'call_to_action'],
          ['actionButton', 'action_button'],
          ['buttonStyle', 'button_style'],
          ['maxStars', 'max_stars'],
        ]);
        expect(ratingBox.args.map((a) => a.name)).toEqual(['sku', 'price']);
        expect(ratingBox.args.find((a) => a.name === 'price')?.type).toEqual({
          kind: 'object',
          name: 'Money',
          nullable: true,
        });
        expect(feature(s, 'NewCheckout').outputs.map((o) => o.column)).toEqual([
          'steps',
          'show_express_pay',
        ]);
      });

      it('has the control values as JSON', () => {
        const s = schema();
        expect(controlValues(feature(s, 'RatingBox'))).toEqual({
          callToAction: 'Rate this product!',
          actionButton: 'Send review',
          buttonStyle: 'PRIMARY',
          maxStars: 5,
        });
        expect(controlValues(feature(s, 'NewCheckout'))).toEqual({
          steps: 3,
          showExpressPay: false,
        });
        const banner = controlValues(feature(s, 'SiteBanner'));
        expect(banner.message).toBe('Free shipping over $50');
        expect(banner.discount).toBe(0);
        expect(banner.discountIsDefault).toBeNull();
      });

      it('has the feature flags and directive facts', () => {
        const s = schema();
        expect(feature(s, 'NewCheckout').offByDefault).toBe(true);
        expect(feature(s, 'RatingBox').offByDefault).toBe(false);
        expect(feature(s, 'SiteBanner').noGate).toBe(true);
        expect(feature(s, 'RatingBox').noGate).toBe(false);
        const outputs = Object.fromEntries(
          feature(s, 'SiteBanner').outputs.map((o) => [o.name, o]),
        );
        expect(outputs.discountIsDefault?.flags.isDefault).toBe('discount');
        expect(outputs.discountVariant?.flags.variantName).toBe('discount');
      });

      it('has the generic plugin of Recommendations', () => {
        const s = schema();
        const plugin = feature(s, 'Recommendations').plugin;
        expect(plugin).toBeDefined();
        expect(plugin!.language).toBe('generic');
        expect(plugin!.name).toBeUndefined();
        expect(plugin!.serves).toEqual({ kind: 'feature', name: 'Recommendations' });
        expect(plugin!.fields.map((f) => [f.name, f.controlValue])).toEqual([['skus', []]]);
        expect(s.plugins).toHaveLength(2);
      });

      it('copies ProductClick into RecommendationClick', () => {
        const s = schema();
        expect(s.events.map((e) => e.name)).toEqual(['ProductClick']);
        expect(s.offlineEvents).toEqual([]);
        const event = feature(s, 'Recommendations').events.find(
          (e) => e.name === 'RecommendationClick',
        );
        expect(event).toBeDefined();
        expect(event!.kind).toBe('feature');
        expect(event!.column).toBe('recommendation_click');
        expect(event!.templates).toContain('ProductClick');
        expect(event!.fields.map((f) => [f.name, f.typeText])).toEqual([
          ['sku', 'String!'],
          ['position', 'Int'],
        ]);
        for (const field of event!.fields) expect(field.importedFrom).toContain('ProductClick');
      });

      it('has the types and enums', () => {
        const s = schema();
        expect(s.enums.map((e) => [e.name, e.values])).toEqual([
          ['Currency', ['USD', 'EUR', 'GBP']],
          ['ButtonStyle', ['PRIMARY', 'SECONDARY', 'GHOST']],
        ]);
        expect(s.types.map((t) => [t.name, t.fields.map((f) => f.name)])).toEqual([
          ['Money', ['currency', 'amount']],
        ]);
      });

      it('round-trips through JSON', () => {
        const s = schema();
        expect(JSON.parse(JSON.stringify(s))).toEqual(s);
      });
    });
  }
});
