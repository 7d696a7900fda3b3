import 'server-only';
import { cookies } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { principalOfSession, SESSION_COOKIES } from './authenticate';
import { can, type Principal } from './principal';
import type { Permission } from './types';

export type ConsolePrincipal = Extract<Principal, { kind: 'user' }>;

/** The signed-in console user, or null. */
export async function currentConsoleUser(): Promise<ConsolePrincipal | null> {
  const store = await cookies();
  const token = SESSION_COOKIES.map((name) => store.get(name)?.value).find(Boolean);
  const principal = token ? await principalOfSession(token) : null;
  return principal?.kind === 'user' ? principal : null;
}

/**
 * For pages: the signed-in user when their role may do `permission`. Without a session it
 * sends them to sign in; with the wrong role it answers 403.
 */
export async function requireConsoleUser(permission: Permission, returnTo = '/'): Promise<ConsolePrincipal> {
  const user = await currentConsoleUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!can(user, permission)) forbidden();
  return user;
}
