import 'server-only';
import { decode } from 'next-auth/jwt';
import { getConnection } from '@/db';
import { ApiError } from '@/lib/api/errors';
import { getConfig } from '@/lib/config';
import { verifyApiKey } from './api-keys';
import { getConsoleUser } from './console-users';
import { bearerToken } from './key-format';
import { can, refusal, type Principal } from './principal';
import { crossSiteRefusal } from './same-origin';
import { getAuthSecret } from './secret';
import type { Permission } from './types';

export const SESSION_COOKIES = ['__Secure-next-auth.session-token', 'next-auth.session-token'];

/**
 * The principal behind a request. A bearer key must be valid (a wrong key is an error, not
 * anonymous access); a session cookie that no longer decodes, or whose user is gone, is ignored;
 * a session cookie on a state-changing request from another site is refused (CSRF).
 */
export async function authenticate(request: Request): Promise<Principal> {
  const token = bearerToken(request.headers.get('authorization'));
  if (token !== null) return principalOfKey(token);
  const sessionToken = sessionCookie(request.headers.get('cookie'));
  const principal = sessionToken ? await principalOfSession(sessionToken) : null;
  if (!principal) return anonymous();
  const crossSite = crossSiteRefusal(request);
  if (crossSite) throw ApiError.forbidden(crossSite);
  return principal;
}

/** The principal behind a request, when it may do `permission`; otherwise a 401 or 403. */
export async function authorize(request: Request, permission: Permission): Promise<Principal> {
  const principal = await authenticate(request);
  if (can(principal, permission)) return principal;
  const { status, message } = refusal(principal, permission);
  throw status === 401 ? ApiError.unauthorized(message) : ApiError.forbidden(message);
}

export async function principalOfSession(sessionToken: string): Promise<Principal | null> {
  const payload = await decode({ token: sessionToken, secret: await getAuthSecret() }).catch(() => null);
  const id = Number(payload?.sub);
  if (!Number.isInteger(id)) return null;
  // Read the user on every request: a deleted user or a changed role takes effect at once.
  const user = await getConsoleUser(await getConnection(), id);
  return user && { kind: 'user', id: user.id, email: user.email, name: user.name, role: user.role };
}

async function principalOfKey(secret: string): Promise<Principal> {
  const key = await verifyApiKey(await getConnection(), secret);
  if (!key) throw ApiError.unauthorized('the API key is unknown or was revoked');
  return { kind: 'key', id: key.id, name: key.name, scopes: key.scopes };
}

function anonymous(): Principal {
  return { kind: 'anonymous', scopes: getConfig().auth.anonymousScopes };
}

export function sessionCookie(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    const name = part.slice(0, separator).trim();
    if (SESSION_COOKIES.includes(name)) return decodeURIComponent(part.slice(separator + 1).trim());
  }
  return null;
}
