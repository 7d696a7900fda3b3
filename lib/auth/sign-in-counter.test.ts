import { describe, expect, it } from 'vitest';
import { MemoryCache } from '@/lib/cache/memory';
import { cacheCounter, FallbackCounter } from './sign-in-counter';
import type { WindowCounter } from './rate-limit';

function failing(error: Error): WindowCounter {
  const fail = () => Promise.reject(error);
  return { increment: fail, read: fail, reset: fail };
}

const hanging: WindowCounter = { increment: () => new Promise(() => undefined), read: () => new Promise(() => undefined), reset: () => new Promise(() => undefined) };

describe('FallbackCounter', () => {
  it('counts in the shared store while it answers', async () => {
    const shared = new MemoryCache();
    const local = new MemoryCache();
    const counter = new FallbackCounter(cacheCounter(() => shared), cacheCounter(() => local));
    await counter.increment('k', 60);
    expect(await counter.read('k')).toBe(1);
    expect(await local.get('k')).toBeNull();
    expect(counter.health().counting).toBe('shared');
  });

  it('keeps counting in the process when the shared store fails, and says so', async () => {
    const local = new MemoryCache();
    const fallingBack = new FallbackCounter(failing(new Error('connect ECONNREFUSED')), cacheCounter(() => local));
    for (let attempt = 0; attempt < 3; attempt += 1) await fallingBack.increment('k', 60);
    expect(await fallingBack.read('k')).toBe(3);
    expect(fallingBack.health()).toMatchObject({ counting: 'in-process', last_error: 'connect ECONNREFUSED' });
  });

  it('does not hold a sign-in on a store that never answers', async () => {
    const counter = new FallbackCounter(hanging, cacheCounter(() => new MemoryCache()), 20);
    const started = Date.now();
    expect(await counter.increment('k', 60)).toBe(1);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(counter.health().counting).toBe('in-process');
  });

  it('returns to the shared store once it answers again', async () => {
    let down = true;
    const shared = new MemoryCache();
    const flaky: WindowCounter = {
      increment: (key, seconds) => (down ? Promise.reject(new Error('down')) : shared.increment(key, seconds)),
      read: async (key) => (down ? Promise.reject(new Error('down')) : Number((await shared.get(key)) ?? 0)),
      reset: (key) => (down ? Promise.reject(new Error('down')) : shared.delete(key)),
    };
    const counter = new FallbackCounter(flaky, cacheCounter(() => new MemoryCache()));
    await counter.increment('k', 60);
    expect(counter.health().counting).toBe('in-process');
    down = false;
    await counter.increment('k', 60);
    expect(counter.health()).toMatchObject({ counting: 'shared', since: null });
  });
});
