/** Names repeat across a program (every feature has a `page` arg…): remember their snake forms. */
const cache = new Map<string, string>();
const CACHE_LIMIT = 100_000;

/**
 * The SQL identifier of an FDL name (spec fdl.md §8.3): `HTTPServerConfig` → `http_server_config`.
 * Also the second half of the uniqueness rule: two names with the same snake form collide.
 */
export function snakeCase(name: string): string {
  let snake = cache.get(name);
  if (snake === undefined) {
    snake = name
      .replace(/[A-Z][a-z]+/g, '_$&')
      .replace(/[A-Z]+/g, '_$&')
      .replace(/_+/g, '_')
      .replace(/^_/, '')
      .toLowerCase();
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(name, snake);
  }
  return snake;
}
