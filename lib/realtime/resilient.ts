import type { EventWeights } from '@/lib/events/types';
import { log } from '@/lib/runtime/log';
import { applyEvents, type FeatureStore, type RealtimeEvent, type RealtimeProfile } from './profile';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface FeatureStoreHealth {
  state: CircuitState;
  lastError: string | null;
}

export interface ResilienceOptions {
  /** A read slower than this is abandoned: recommendations fall back to defaults rather than wait. */
  timeoutMs?: number;
  /** Writes and forgets may take longer: they are off the recommendation path. */
  writeTimeoutMs?: number;
  failureThreshold?: number;
  cooldownMs?: number;
  now?: () => number;
}

export interface ResilientFeatureStore extends FeatureStore {
  health(): FeatureStoreHealth;
  /** The wrapped store, for diagnostics and tests that must not be subject to the timeouts. */
  readonly inner: FeatureStore;
}

export class FeatureStoreTimeoutError extends Error {
  constructor(operation: string, ms: number) {
    super(`feature store ${operation} took longer than ${ms} ms`);
    this.name = 'FeatureStoreTimeoutError';
  }
}

/**
 * Consecutive failures open the circuit: calls then return at once instead of each waiting out a
 * timeout against a store that is down. After the cooldown one trial call decides whether to close.
 */
class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;
  lastError: string | null = null;

  constructor(
    private readonly threshold: number,
    private readonly cooldownMs: number,
    private readonly now: () => number,
  ) {}

  get state(): CircuitState {
    if (this.openedAt === null) return 'closed';
    return this.trialInFlight || this.cooledDown() ? 'half-open' : 'open';
  }

  /** Whether a call may reach the store now; while half-open only the one trial does. */
  admit(): boolean {
    if (this.openedAt === null) return true;
    if (this.trialInFlight || !this.cooledDown()) return false;
    this.trialInFlight = true;
    return true;
  }

  succeed(): void {
    if (this.openedAt !== null) log.info('feature store circuit closed: the store answers again');
    this.failures = 0;
    this.openedAt = null;
    this.trialInFlight = false;
    this.lastError = null;
  }

  fail(error: unknown): void {
    this.lastError = error instanceof Error ? error.message : String(error);
    this.failures += 1;
    const wasOpen = this.openedAt !== null;
    if (wasOpen || this.failures >= this.threshold) {
      if (!wasOpen) log.warn(`feature store circuit open after ${this.failures} failures; serving without real-time features`, this.lastError);
      this.openedAt = this.now();
    }
    this.trialInFlight = false;
  }

  private cooledDown(): boolean {
    return this.openedAt !== null && this.now() - this.openedAt >= this.cooldownMs;
  }
}

function withTimeout<T>(operation: string, ms: number, attempt: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    // Timers run before I/O callbacks in each turn of the event loop: on a busy loop an answer
    // already waiting in the socket would lose to the timer. setImmediate runs after the I/O
    // phase, so a timeout only fires when the answer has truly not arrived.
    const timer = setTimeout(() => setImmediate(() => reject(new FeatureStoreTimeoutError(operation, ms))), ms);
    // A late answer after the timeout settles nothing, and a late failure is not left unhandled.
    Promise.resolve()
      .then(attempt)
      .then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
  });
}

/**
 * Real-time features are an enhancement: a slow or broken store must cost a recommendation
 * request at most `timeoutMs`, and must never fail an ingest whose events are already durable.
 */
export function resilient(store: FeatureStore, options: ResilienceOptions = {}): ResilientFeatureStore {
  const { timeoutMs = 5, writeTimeoutMs = 250, failureThreshold = 5, cooldownMs = 5_000, now = Date.now } = options;
  const breaker = new CircuitBreaker(failureThreshold, cooldownMs, now);
  // Writes to the in-process store finish at once: a timer per write (one per user of every
  // ingested batch) would be pure cost. Reads keep theirs, one per request, whatever the store.
  const timedWrite = store.kind === 'memory' ? <T>(_operation: string, _ms: number, attempt: () => Promise<T>) => attempt() : withTimeout;

  async function guarded<T>(operation: string, ms: number, attempt: () => Promise<T>, timed = withTimeout): Promise<{ ok: true; value: T } | { ok: false }> {
    if (!breaker.admit()) return { ok: false };
    try {
      const value = await timed(operation, ms, attempt);
      breaker.succeed();
      return { ok: true, value };
    } catch (error) {
      breaker.fail(error);
      throw error;
    }
  }

  return {
    kind: store.kind,
    inner: store,

    async read(userId) {
      const outcome = await guarded('read', timeoutMs, () => store.read(userId)).catch(() => ({ ok: false as const }));
      return outcome.ok ? outcome.value : null;
    },

    /**
     * Never throws. When the store could not record, the answer is a profile of these events
     * alone, so a caller can still show what just happened; it was not stored.
     */
    async record(userId: string, events: RealtimeEvent[], weights: EventWeights): Promise<RealtimeProfile> {
      const outcome = await guarded('record', writeTimeoutMs, () => store.record(userId, events, weights), timedWrite).catch((error: unknown) => {
        log.warn(`could not record ${events.length} real-time events for user ${userId}`, (error as Error).message);
        return { ok: false as const };
      });
      return outcome.ok ? outcome.value : applyEvents(null, events, weights);
    },

    /** Forgetting is an obligation, not an enhancement: it bypasses the open circuit and reports failure. */
    async forget(userId) {
      try {
        await timedWrite('forget', writeTimeoutMs, () => store.forget(userId));
        breaker.succeed();
      } catch (error) {
        breaker.fail(error);
        throw error;
      }
    },

    /**
     * Asked once every few seconds, so it may wait as long as a write. A store that does not answer
     * is not read back from the database: serving is degraded meanwhile, and says so.
     */
    async completeSince() {
      const outcome = await guarded('completeSince', writeTimeoutMs, () => store.completeSince()).catch(() => ({ ok: false as const }));
      return outcome.ok ? outcome.value : 0;
    },

    close: () => store.close(),

    health: () => ({ state: breaker.state, lastError: breaker.lastError }),
  };
}
