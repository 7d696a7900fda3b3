/**
 * Cross-site request forgery: a browser attaches the console's session cookie to a request any
 * site makes, so a state-changing request carried by the cookie must come from the console's own
 * origin. Browsers say where a request comes from in `Sec-Fetch-Site` and `Origin`; a request
 * with neither is not a browser's, and a cookie it carries was not sent on a stranger's behalf.
 */

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Why a cookie-authenticated request must be refused as cross-site, or null when it may go on. */
export function crossSiteRefusal(request: Request): string | null {
  if (SAFE_METHODS.has(request.method)) return null;
  const fetchSite = request.headers.get('sec-fetch-site');
  // `none` is the user's own navigation (a bookmark, the address bar), never another site's.
  if (fetchSite !== null && fetchSite !== 'same-origin' && fetchSite !== 'none') return `a ${fetchSite} request may not use the console session`;
  const origin = request.headers.get('origin');
  if (origin === null) return null;
  const host = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim() || request.headers.get('host') || new URL(request.url).host;
  return originHost(origin) === host.toLowerCase() ? null : `a request from origin '${origin}' may not use the console session`;
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    // `Origin: null` (sandboxed frames, some redirects) names no origin at all.
    return null;
  }
}
