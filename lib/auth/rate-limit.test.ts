import { describe, expect, it } from 'vitest';
import { MemoryCache } from '@/lib/cache/memory';
import { isSignInBlocked, recordSignInFailure, recordSignInSuccess, type WindowCounter } from './rate-limit';

function counterAt(clock: { now: number }): WindowCounter {
  const cache = new MemoryCache(1000, () => clock.now);
  return {
    increment: (key, seconds) => cache.increment(key, seconds),
    read: async (key) => Number((await cache.get(key)) ?? 0),
    reset: (key) => cache.delete(key),
  };
}

const LIMITS = { windowSeconds: 60, perAccount: 3, perAddress: 5 };

describe('sign-in rate limit', () => {
  it('blocks an account after its failures, until the window passes', async () => {
    const clock = { now: 0 };
    const counter = counterAt(clock);
    for (let attempt = 0; attempt < 3; attempt += 1) await recordSignInFailure(counter, 'Ada@x.test', '10.0.0.1', LIMITS);
    expect(await isSignInBlocked(counter, 'ada@x.test', '10.0.0.2', LIMITS)).toBe(true);
    expect(await isSignInBlocked(counter, 'bob@x.test', '10.0.0.2', LIMITS)).toBe(false);
    clock.now = 61_000;
    expect(await isSignInBlocked(counter, 'ada@x.test', '10.0.0.2', LIMITS)).toBe(false);
  });

  it('blocks an address that tries many accounts', async () => {
    const counter = counterAt({ now: 0 });
    for (let attempt = 0; attempt < 5; attempt += 1) await recordSignInFailure(counter, `user${attempt}@x.test`, '10.0.0.9', LIMITS);
    expect(await isSignInBlocked(counter, 'fresh@x.test', '10.0.0.9', LIMITS)).toBe(true);
  });

  it("forgets an account's failures after a success", async () => {
    const counter = counterAt({ now: 0 });
    for (let attempt = 0; attempt < 2; attempt += 1) await recordSignInFailure(counter, 'cy@x.test', '10.0.0.3', LIMITS);
    await recordSignInSuccess(counter, 'cy@x.test', '10.0.0.3');
    await recordSignInFailure(counter, 'cy@x.test', '10.0.0.3', LIMITS);
    expect(await isSignInBlocked(counter, 'cy@x.test', '10.0.0.4', LIMITS)).toBe(false);
  });
});
