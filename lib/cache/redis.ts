import 'server-only';
import { Redis } from 'ioredis';
import { log } from '@/lib/runtime/log';
import type { Cache } from './types';

export function createRedisClient(url: string, keyPrefix: string): Redis {
  const client = new Redis(url, {
    keyPrefix,
    // Commands wait for a (re)connection, but never long: callers degrade instead of hanging.
    maxRetriesPerRequest: 1,
    commandTimeout: 1_000,
    connectTimeout: 2_000,
    // Commands issued in one tick share a round trip: the feed's reads, ingest's profile updates.
    enableAutoPipelining: true,
  });
  // Without a listener ioredis prints every reconnection failure; one line per new error is enough.
  let lastError = '';
  client.on('error', (error: Error) => {
    if (error.message !== lastError) log.warn('redis connection error', error.message);
    lastError = error.message;
  });
  client.on('ready', () => {
    lastError = '';
  });
  return client;
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

  async deletePrefixes(prefixes: readonly string[]): Promise<void> {
    if (prefixes.length === 0) return;
    // SCAN matches whole key names: the client's own key prefix is added to the pattern and taken
    // off the names found, as DEL adds it again. One walk serves every prefix, by their common start.
    const own = this.redis.options.keyPrefix ?? '';
    const stream = this.redis.scanStream({ match: `${escapeGlob(own + commonStart(prefixes))}*`, count: 1_000 });
    for await (const found of stream as AsyncIterable<string[]>) {
      const keys = found.map((key) => key.slice(own.length)).filter((key) => prefixes.some((prefix) => key.startsWith(prefix)));
      if (keys.length > 0) await this.redis.del(...keys);
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

function commonStart(texts: readonly string[]): string {
  let start = texts[0]!;
  for (const text of texts) while (!text.startsWith(start)) start = start.slice(0, -1);
  return start;
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
