import 'server-only';
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { log } from '@/lib/runtime/log';
import { parseRedisUrl, singleNodeUrl } from './redis-url';
import type { Cache } from './types';

/** A connection to one Redis server or to a Redis Cluster, which routes each command to its key's node. */
export type RedisClient = Redis | Cluster;

type ConnectionOptions = Pick<RedisOptions, 'keyPrefix' | 'maxRetriesPerRequest' | 'commandTimeout' | 'connectTimeout' | 'enableAutoPipelining'>;

/** The one place that turns a REDIS_URL into a client: a `Cluster` for `redis+cluster://`, else a `Redis`. */
export function connectRedis(url: string, options: ConnectionOptions): RedisClient {
  const target = parseRedisUrl(url);
  if (target.kind === 'single') return new Redis(url, options);
  const { keyPrefix, enableAutoPipelining, ...perNode } = options;
  return new Cluster(target.nodes, {
    keyPrefix,
    enableAutoPipelining,
    redisOptions: { ...perNode, username: target.username, password: target.password, ...(target.tls ? { tls: {} } : {}) },
  });
}

/** The nodes that hold keys: every master of a cluster, or the one server. */
export async function keyNodes(client: RedisClient): Promise<Redis[]> {
  if (!(client instanceof Cluster)) return [client];
  // A cluster knows its masters once connected; a first command waits for that.
  if (client.status !== 'ready') await client.ping();
  return client.nodes('master');
}

const APPLICATION_OPTIONS = {
  // Commands wait for a (re)connection, but never long: callers degrade instead of hanging.
  maxRetriesPerRequest: 1,
  commandTimeout: 1_000,
  connectTimeout: 2_000,
  // Commands issued in one tick share a round trip (per node in a cluster): the feed's reads, ingest's profile updates.
  enableAutoPipelining: true,
} satisfies ConnectionOptions;

export function createRedisClient(url: string, keyPrefix: string): RedisClient {
  return logErrors(connectRedis(url, { ...APPLICATION_OPTIONS, keyPrefix }));
}

/** A plain connection to the server, or to a cluster's first node: for listening to PUBLISH, which every node hears. */
export function createSingleNodeClient(url: string): Redis {
  return logErrors(new Redis(singleNodeUrl(url), APPLICATION_OPTIONS));
}

function logErrors<Client extends RedisClient>(client: Client): Client {
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

  constructor(private readonly redis: RedisClient) {}

  get(key: string): Promise<string | null> {
    return this.redis.get(key);
  }

  async set(key: string, value: string, ttlSeconds?: number): Promise<void> {
    if (ttlSeconds === undefined) await this.redis.set(key, value);
    else await this.redis.set(key, value, 'PX', Math.round(ttlSeconds * 1000));
  }

  async delete(...keys: string[]): Promise<void> {
    // One DEL per key: a cluster refuses a DEL whose keys hash to different slots. Auto-pipelining
    // still sends them in one round trip per node.
    await Promise.all(keys.map((key) => this.redis.del(key)));
  }

  async deletePrefixes(prefixes: readonly string[]): Promise<void> {
    if (prefixes.length === 0) return;
    // SCAN matches whole key names: the client's own key prefix is added to the pattern and taken
    // off the names found, as DEL adds it again. One walk serves every prefix, by their common start;
    // a cluster's keys are spread over its masters, so each of them is walked.
    const own = this.redis.options.keyPrefix ?? '';
    const match = `${escapeGlob(own + commonStart(prefixes))}*`;
    await Promise.all(
      (await keyNodes(this.redis)).map(async (node) => {
        for await (const found of node.scanStream({ match, count: 1_000 }) as AsyncIterable<string[]>) {
          await this.delete(...found.map((key) => key.slice(own.length)).filter((key) => prefixes.some((prefix) => key.startsWith(prefix))));
        }
      }),
    );
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
