/**
 * Fixed-window counting for sign-in attempts. The window's counts live in the shared cache, so
 * every web instance sees the same ones; this module holds only the arithmetic.
 */
export interface WindowCounter {
  /** Adds one to `key` and returns the count in the current window. */
  increment(key: string, windowSeconds: number): Promise<number>;
  read(key: string): Promise<number>;
  reset(key: string): Promise<void>;
}

export interface SignInLimits {
  windowSeconds: number;
  perAccount: number;
  perAddress: number;
}

export const SIGN_IN_LIMITS: SignInLimits = { windowSeconds: 15 * 60, perAccount: 5, perAddress: 30 };

export function signInKeys(email: string, address: string): { account: string; address: string } {
  return { account: `signin:account:${email.trim().toLowerCase()}`, address: `signin:address:${address}` };
}

export async function isSignInBlocked(counter: WindowCounter, email: string, address: string, limits = SIGN_IN_LIMITS): Promise<boolean> {
  const keys = signInKeys(email, address);
  const [account, fromAddress] = await Promise.all([counter.read(keys.account), counter.read(keys.address)]);
  return account >= limits.perAccount || fromAddress >= limits.perAddress;
}

export async function recordSignInFailure(counter: WindowCounter, email: string, address: string, limits = SIGN_IN_LIMITS): Promise<void> {
  const keys = signInKeys(email, address);
  await Promise.all([counter.increment(keys.account, limits.windowSeconds), counter.increment(keys.address, limits.windowSeconds)]);
}

export async function recordSignInSuccess(counter: WindowCounter, email: string, address: string): Promise<void> {
  await counter.reset(signInKeys(email, address).account);
}
