import type { EventWeights } from '@/lib/events/types';
import { applyEvents, type FeatureStore, type RealtimeEvent, type RealtimeProfile } from './profile';

export const PROFILE_IDLE_TTL_MS = 30 * 24 * 60 * 60 * 1000;

interface Entry {
  profile: RealtimeProfile;
  touchedAt: number;
}

/**
 * Profiles in process, for the single-instance default. Bounded least-recently-used eviction:
 * a busy process must not grow without limit. Updates are synchronous, so concurrent records
 * to one user cannot interleave.
 */
export class MemoryFeatureStore implements FeatureStore {
  readonly kind = 'memory';
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxUsers = 200_000,
    private readonly now: () => number = Date.now,
  ) {}

  async read(userId: string): Promise<RealtimeProfile | null> {
    const entry = this.live(userId);
    return entry ? structuredClone(entry.profile) : null;
  }

  async record(userId: string, events: RealtimeEvent[], weights: EventWeights): Promise<RealtimeProfile> {
    const profile = applyEvents(this.live(userId)?.profile ?? null, events, weights);
    this.entries.delete(userId);
    this.entries.set(userId, { profile, touchedAt: this.now() });
    this.evictBeyondLimit();
    // Callers get a copy: mutating it must not change what the next read sees.
    return structuredClone(profile);
  }

  async forget(userId: string): Promise<void> {
    this.entries.delete(userId);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }

  /** Idle expiry as in Redis: only writes keep a profile alive. */
  private live(userId: string): Entry | null {
    const entry = this.entries.get(userId);
    if (!entry) return null;
    if (this.now() - entry.touchedAt > PROFILE_IDLE_TTL_MS) {
      this.entries.delete(userId);
      return null;
    }
    // Re-inserting moves the user to the young end of the map's order.
    this.entries.delete(userId);
    this.entries.set(userId, entry);
    return entry;
  }

  private evictBeyondLimit(): void {
    while (this.entries.size > this.maxUsers) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }
}
