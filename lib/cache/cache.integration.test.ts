import { describe, expect, it } from 'vitest';
import { getCache } from '@/lib/cache';

describe('the shared cache', () => {
  it('deletes several keys at once, wherever they are stored (a cluster spreads them over its nodes)', async () => {
    const cache = getCache();
    const keys = Array.from({ length: 12 }, (_, i) => `several:${i}`);
    for (const key of keys) await cache.set(key, 'v', 60);
    await cache.delete(...keys.slice(0, 10));
    const left = [];
    for (const key of keys) if ((await cache.get(key)) !== null) left.push(key);
    expect(left).toEqual(['several:10', 'several:11']);
  });

  it('counts within a window that later increments do not extend', async () => {
    const cache = getCache().inner;
    expect(await cache.increment('attempts', 60)).toBe(1);
    expect(await cache.increment('attempts', 60)).toBe(2);
    await cache.delete('attempts');
    expect(await cache.increment('attempts', 60)).toBe(1);
  });
});
