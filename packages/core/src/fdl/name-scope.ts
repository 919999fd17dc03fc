import type { SourceLocation } from './diagnostic.js';
import { JAVA_KEYWORDS } from './reserved-names.js';
import { snakeCase } from './snake-case.js';

/** Who holds a name: a user declaration (with its location) or a reservation. */
export type NameOwner =
  | { readonly kind: 'user'; readonly what: string; readonly location: SourceLocation }
  | { readonly kind: 'reserved'; readonly what: string };

export interface NameClash {
  readonly owner: NameOwner;
  /** Set when the clash is between snake forms rather than exact names. */
  readonly snake: string | undefined;
}

/**
 * One FDL scope (spec §8.1–8.2): a name must be unique, and so must its snake_case form,
 * because both become identifiers in generated code and SQL.
 */
/** Reservations shared by many scopes (built once, never copied into a scope). */
export interface ScopePreset {
  readonly exact: ReadonlyMap<string, NameOwner>;
  readonly snake: ReadonlyMap<string, NameOwner>;
}

/** Builds a preset of reserved names (exact and snake forms) on top of the Java keywords. */
export function scopePreset(
  entries: readonly (readonly [name: string, what: string])[],
): ScopePreset {
  const exact = new Map<string, NameOwner>();
  const snake = new Map<string, NameOwner>();
  const add = (name: string, what: string) => {
    const owner: NameOwner = { kind: 'reserved', what };
    if (!exact.has(name)) exact.set(name, owner);
    const form = snakeCase(name);
    if (!snake.has(form)) snake.set(form, owner);
  };
  for (const keyword of JAVA_KEYWORDS) add(keyword, 'a Java keyword');
  add('Object', 'the Java class Object');
  for (const [name, what] of entries) add(name, what);
  return { exact, snake };
}

/** Every scope reserves the Java keywords and `Object`. */
const JAVA_PRESET = scopePreset([]);

/**
 * One FDL scope (spec §8.1–8.2): a name must be unique, and so must its snake_case form,
 * because both become identifiers in generated code and SQL. System names come from a shared
 * preset, consulted before the scope's own names, since a large program has thousands of scopes.
 */
export class NameScope {
  readonly #exact = new Map<string, NameOwner>();
  readonly #snake = new Map<string, NameOwner>();
  readonly #preset: ScopePreset;

  constructor(preset: ScopePreset = JAVA_PRESET) {
    this.#preset = preset;
  }

  /**
   * Reserves `name` for the system (and, unless `exactOnly`, its snake form). Returns the clash
   * instead when a user declaration already holds it; an existing reservation is kept silently.
   */
  reserve(name: string, what: string, exactOnly = false): NameClash | undefined {
    const found = exactOnly ? this.#exactClash(name) : this.clash(name);
    if (found) return found.owner.kind === 'user' ? found : undefined;
    const owner: NameOwner = { kind: 'reserved', what };
    this.#exact.set(name, owner);
    if (!exactOnly) this.#snake.set(snakeCase(name), owner);
    return undefined;
  }

  #exactClash(name: string): NameClash | undefined {
    const owner = this.#preset.exact.get(name) ?? this.#exact.get(name);
    return owner && { owner, snake: undefined };
  }

  /** The holder of `name` or of its snake form, if any. */
  clash(name: string): NameClash | undefined {
    const exact = this.#exactClash(name);
    if (exact) return exact;
    const snake = snakeCase(name);
    const bySnake = this.#preset.snake.get(snake) ?? this.#snake.get(snake);
    return bySnake ? { owner: bySnake, snake } : undefined;
  }

  /** Registers a user declaration; returns the clash instead when the name is taken. */
  register(name: string, what: string, location: SourceLocation): NameClash | undefined {
    const found = this.clash(name);
    if (found) return found;
    const owner: NameOwner = { kind: 'user', what, location };
    this.#exact.set(name, owner);
    this.#snake.set(snakeCase(name), owner);
    return undefined;
  }

  has(name: string): boolean {
    return this.#preset.exact.has(name) || this.#exact.has(name);
  }
}
