import 'server-only';
import { getConfig } from '@/lib/config';
import { processSingleton, takeProcessSingleton } from '@/lib/runtime/singleton';
import { MemoryCache } from './memory';
import { createRedisClient, RedisCache } from './redis';
import type { Cache } from './types';

export type { Cache } from './types';

export function getCache(): Cache {
  return processSingleton<Cache>('cache', () => {
    const { redis } = getConfig();
    return redis ? new RedisCache(createRedisClient(redis.url, redis.prefix)) : new MemoryCache();
  });
}

export async function closeCache(): Promise<void> {
  await takeProcessSingleton<Cache>('cache')?.close();
}
