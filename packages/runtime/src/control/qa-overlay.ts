/**
 * Admin-made QA state (protocol.md §17): entries per persistent key that override the
 * configuration file's `qa.devices` field by field, persisted as JSON in the data directory.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';

import type { CompiledConfig, ConfigIssue, OutputValues, QaDevice } from '@iserver/core';
import { canonicalJson } from '@iserver/core';

/** One device's admin entry: the fields it sets win over the file's; absent ones fall back to it. */
export interface QaOverlayEntry {
  readonly registered?: boolean;
  readonly overrides?: Readonly<Record<string, OutputValues>>;
  readonly variants?: Readonly<Record<string, string>>;
}

/** The file format of `<data-dir>/qa-overlay.json`. */
export interface QaOverlayFile {
  readonly version: 1;
  readonly devices: Readonly<Record<string, QaOverlayEntry>>;
}

/** The effective device: the admin entry's fields over the file's device. */
export function mergeQaDevice(
  id: string,
  entry: QaOverlayEntry | undefined,
  file: QaDevice | undefined,
): QaDevice | undefined {
  if (!entry) return file;
  return {
    id,
    registered: entry.registered ?? file?.registered ?? false,
    overrides: entry.overrides ?? file?.overrides ?? {},
    variants: entry.variants ?? file?.variants ?? {},
  };
}

/** What a QA change means for a device's cache (protocol.md §7.2, §16.9). */
export type QaChange =
  | { readonly kind: 'none' }
  /** Some features' overrides or forced variants changed: `flushfeatures`. */
  | { readonly kind: 'features'; readonly features: readonly string[] }
  /** The device appeared, disappeared or was (un)registered: `flushcache`. */
  | { readonly kind: 'cache'; readonly features: readonly string[] };

const same = (a: unknown, b: unknown) =>
  canonicalJson((a ?? null) as never) === canonicalJson((b ?? null) as never);

/**
 * Compares a device's QA entry before and after a change. Features affected: those whose
 * overrides differ, and those of every experiment whose forced variant differs (looked up in
 * both configurations, in FDL-independent name order).
 */
export function qaChange(
  before: QaDevice | undefined,
  after: QaDevice | undefined,
  configs: readonly CompiledConfig[],
): QaChange {
  const features = new Set<string>();
  const overrides = new Set([
    ...Object.keys(before?.overrides ?? {}),
    ...Object.keys(after?.overrides ?? {}),
  ]);
  for (const feature of overrides)
    if (!same(before?.overrides[feature], after?.overrides[feature])) features.add(feature);
  const experiments = new Set([
    ...Object.keys(before?.variants ?? {}),
    ...Object.keys(after?.variants ?? {}),
  ]);
  for (const id of experiments) {
    if (before?.variants[id] === after?.variants[id]) continue;
    for (const config of configs)
      for (const feature of config.experiments.find((e) => e.id === id)?.features ?? [])
        features.add(feature);
  }
  const list = [...features].sort();
  if ((before === undefined) !== (after === undefined) || before?.registered !== after?.registered)
    return { kind: 'cache', features: list };
  return list.length ? { kind: 'features', features: list } : { kind: 'none' };
}

/** The admin entries, their persistence (atomic: temp file + rename) and their loading. */
export class QaOverlay {
  readonly #entries = new Map<string, QaOverlayEntry>();
  readonly #path: string | undefined;
  #saving: Promise<void> = Promise.resolve();

  /** `path`: the JSON file; without one, the overlay lives in memory only (tests, embedding). */
  constructor(path?: string) {
    this.#path = path;
  }

  get path(): string | undefined {
    return this.#path;
  }

  get(id: string): QaOverlayEntry | undefined {
    return this.#entries.get(id);
  }

  ids(): string[] {
    return [...this.#entries.keys()];
  }

  set(id: string, entry: QaOverlayEntry | undefined): void {
    if (entry === undefined) this.#entries.delete(id);
    else this.#entries.set(id, entry);
  }

  /** The effective QA device for the engine's `qaOverlay`: `undefined` when there is no entry. */
  device(id: string, config: CompiledConfig): QaDevice | undefined {
    const entry = this.#entries.get(id);
    return entry && mergeQaDevice(id, entry, config.qa.get(id));
  }

  toJSON(): QaOverlayFile {
    return { version: 1, devices: Object.fromEntries(this.#entries) };
  }

  /**
   * Reads the file (a missing one is an empty overlay). Every entry is checked with `validate`;
   * rejected ones are left out and returned with their issues.
   */
  async load(
    validate: (id: string, raw: unknown) => QaOverlayEntry | readonly ConfigIssue[],
  ): Promise<{ loaded: number; rejected: { id: string; issues: readonly ConfigIssue[] }[] }> {
    if (this.#path === undefined) return { loaded: 0, rejected: [] };
    let text: string;
    try {
      text = await readFile(this.#path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { loaded: 0, rejected: [] };
      throw error;
    }
    const parsed = JSON.parse(text) as Partial<QaOverlayFile> | null;
    const devices = parsed?.devices ?? {};
    const rejected: { id: string; issues: readonly ConfigIssue[] }[] = [];
    for (const [id, raw] of Object.entries(devices)) {
      const result = validate(id, raw);
      if (Array.isArray(result)) rejected.push({ id, issues: result });
      else this.#entries.set(id, result as QaOverlayEntry);
    }
    return { loaded: this.#entries.size, rejected };
  }

  /** Writes the file now (temp + rename); saves run one after another. */
  save(): Promise<void> {
    const path = this.#path;
    if (path === undefined) return Promise.resolve();
    const text = `${JSON.stringify(this.toJSON(), null, 2)}\n`;
    const run = async () => {
      const temp = `${path}.${process.pid}.tmp`;
      await writeFile(temp, text, 'utf8');
      await rename(temp, path);
    };
    const next = this.#saving.then(run, run);
    this.#saving = next.catch(() => undefined);
    return next;
  }
}
