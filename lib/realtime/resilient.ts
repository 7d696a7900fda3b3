import type { EventWeights } from '@/lib/events/types';
import { CircuitBreaker, READ_TIMEOUT_MS, withTimeout, type CircuitHealth, type CircuitState, type Guarded } from '@/lib/runtime/circuit-breaker';
import { log } from '@/lib/runtime/log';
import { applyEvents, type FeatureStore, type RealtimeEvent, type RealtimeProfile } from './profile';

export type { CircuitState };
export type FeatureStoreHealth = CircuitHealth;

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
 * Real-time features are an enhancement: a slow or broken store must cost a recommendation
 * request at most `timeoutMs`, and must never fail an ingest whose events are already durable.
 */
export function resilient(store: FeatureStore, options: ResilienceOptions = {}): ResilientFeatureStore {
  const { timeoutMs = READ_TIMEOUT_MS, writeTimeoutMs = 250, failureThreshold = 5, cooldownMs = 5_000, now = Date.now } = options;
  const breaker = new CircuitBreaker({ name: 'feature store', whileOpen: 'serving without real-time features', failureThreshold, cooldownMs, now });
  const timed = <T>(operation: string, ms: number, attempt: () => Promise<T>) => withTimeout(ms, attempt, () => new FeatureStoreTimeoutError(operation, ms));
  // Writes to the in-process store finish at once: a timer per write (one per user of every
  // ingested batch) would be pure cost. Reads keep theirs, one per request, whatever the store.
  const timedWrite = store.kind === 'memory' ? <T>(_operation: string, _ms: number, attempt: () => Promise<T>) => attempt() : timed;

  function guarded<T>(operation: string, ms: number, attempt: () => Promise<T>, timing = timed): Promise<Guarded<T>> {
    return breaker.guard(() => timing(operation, ms, attempt));
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

    health: () => breaker.health(),
  };
}
