import 'server-only';
import type { AuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getConnection } from '@/db';
import { getConfig } from '@/lib/config';
import { verifyCredentials } from './console-users';
import { isSignInBlocked, recordSignInFailure, recordSignInSuccess } from './rate-limit';
import { signInCounter } from './sign-in-counter';
import { signInSchema } from './schema';
import { getAuthSecret } from './secret';

export const TOO_MANY_ATTEMPTS = 'Too many sign-in attempts. Wait 15 minutes and try again.';
export const WRONG_CREDENTIALS = 'That email and password do not match an account.';

function clientAddress(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.['x-forwarded-for'];
  return (typeof forwarded === 'string' && forwarded.split(',')[0]?.trim()) || 'direct';
}

/** next-auth's options: email and password against `console_users`, sessions in a signed, expiring JWT. */
export async function getAuthOptions(): Promise<AuthOptions> {
  const maxAge = Math.round(getConfig().auth.sessionHours * 3600);
  return {
    secret: await getAuthSecret(),
    session: { strategy: 'jwt', maxAge },
    jwt: { maxAge },
    pages: { signIn: '/signin', error: '/signin' },
    providers: [
      CredentialsProvider({
        name: 'Email',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(credentials, request) {
          const parsed = signInSchema.safeParse(credentials);
          if (!parsed.success) throw new Error(WRONG_CREDENTIALS);
          const { email, password } = parsed.data;
          const counter = signInCounter();
          const address = clientAddress(request.headers);
          if (await isSignInBlocked(counter, email, address)) throw new Error(TOO_MANY_ATTEMPTS);
          const user = await verifyCredentials(await getConnection(), email, password);
          if (!user) {
            await recordSignInFailure(counter, email, address);
            throw new Error(WRONG_CREDENTIALS);
          }
          await recordSignInSuccess(counter, email, address);
          return { id: String(user.id), email: user.email, name: user.name || user.email, role: user.role };
        },
      }),
    ],
    callbacks: {
      // The token carries only the user's id; the role is read fresh on each request (authenticate.ts).
      jwt: ({ token, user }) => (user ? { ...token, sub: user.id } : token),
    },
  };
}
