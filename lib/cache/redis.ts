import 'server-only';
import { Redis } from 'ioredis';
import type { Cache } from './types';

export function createRedisClient(url: string, keyPrefix: string): Redis {
  return new Redis(url, {
    keyPrefix,
    // Commands wait for a (re)connection, but never long: callers degrade instead of hanging.
    maxRetriesPerRequest: 1,
    commandTimeout: 1_000,
    connectTimeout: 2_000,
    // Commands issued in one tick share a round trip: the feed's reads, ingest's profile updates.
    enableAutoPipelining: true,
  });
}

export class RedisCache implements Cache {
  readonly kind = 'redis';

  constructor(private readonly redis: Redis) {}

  get(key: string): Promise<string | null> {
    return this.redis.get(key);
  }

  async set(key: string, value: string, ttlSeconds?: number): Promise<void> {
    if (ttlSeconds === undefined) await this.redis.set(key, value);
    else await this.redis.set(key, value, 'PX', Math.round(ttlSeconds * 1000));
  }

  async delete(...keys: string[]): Promise<void> {
    if (keys.length > 0) await this.redis.del(...keys);
  }

  async deletePrefix(prefix: string): Promise<void> {
    // SCAN matches whole key names: the client's own key prefix is added to the pattern and taken
    // off the names found, as DEL adds it again.
    const own = this.redis.options.keyPrefix ?? '';
    const stream = this.redis.scanStream({ match: `${escapeGlob(own + prefix)}*`, count: 1_000 });
    for await (const found of stream as AsyncIterable<string[]>) {
      if (found.length > 0) await this.redis.del(...found.map((key) => key.slice(own.length)));
    }
  }

  async increment(key: string, ttlSeconds: number): Promise<number> {
    // The window starts with the first increment and is not extended by later ones.
    const results = await this.redis.multi().set(key, '0', 'PX', Math.round(ttlSeconds * 1000), 'NX').incr(key).exec();
    return Number(results?.[1]?.[1] ?? 0);
  }

  async ping(): Promise<number> {
    const started = performance.now();
    await this.redis.ping();
    return performance.now() - started;
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
