/**
 * The request path with runs of `/` collapsed to one: Java and Ruby clients append `/features` to
 * a base URL that may already end in `/` (protocol.md §2.1). Used as Hono's `getPath`, so routing
 * sees the collapsed path.
 */
export function collapsedPath(request: Request): string {
  const url = request.url;
  const start = url.indexOf('/', url.indexOf('://') + 3);
  if (start < 0) return '/';
  const query = url.indexOf('?', start);
  const path = query < 0 ? url.slice(start) : url.slice(start, query);
  return path.includes('//') ? path.replace(/\/{2,}/g, '/') : path;
}
