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
  private readonly createdAt: number;

  constructor(
    private readonly maxUsers = 200_000,
    private readonly now: () => number = Date.now,
  ) {
    this.createdAt = now();
  }

  async read(userId: string): Promise<RealtimeProfile | null> {
    const entry = this.live(userId);
    return entry ? structuredClone(entry.profile) : null;
  }

  async record(userId: string, events: RealtimeEvent[], weights: EventWeights): Promise<RealtimeProfile> {
    // Ingest calls this for every user of every batch: `live` has already moved the entry to the
    // young end, so an existing entry is updated in place rather than re-inserted.
    const entry = this.live(userId);
    const profile = applyEvents(entry?.profile ?? null, events, weights);
    if (entry) {
      entry.profile = profile;
      entry.touchedAt = this.now();
    } else {
      this.entries.set(userId, { profile, touchedAt: this.now() });
      this.evictBeyondLimit();
    }
    // Frozen rather than copied (ingest ignores the result, and copying was most of its cost):
    // a caller still cannot change what is stored. `applyEvents` never mutates its input.
    return freezeProfile(profile);
  }

  async forget(userId: string): Promise<void> {
    this.entries.delete(userId);
  }

  async completeSince(): Promise<number> {
    return this.createdAt;
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

function freezeProfile(profile: RealtimeProfile): RealtimeProfile {
  Object.freeze(profile.recent);
  Object.freeze(profile.categoryAffinity);
  if (profile.session) Object.freeze(profile.session);
  return Object.freeze(profile);
}
