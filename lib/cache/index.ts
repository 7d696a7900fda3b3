import 'server-only';
import { getConfig } from '@/lib/config';
import { processSingleton, takeProcessSingleton } from '@/lib/runtime/singleton';
import { MemoryCache } from './memory';
import { createRedisClient, RedisCache } from './redis';
import { resilientCache, type ResilientCache } from './resilient';

export type { Cache } from './types';
export type { ResilientCache } from './resilient';

export function getCache(): ResilientCache {
  return processSingleton<ResilientCache>('cache', () => {
    const { redis } = getConfig();
    return resilientCache(redis ? new RedisCache(createRedisClient(redis.url, redis.prefix)) : new MemoryCache());
  });
}

export async function closeCache(): Promise<void> {
  await takeProcessSingleton<ResilientCache>('cache')?.close();
}
