import 'server-only';
import { getConnection } from '@/db';
import { createRedisClient } from '@/lib/cache/redis';
import { getConfig } from '@/lib/config';
import type { NewEvent } from '@/lib/events/schema';
import { DEFAULT_EVENT_WEIGHTS, type EventWeights } from '@/lib/events/types';
import { publishChange } from '@/lib/runtime/changes';
import { log } from '@/lib/runtime/log';
import { processSingleton, takeProcessSingleton } from '@/lib/runtime/singleton';
import { Refreshing } from '@/lib/serving/refreshing';
import { eventWeightsSetting } from '@/lib/settings/event-weights';
import { readSetting } from '@/lib/settings/store';
import { MemoryFeatureStore } from './memory-store';
import type { RealtimeEvent } from './profile';
import { RedisFeatureStore } from './redis-store';
import { resilient, type ResilientFeatureStore } from './resilient';

export { affinityAt, applyEvents, RECENT_LIMIT } from './profile';
export type { FeatureStore, RealtimeEvent, RealtimeProfile, RecentInteraction, SessionContext } from './profile';
export type { CircuitState, FeatureStoreHealth, ResilientFeatureStore } from './resilient';

const STORE = 'realtime-feature-store';

/** Redis when configured, so every web instance sees the same profile; process memory otherwise. */
export function getFeatureStore(): ResilientFeatureStore {
  return processSingleton(STORE, () => {
    const { redis } = getConfig();
    return resilient(redis ? new RedisFeatureStore(createRedisClient(redis.url, redis.prefix)) : new MemoryFeatureStore());
  });
}

export async function closeFeatureStore(): Promise<void> {
  await takeProcessSingleton<ResilientFeatureStore>(STORE)?.close();
}

type CategoryLookup = (itemId: string) => string | null;

// In the process registry, not a module variable: Next may load this module once per route bundle,
// and the serving layer's registration must reach the events route.
const lookupHolder = () => processSingleton<{ lookup: CategoryLookup | null }>('realtime-category-lookup', () => ({ lookup: null }));

/** The serving layer registers its in-memory catalogue here; null unregisters. */
export function setCategoryLookup(lookup: CategoryLookup | null): void {
  lookupHolder().lookup = lookup;
}

/** An item's category by the registered lookup, or null while none is registered. */
export function categoryOf(itemId: string): string | null {
  return lookupHolder().lookup?.(itemId) ?? null;
}

/** Bounds the writes in flight for one large batch, so a bulk post cannot trip the write timeouts. */
const MAX_PARALLEL_USERS = 32;

export async function recordRealtimeEvents(events: NewEvent[], lookup: CategoryLookup, weights: EventWeights): Promise<void> {
  const store = getFeatureStore();
  const byUser = new Map<string, RealtimeEvent[]>();
  for (const event of events) {
    const realtime: RealtimeEvent = {
      itemId: event.itemId,
      type: event.type,
      at: event.occurredAt.getTime(),
      sessionId: event.sessionId,
      category: lookup(event.itemId),
      value: event.value,
    };
    const mine = byUser.get(event.userId);
    if (mine) mine.push(realtime);
    else byUser.set(event.userId, [realtime]);
  }
  const users = [...byUser];
  for (let start = 0; start < users.length; start += MAX_PARALLEL_USERS) {
    await Promise.all(users.slice(start, start + MAX_PARALLEL_USERS).map(([userId, mine]) => store.record(userId, mine, weights)));
  }
}

/**
 * The events the ingestor newly stored. An id reported as a duplicate n times stands for its last n
 * occurrences here: the first copy in a request is the one written, unless it was stored before.
 */
export function newlyAccepted(events: NewEvent[], duplicateEventIds: string[]): NewEvent[] {
  if (duplicateEventIds.length === 0) return events;
  const duplicates = new Map<string, number>();
  for (const id of duplicateEventIds) duplicates.set(id, (duplicates.get(id) ?? 0) + 1);
  const remaining = new Map<string, number>();
  for (const event of events) remaining.set(event.eventId, (remaining.get(event.eventId) ?? 0) + 1);
  return events.filter((event) => {
    const left = remaining.get(event.eventId)!;
    remaining.set(event.eventId, left - 1);
    return left > (duplicates.get(event.eventId) ?? 0);
  });
}

const WEIGHTS_REFRESH_MS = 10_000;

function weightsState(): Refreshing<EventWeights> {
  return processSingleton(
    'realtime-event-weights',
    () =>
      new Refreshing(async () => readSetting(await getConnection(), eventWeightsSetting), {
        maxAgeMs: WEIGHTS_REFRESH_MS,
        staleWhileRefreshing: true,
        invalidatedBy: 'event-weights',
        onError: (error) => log.warn('could not read event weights; keeping the previous ones', (error as Error).message),
      }),
  );
}

/**
 * The event-type weights from settings without a query per request: re-read when a write
 * publishes a change, or at most every ten seconds, serving the last value while that runs.
 */
export async function currentEventWeights(): Promise<EventWeights> {
  return weightsState()
    .get()
    .catch(() => DEFAULT_EVENT_WEIGHTS);
}

/** Event-weight writes call this: the next event and response of every process uses them. */
export function eventWeightsChanged(): void {
  publishChange('event-weights');
}
