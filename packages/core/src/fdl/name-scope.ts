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
export class NameScope {
  readonly #exact = new Map<string, NameOwner>();
  readonly #snake = new Map<string, NameOwner>();

  /**
   * Every scope reserves the Java keywords and `Object`; they live in shared maps consulted
   * first, rather than being copied into each of the thousands of scopes a large program has.
   */
  static readonly #base = (() => {
    const exact = new Map<string, NameOwner>();
    const snake = new Map<string, NameOwner>();
    const add = (name: string, what: string) => {
      const owner: NameOwner = { kind: 'reserved', what };
      exact.set(name, owner);
      snake.set(snakeCase(name), owner);
    };
    for (const keyword of JAVA_KEYWORDS) add(keyword, 'a Java keyword');
    add('Object', 'the Java class Object');
    return { exact, snake };
  })();

  /**
   * Reserves `name` for the system (and, unless `exactOnly`, its snake form). Returns the clash
   * instead when a user declaration already holds it; an existing reservation is kept silently.
   */
  reserve(name: string, what: string, exactOnly = false): NameClash | undefined {
    const owner: NameOwner = { kind: 'reserved', what };
    const found = exactOnly ? this.#exactClash(name) : this.clash(name);
    if (found?.owner.kind === 'user') return found;
    if (!this.#exact.has(name)) this.#exact.set(name, owner);
    const snake = snakeCase(name);
    if (!exactOnly && !this.#snake.has(snake)) this.#snake.set(snake, owner);
    return undefined;
  }

  #exactClash(name: string): NameClash | undefined {
    const owner = NameScope.#base.exact.get(name) ?? this.#exact.get(name);
    return owner && { owner, snake: undefined };
  }

  /** The holder of `name` or of its snake form, if any. */
  clash(name: string): NameClash | undefined {
    const exact = this.#exactClash(name);
    if (exact) return exact;
    const snake = snakeCase(name);
    const bySnake = NameScope.#base.snake.get(snake) ?? this.#snake.get(snake);
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
    return NameScope.#base.exact.has(name) || this.#exact.has(name);
  }
}
