/**
 * The bookkeeping shared by the section readers of `loadConfig`: every problem goes into one list
 * (all issues are reported, never just the first), and the small checks that recur in every
 * section (mapping shape, unknown keys, ids, feature and audience references) read the same.
 */
import { describeValue, isPlainObject } from '../audience/describe-value.js';
import { suggestName } from '../audience/suggest-name.js';
import type { ConfigIssue } from '../errors.js';
import type { FdlSchema, FeatureDef } from '../fdl/schema-model.js';
import { keyPath } from './config-path.js';
import { parseTimestamp, TIMESTAMP_FORMAT } from './parse-timestamp.js';

/** A share in percent: 0..100 with at most two decimals (the bucket resolution is 0.01 %). */
const PERCENT = /^\d{1,3}(\.\d{1,2})?$/;

/** Ids of audiences, experiments, rollouts and variants (config.md §1). */
const ID = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * The value of `key` in `record`, own properties only (a key named `constructor` must not find
 * `Object.prototype`'s). `null` counts as absent: in YAML, `audience:` with nothing after it is
 * null, and an operator who blanked a setting means "not set".
 */
export function field(record: Readonly<Record<string, unknown>>, key: string): unknown {
  return Object.hasOwn(record, key) ? (record[key] ?? undefined) : undefined;
}

export class ConfigReader {
  readonly issues: ConfigIssue[] = [];
  readonly schema: FdlSchema;
  /** Audience ids declared in the file (valid or not), for references from other sections. */
  audienceIds: ReadonlySet<string> = new Set();
  readonly #features: ReadonlyMap<string, FeatureDef>;

  constructor(schema: FdlSchema) {
    this.schema = schema;
    this.#features = new Map(schema.features.map((f) => [f.name, f]));
  }

  report(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  /** `raw` as a mapping, or `undefined` (reported) when it is something else. */
  mapping(raw: unknown, path: string, what: string): Record<string, unknown> | undefined {
    if (isPlainObject(raw)) return raw;
    this.report(path, `expected ${what}, got ${describeValue(raw)}`);
    return undefined;
  }

  /** `raw` as a mapping whose keys are all in `allowed`; each unknown key is reported. */
  fields(
    raw: unknown,
    path: string,
    allowed: readonly string[],
    what: string,
  ): Record<string, unknown> | undefined {
    const record = this.mapping(raw, path, what);
    if (record === undefined) return undefined;
    for (const key of Object.keys(record)) {
      if (!allowed.includes(key)) {
        this.report(
          keyPath(path, key),
          `unknown key "${key}"${suggestName(key, allowed)}; expected ${allowed.join(', ')}`,
        );
      }
    }
    return record;
  }

  /** `raw` as a list, or `undefined` (reported). */
  list(raw: unknown, path: string, what: string): readonly unknown[] | undefined {
    if (Array.isArray(raw)) return raw as unknown[];
    this.report(path, `expected ${what}, got ${describeValue(raw)}`);
    return undefined;
  }

  /** An optional non-empty string; `undefined` when absent or (reported) of another type. */
  optionalString(raw: unknown, path: string): string | undefined {
    if (raw === undefined) return undefined;
    if (typeof raw === 'string' && raw !== '') return raw;
    this.report(path, `expected a non-empty string, got ${describeValue(raw)}`);
    return undefined;
  }

  /** A required id (`[A-Za-z0-9_.-]{1,64}`). */
  id(raw: unknown, path: string, what: string): string | undefined {
    if (raw === undefined) {
      this.report(path, `is required (the ${what} id)`);
      return undefined;
    }
    return this.checkId(raw, path, what);
  }

  /** Whether `raw` is a valid id; reports it when not. */
  checkId(raw: unknown, path: string, what: string): string | undefined {
    if (typeof raw === 'string' && ID.test(raw)) return raw;
    this.report(
      path,
      `invalid ${what} id ${describeValue(raw)}: use 1 to 64 letters, digits, "_", "." or "-"`,
    );
    return undefined;
  }

  /** The concrete FDL feature `name`; unknown and abstract features are reported. */
  feature(name: string, path: string): FeatureDef | undefined {
    const def = this.#features.get(name);
    if (def === undefined) {
      const known = this.schema.features.filter((f) => !f.abstract).map((f) => f.name);
      this.report(path, `unknown feature "${name}"${suggestName(name, known)}`);
      return undefined;
    }
    if (def.abstract) {
      this.report(
        path,
        `feature "${name}" is abstract: it is never requested, so it cannot be configured (configure the features that import it)`,
      );
      return undefined;
    }
    return def;
  }

  /** An optional reference to an audience declared in `audiences:`. */
  audience(raw: unknown, path: string): string | undefined {
    if (raw === undefined) return undefined;
    if (typeof raw !== 'string' || raw === '') {
      this.report(path, `expected an audience id, got ${describeValue(raw)}`);
      return undefined;
    }
    if (!this.audienceIds.has(raw)) {
      this.report(path, `unknown audience "${raw}"${suggestName(raw, [...this.audienceIds])}`);
      return undefined;
    }
    return raw;
  }

  /** A share in percent (`traffic`, `percent`): a number in 0..100 with at most two decimals. */
  percent(raw: unknown, path: string): number | undefined {
    if (typeof raw === 'number' && raw >= 0 && raw <= 100 && PERCENT.test(String(raw))) return raw;
    this.report(
      path,
      `expected a percentage from 0 to 100 with at most two decimals, got ${describeValue(raw)}`,
    );
    return undefined;
  }

  /** A required instant, as epoch milliseconds (see `parseTimestamp`). */
  timestamp(raw: unknown, path: string): number | undefined {
    const ms = typeof raw === 'string' ? parseTimestamp(raw) : undefined;
    if (ms === undefined)
      this.report(path, `expected ${TIMESTAMP_FORMAT}, got ${describeValue(raw)}`);
    return ms;
  }
}
