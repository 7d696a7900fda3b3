import { getCache, type Cache } from '@/lib/cache';
import { MemoryCache } from '@/lib/cache/memory';
import { withTimeout } from '@/lib/runtime/circuit-breaker';
import { log } from '@/lib/runtime/log';
import { processSingleton } from '@/lib/runtime/singleton';
import type { WindowCounter } from './rate-limit';

/** Long enough for a healthy Redis under load; short enough that a sign-in is not held by a dead one. */
const SHARED_TIMEOUT_MS = 500;

export interface SignInCountingHealth {
  /** `shared`: every instance sees the same counts. `in-process`: the shared store failed, each instance counts alone. */
  counting: 'shared' | 'in-process';
  since: string | null;
  last_error: string | null;
}

/** Enough distinct accounts and addresses for an attack's worth of keys; the oldest are evicted first. */
const LOCAL_KEYS = 50_000;

/** The process's sign-in counter: the shared cache, with this process as the fallback. */
export function signInCounter(): FallbackCounter {
  return processSingleton('sign-in-counter', () => {
    // Past the response cache's circuit and timeouts: a limit that cannot be read must not read as zero attempts.
    const shared = cacheCounter(() => getCache().inner);
    const local = new MemoryCache(LOCAL_KEYS);
    return new FallbackCounter(shared, cacheCounter(() => local));
  });
}

/** `cache` is a getter: the shared cache may be closed and opened again (tests, reconnection). */
export function cacheCounter(cache: () => Cache): WindowCounter {
  return {
    increment: (key, windowSeconds) => cache().increment(key, windowSeconds),
    read: async (key) => Number((await cache().get(key)) ?? 0),
    reset: (key) => cache().delete(key),
  };
}

/**
 * Counts sign-in attempts in the shared store, and in this process while the shared store cannot
 * answer: a Redis outage must neither lock everyone out nor lift the limit. Failures are still
 * counted locally, so guessing does not get easier while Redis is down.
 */
export class FallbackCounter implements WindowCounter {
  private fallingBackSince: number | null = null;
  private lastError: string | null = null;

  constructor(
    private readonly shared: WindowCounter,
    private readonly local: WindowCounter,
    private readonly timeoutMs = SHARED_TIMEOUT_MS,
  ) {}

  increment(key: string, windowSeconds: number): Promise<number> {
    return this.attempt((counter) => counter.increment(key, windowSeconds));
  }

  read(key: string): Promise<number> {
    return this.attempt((counter) => counter.read(key));
  }

  reset(key: string): Promise<void> {
    return this.attempt((counter) => counter.reset(key));
  }

  health(): SignInCountingHealth {
    const since = this.fallingBackSince;
    return { counting: since === null ? 'shared' : 'in-process', since: since === null ? null : new Date(since).toISOString(), last_error: this.lastError };
  }

  private async attempt<T>(operation: (counter: WindowCounter) => Promise<T>): Promise<T> {
    try {
      const value = await withTimeout(this.timeoutMs, () => operation(this.shared), () => new Error(`the shared store did not answer within ${this.timeoutMs} ms`));
      if (this.fallingBackSince !== null) log.info('sign-in attempts are counted in the shared store again');
      this.fallingBackSince = null;
      return value;
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      if (this.fallingBackSince === null) {
        this.fallingBackSince = Date.now();
        log.warn('sign-in attempts are counted in this process: the shared store failed', this.lastError);
      }
      return operation(this.local);
    }
  }
}
