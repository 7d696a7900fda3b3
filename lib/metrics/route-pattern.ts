/**
 * The route pattern of a request URL, for metric labels. Labels must name the route, never the
 * raw URL: every distinct label value is a time series of its own in Prometheus, so raw ids would
 * grow them without bound.
 *
 * `route()` does not know which file it wraps, and naming the pattern in every route file would
 * drift from the file tree; so the pattern is rebuilt from the path: the segment after each
 * collection that takes an id becomes `[id]`.
 */

/** Collections whose next path segment is an id, as segment sequences. Longer ones first. */
const ID_COLLECTIONS: readonly (readonly string[])[] = [
  ['curation', 'rules'],
  ['models', 'runs'],
  ['models', 'versions'],
  ['items'],
  ['users'],
  ['experiments'],
  ['strategies'],
];

/** Paths that are not recorded: the scrape endpoint would otherwise measure its own scrapes. */
const UNRECORDED = new Set(['/api/metrics']);

/** Anything outside the API collapses to one label; only API handlers are wrapped by `route()`. */
export const OTHER_ROUTE = 'other';

/**
 * `http://host/api/v1/items/film-1/similar?n=5` → `/api/v1/items/[id]/similar`. Null for paths
 * that must not be recorded.
 */
export function routePattern(url: string): string | null {
  const path = trimTrailingSlash(pathOf(url));
  if (UNRECORDED.has(path)) return null;
  if (!path.startsWith('/api/')) return OTHER_ROUTE;
  const segments = path.split('/');
  for (let index = 1; index < segments.length; index++) {
    const collection = ID_COLLECTIONS.find((names) => names.every((name, offset) => segments[index + offset] === name));
    if (!collection) continue;
    const idIndex = index + collection.length;
    if (idIndex >= segments.length) break;
    segments[idIndex] = '[id]';
    // An id is never itself a collection name: `/items/users/similar` is item "users".
    index = idIndex;
  }
  return segments.join('/');
}

/** The path of an absolute or relative URL, without parsing the whole URL (this runs on every request). */
function pathOf(url: string): string {
  const scheme = url.indexOf('://');
  const start = scheme === -1 ? 0 : url.indexOf('/', scheme + 3);
  if (start === -1) return '/';
  let end = url.length;
  for (const mark of ['?', '#']) {
    const at = url.indexOf(mark, start);
    if (at !== -1 && at < end) end = at;
  }
  return url.slice(start, end) || '/';
}

function trimTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
