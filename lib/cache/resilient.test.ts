import { createServer } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tailorMetrics } from '@/lib/metrics/registry';
import { log } from '@/lib/runtime/log';
import { MemoryCache } from './memory';
import { createRedisClient, RedisCache } from './redis';
import { resilientCache } from './resilient';

/** A port nothing listens on: connections are refused, as when Redis is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('resilient cache', () => {
  afterEach(() => vi.restoreAllMocks());

  it('misses fast against a Redis that is down, then stops calling it once the circuit opens', async () => {
    vi.spyOn(log, 'warn').mockImplementation(() => undefined);
    const redis = createRedisClient(`redis://127.0.0.1:${await closedPort()}`, 'tailor:test:');
    const inner = new RedisCache(redis);
    const cache = resilientCache(inner, { readTimeoutMs: 5, failureThreshold: 3, cooldownMs: 60_000 });
    try {
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        expect(await cache.get('rec:u')).toBeNull();
        // The client's own command timeout is 1 s: the guard must not wait for it.
        expect(performance.now() - started).toBeLessThan(100);
      }
      expect(cache.health().state).toBe('open');
      // 2 is open in the exported gauge.
      const gauge = await tailorMetrics().circuitState.get();
      expect(gauge.values.find((sample) => sample.labels.circuit === 'response_cache')?.value).toBe(2);

      const reads = vi.spyOn(inner, 'get');
      const writes = vi.spyOn(inner, 'set');
      const started = performance.now();
      for (let i = 0; i < 100; i++) {
        expect(await cache.get('rec:u')).toBeNull();
        await cache.set('rec:u', 'value', 60);
      }
      // Under a millisecond a call on average, on a shared machine; the spies prove no call reached Redis.
      expect(performance.now() - started).toBeLessThan(200);
      expect(reads).not.toHaveBeenCalled();
      expect(writes).not.toHaveBeenCalled();
    } finally {
      redis.disconnect();
    }
  });

  it('drops a write that fails instead of throwing, and reports the error', async () => {
    const inner = new MemoryCache();
    vi.spyOn(inner, 'set').mockRejectedValue(new Error('cache down'));
    const cache = resilientCache(inner, { failureThreshold: 5 });
    await expect(cache.set('k', 'v')).resolves.toBeUndefined();
    expect(cache.health()).toEqual({ state: 'closed', lastError: 'cache down' });
  });

  it('closes again after the cooldown when the cache answers', async () => {
    vi.spyOn(log, 'warn').mockImplementation(() => undefined);
    vi.spyOn(log, 'info').mockImplementation(() => undefined);
    let clock = 0;
    const inner = new MemoryCache();
    await inner.set('k', 'v');
    const failing = vi.spyOn(inner, 'get').mockRejectedValue(new Error('cache down'));
    const cache = resilientCache(inner, { failureThreshold: 2, cooldownMs: 1_000, now: () => clock });
    await cache.get('k');
    await cache.get('k');
    expect(cache.health().state).toBe('open');
    failing.mockRestore();
    expect(await cache.get('k')).toBeNull();
    clock += 1_000;
    expect(await cache.get('k')).toBe('v');
    expect(cache.health()).toEqual({ state: 'closed', lastError: null });
  });
});
