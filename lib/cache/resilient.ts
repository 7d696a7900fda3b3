import { CircuitBreaker, READ_TIMEOUT_MS, withTimeout, type CircuitHealth } from '@/lib/runtime/circuit-breaker';
import { log } from '@/lib/runtime/log';
import type { Cache } from './types';

export interface CacheResilienceOptions {
  /** A read slower than this is a miss: computing the answer is cheaper than waiting longer. */
  readTimeoutMs?: number;
  writeTimeoutMs?: number;
  failureThreshold?: number;
  cooldownMs?: number;
  now?: () => number;
}

/** The cache as responses use it: a cache that cannot answer at once is a miss, never a wait or an error. */
export interface ResilientCache extends Cache {
  health(): CircuitHealth;
  /**
   * The wrapped cache, without timeouts or circuit: for counters that must not fail open
   * (sign-in limits), where an error is the honest answer.
   */
  readonly inner: Cache;
}

export class CacheTimeoutError extends Error {
  constructor(operation: string, ms: number) {
    super(`cache ${operation} took longer than ${ms} ms`);
    this.name = 'CacheTimeoutError';
  }
}

/**
 * Guards reads and writes with short timeouts and the same circuit breaker as the feature store:
 * with Redis down, a feed pays a few milliseconds until the circuit opens, then nothing.
 * `get` answers null and `set` drops the value instead of failing.
 */
export function resilientCache(cache: Cache, options: CacheResilienceOptions = {}): ResilientCache {
  const { readTimeoutMs = READ_TIMEOUT_MS, writeTimeoutMs = 250, failureThreshold = 5, cooldownMs = 5_000, now } = options;
  const breaker = new CircuitBreaker({ name: 'response cache', whileOpen: 'serving without the response cache', failureThreshold, cooldownMs, now });
  // The in-process cache answers at once: a timer per call would be pure cost.
  const timed = <T>(operation: string, ms: number, attempt: () => Promise<T>): Promise<T> =>
    cache.kind === 'memory' ? attempt() : withTimeout(ms, attempt, () => new CacheTimeoutError(operation, ms));

  return {
    kind: cache.kind,
    inner: cache,

    async get(key) {
      const outcome = await breaker.guard(() => timed('get', readTimeoutMs, () => cache.get(key))).catch(() => ({ ok: false as const }));
      return outcome.ok ? outcome.value : null;
    },

    async set(key, value, ttlSeconds) {
      await breaker.guard(() => timed('set', writeTimeoutMs, () => cache.set(key, value, ttlSeconds))).catch((error: unknown) => {
        log.debug('response cache write dropped', (error as Error).message);
      });
    },

    // Deletes and counters are rare and must not be skipped silently: they reach the cache itself.
    delete: (...keys) => cache.delete(...keys),
    deletePrefixes: (prefixes) => cache.deletePrefixes(prefixes),
    increment: (key, ttlSeconds) => cache.increment(key, ttlSeconds),
    ping: () => cache.ping(),
    close: () => cache.close(),
    health: () => breaker.health(),
  };
}
