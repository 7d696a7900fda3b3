import { describe, expect, it } from 'vitest';
import { getCache } from '@/lib/cache';

describe('deleting keys by prefix', () => {
  it('deletes every key under the prefixes, taking glob characters literally, and nothing else', async () => {
    const cache = getCache();
    const keys = ['rec:a*:1', 'rec:a*:2', 'reclist:a*:x', 'rec:ab:1', 'rec:a?:1', 'reclist:a:y', 'other:a*:1'];
    for (const key of keys) await cache.set(key, 'v', 60);
    await cache.deletePrefixes(['rec:a*:', 'reclist:a*:']);
    const left = [];
    for (const key of keys) if ((await cache.get(key)) !== null) left.push(key);
    expect(left).toEqual(['rec:ab:1', 'rec:a?:1', 'reclist:a:y', 'other:a*:1']);
  });
});
