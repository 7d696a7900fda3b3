import { authenticate, authorize } from '@/lib/auth/authenticate';
import type { Principal } from '@/lib/auth/principal';
import type { Permission } from '@/lib/auth/types';
import { recordHttpRequest } from '@/lib/metrics/record';
import { log } from '@/lib/runtime/log';
import { ApiError } from './errors';

type Handler<Context> = (request: Request, context: Context) => Promise<Response>;
type AuthorizedHandler<Context> = (request: Request, context: Context, principal: Principal) => Promise<Response>;

/**
 * Wraps a route handler: the caller must hold `permission` (`'public'` lets anyone in), every
 * failure leaves as a JSON error with the right status, and every answer, failures included, is
 * counted and timed by route pattern (the server's own metrics).
 */
export function route<Context>(permission: Permission | 'public', handler: AuthorizedHandler<Context>): Handler<Context> {
  return async (request, context) => {
    const started = performance.now();
    let response: Response;
    try {
      const principal = permission === 'public' ? await authenticateQuietly(request) : await authorize(request, permission);
      response = await handler(request, context, principal);
    } catch (error) {
      response = errorResponse(error, request);
    }
    recordHttpRequest(request, response.status, performance.now() - started);
    return response;
  };
}

/** Public routes still learn who is asking when they can, but never refuse for it. */
async function authenticateQuietly(request: Request): Promise<Principal> {
  return authenticate(request).catch((): Principal => ({ kind: 'anonymous', scopes: [] }));
}

export function errorResponse(error: unknown, request?: Request): Response {
  const apiError = error instanceof ApiError ? error : unexpected(error, request);
  const body = { error: { code: apiError.code, message: apiError.message, ...(apiError.fields.length > 0 && { fields: apiError.fields }) } };
  return Response.json(body, { status: apiError.status });
}

function unexpected(error: unknown, request?: Request): ApiError {
  if (isUnavailable(error)) {
    log.warn(`dependency unavailable during ${request?.method} ${request?.url}`, messageOf(error));
    return ApiError.unavailable('a storage dependency is unavailable; retry shortly');
  }
  log.error(`unhandled error during ${request?.method} ${request?.url}`, error);
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
