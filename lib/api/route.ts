import { authenticate, authorize } from '@/lib/auth/authenticate';
import type { Principal } from '@/lib/auth/principal';
import type { Permission } from '@/lib/auth/types';
import { recordHttpRequest } from '@/lib/metrics/record';
import { routePattern } from '@/lib/metrics/route-pattern';
import { log } from '@/lib/runtime/log';
import { apiErrorOf } from './domain-errors';
import { ApiError } from './errors';

type Handler<Context> = (request: Request, context: Context) => Promise<Response>;
type AuthorizedHandler<Context> = (request: Request, context: Context, principal: Principal) => Promise<Response>;

/**
 * Wraps a route handler: the caller must hold `permission` (`'public'` lets anyone in), every
 * failure leaves as a JSON error with the right status, and every answer, failures included, is
 * counted and timed by route pattern (the server's own metrics) and logged in one line, under a
 * request id the response echoes in `x-request-id`.
 */
export function route<Context>(permission: Permission | 'public', handler: AuthorizedHandler<Context>): Handler<Context> {
  return async (request, context) => {
    const started = performance.now();
    const requestId = requestIdOf(request);
    let principal: Principal | null = null;
    let response: Response;
    try {
      principal = permission === 'public' ? await authenticateQuietly(request) : await authorize(request, permission);
      response = await handler(request, context, principal);
    } catch (error) {
      response = errorResponse(error, request, requestId);
    }
    const durationMs = performance.now() - started;
    recordHttpRequest(request, response.status, durationMs);
    logRequest(request, requestId, response.status, durationMs, principal);
    return withRequestId(response, requestId);
  };
}

/** What a client may send as its own request id: short, and nothing a log line could be forged with. */
const CLIENT_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The client's `x-request-id` when it is sane (so a trace spans its systems and ours), else a new one. */
export function requestIdOf(request: Request): string {
  const sent = request.headers.get('x-request-id');
  return sent !== null && CLIENT_REQUEST_ID.test(sent) ? sent : crypto.randomUUID();
}

/**
 * One line per answered request. Who asked is named by kind and id only: never a key's secret, a
 * cookie or a header. The route is the pattern (`/api/v1/items/[id]`), like the metrics' label.
 */
function logRequest(request: Request, requestId: string, status: number, durationMs: number, principal: Principal | null): void {
  if (!log.enabled('info')) return;
  log.info('request', {
    requestId,
    method: request.method,
    route: routePattern(request.url) ?? new URL(request.url).pathname,
    status,
    durationMs: Math.round(durationMs * 100) / 100,
    principal: principal?.kind ?? null,
    ...(principal?.kind === 'key' && { apiKeyId: principal.id }),
    ...(principal?.kind === 'user' && { userId: principal.id }),
  });
}

function withRequestId(response: Response, requestId: string): Response {
  try {
    response.headers.set('x-request-id', requestId);
    return response;
  } catch {
    // Some responses (redirects, fetched ones) have immutable headers: answer with a copy.
    const copy = new Response(response.body, response);
    copy.headers.set('x-request-id', requestId);
    return copy;
  }
}

/** Public routes still learn who is asking when they can, but never refuse for it. */
async function authenticateQuietly(request: Request): Promise<Principal> {
  return authenticate(request).catch((): Principal => ({ kind: 'anonymous', scopes: [] }));
}

/** `requestId` ties the log line of an unexpected error to the request's own line. */
export function errorResponse(error: unknown, request?: Request, requestId?: string): Response {
  const apiError = apiErrorOf(error) ?? unexpected(error, request, requestId);
  const body = { error: { code: apiError.code, message: apiError.message, ...(apiError.fields.length > 0 && { fields: apiError.fields }) } };
  return Response.json(body, { status: apiError.status });
}

function unexpected(error: unknown, request?: Request, requestId?: string): ApiError {
  if (isUnavailable(error)) {
    log.warn(`dependency unavailable during ${request?.method} ${request?.url}`, { requestId, detail: messageOf(error) });
    return ApiError.unavailable('a storage dependency is unavailable; retry shortly');
  }
  log.error(`unhandled error during ${request?.method} ${request?.url}`, { requestId, err: error });
  return new ApiError(500, 'internal_error', 'internal error');
}

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', '57P01', '57P03', '53300']);

function isUnavailable(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  return UNAVAILABLE_CODES.has(code);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
