import { z } from 'zod';
import { EVENT_TYPES, type EventType, type EventWeights } from '@/lib/events/types';

/**
 * A user's real-time profile: what they touched in the last minutes, the session they are in,
 * and category affinities that fade with a half-life. Pure: the stores persist it, and the Redis
 * store's Lua script mirrors `applyWeighted` step for step (redis-store.ts), so change both.
 */

/**
 * Serving reads a user's history as "what the model was trained on, plus these": enough to hold
 * every interaction between two trainings for all but the busiest users.
 */
export const RECENT_LIMIT = 64;
export const AFFINITY_HALF_LIFE_MS = 7 * 24 * 60 * 60 * 1000;
/** Without a client session id, a pause this long ends the session. */
export const SESSION_GAP_MS = 30 * 60 * 1000;
/** Affinities this close to zero carry no signal; dropping them keeps profiles small. */
export const AFFINITY_FLOOR = 0.01;
/** The strongest categories kept, so a user browsing everything cannot grow a profile without bound. */
export const MAX_CATEGORIES = 50;

export interface RecentInteraction {
  itemId: string;
  type: EventType;
  at: number;
  /** Signed strength from the weights when recorded; absent on profiles written before it was kept. */
  strength?: number;
}

export interface SessionContext {
  id: string | null;
  category: string | null;
  views: number;
  startedAt: number;
  lastAt: number;
}

export interface RealtimeProfile {
  /** Newest first, at most RECENT_LIMIT. */
  recent: RecentInteraction[];
  session: SessionContext | null;
  /** Decayed weighted strength per category, as of `updatedAt`. */
  categoryAffinity: Record<string, number>;
  /** Epoch ms of the newest event applied. */
  updatedAt: number;
  /** Increments on every record(): response caches key on it. */
  version: number;
}

export interface RealtimeEvent {
  itemId: string;
  type: EventType;
  at: number;
  sessionId: string | null;
  category: string | null;
  /** A `rate` event's stars: its weight counts per star, as in training. */
  value?: number | null;
}

/** An event with its signed strength already taken from the weights: what the stores apply. */
export interface WeightedEvent {
  itemId: string;
  type: EventType;
  at: number;
  sessionId: string | null;
  category: string | null;
  strength: number;
}

export interface FeatureStore {
  readonly kind: 'memory' | 'redis';
  read(userId: string): Promise<RealtimeProfile | null>;
  record(userId: string, events: RealtimeEvent[], weights: EventWeights): Promise<RealtimeProfile>;
  forget(userId: string): Promise<void>;
  /**
   * Since when the store holds every event recorded: its creation. Later than a model's training
   * data, it has lost what came between (a Redis restart, a new process), which serving reads back.
   */
  completeSince(): Promise<number>;
  close(): Promise<void>;
}

const recentSchema = z.object({ itemId: z.string(), type: z.enum(EVENT_TYPES), at: z.number(), strength: z.number().optional() });

/** Validates a stored profile. Redis's cjson writes an empty array as `{}`, hence the preprocess. */
export const realtimeProfileSchema = z.object({
  recent: z.preprocess((value) => (Array.isArray(value) ? value : []), z.array(recentSchema)),
  session: z
    .object({ id: z.string().nullable(), category: z.string().nullable(), views: z.number(), startedAt: z.number(), lastAt: z.number() })
    .nullable(),
  categoryAffinity: z.record(z.string(), z.number()),
  updatedAt: z.number(),
  version: z.number(),
}) satisfies z.ZodType<RealtimeProfile, unknown>;

export function emptyProfile(): RealtimeProfile {
  return { recent: [], session: null, categoryAffinity: {}, updatedAt: 0, version: 0 };
}

export function strengthOf(event: RealtimeEvent, weights: EventWeights): number {
  const weight = weights[event.type];
  return event.type === 'rate' && event.value !== undefined && event.value !== null ? weight * event.value : weight;
}

/** Oldest first: a batch may arrive out of order, and sessions and recency read time forwards. */
export function weighEvents(events: RealtimeEvent[], weights: EventWeights): WeightedEvent[] {
  return [...events]
    .sort((a, b) => a.at - b.at)
    .map((event) => ({
      itemId: event.itemId,
      type: event.type,
      at: event.at,
      sessionId: event.sessionId,
      category: event.category,
      strength: strengthOf(event, weights),
    }));
}

export function applyEvents(profile: RealtimeProfile | null, events: RealtimeEvent[], weights: EventWeights): RealtimeProfile {
  return applyWeighted(profile, weighEvents(events, weights));
}

/** `events` must be sorted oldest first (weighEvents does). Never mutates `profile`. */
export function applyWeighted(profile: RealtimeProfile | null, events: WeightedEvent[]): RealtimeProfile {
  const base = profile ?? emptyProfile();
  const { affinity, updatedAt } = addAffinity(base.categoryAffinity, base.updatedAt, events);
  let recent = base.recent;
  let session = base.session;
  for (const event of events) {
    recent = insertRecent(recent, event);
    session = advanceSession(session, event);
  }
  return { recent, session, categoryAffinity: affinity, updatedAt, version: base.version + 1 };
}

export function decayFactor(elapsedMs: number): number {
  return Math.pow(2, -Math.max(0, elapsedMs) / AFFINITY_HALF_LIFE_MS);
}

export function affinityAt(profile: RealtimeProfile, now: number): Record<string, number> {
  const factor = decayFactor(now - profile.updatedAt);
  return Object.fromEntries(Object.entries(profile.categoryAffinity).map(([category, value]) => [category, value * factor]));
}

/**
 * Everything is expressed as of the newest time seen: the old affinities decay up to it once,
 * and each event adds its strength decayed from its own time, so a late event counts for less.
 */
function addAffinity(previous: Record<string, number>, previousAt: number, events: WeightedEvent[]) {
  const updatedAt = events.reduce((newest, event) => Math.max(newest, event.at), previousAt);
  const factor = decayFactor(updatedAt - previousAt);
  const affinity: Record<string, number> = {};
  for (const [category, value] of Object.entries(previous)) affinity[category] = value * factor;
  for (const event of events) {
    if (event.category === null) continue;
    affinity[event.category] = (affinity[event.category] ?? 0) + event.strength * decayFactor(updatedAt - event.at);
  }
  return { affinity: pruneAffinity(affinity), updatedAt };
}

function pruneAffinity(affinity: Record<string, number>): Record<string, number> {
  const kept = Object.entries(affinity)
    .filter(([, value]) => Math.abs(value) >= AFFINITY_FLOOR)
    .sort(([nameA, a], [nameB, b]) => Math.abs(b) - Math.abs(a) || (nameA < nameB ? -1 : nameA > nameB ? 1 : 0))
    .slice(0, MAX_CATEGORIES);
  return Object.fromEntries(kept);
}

/** Ties in time put the later-applied event first: it is the newer news. */
function insertRecent(recent: RecentInteraction[], event: WeightedEvent): RecentInteraction[] {
  const position = recent.findIndex((entry) => entry.at <= event.at);
  const index = position === -1 ? recent.length : position;
  if (index >= RECENT_LIMIT) return recent;
  const next = [...recent];
  next.splice(index, 0, { itemId: event.itemId, type: event.type, at: event.at, strength: event.strength });
  return next.slice(0, RECENT_LIMIT);
}

function advanceSession(session: SessionContext | null, event: WeightedEvent): SessionContext | null {
  if (session !== null && event.at < session.lastAt) return lateIntoSession(session, event);
  if (session === null || startsNewSession(session, event)) {
    return { id: event.sessionId, category: event.category, views: 1, startedAt: event.at, lastAt: event.at };
  }
  return { ...session, category: event.category ?? session.category, views: session.views + 1, lastAt: event.at };
}

function startsNewSession(session: SessionContext, event: WeightedEvent): boolean {
  return event.sessionId !== null ? event.sessionId !== session.id : event.at - session.lastAt > SESSION_GAP_MS;
}

/** A straggler from the current session still counts as a view; its category is not the latest. */
function lateIntoSession(session: SessionContext, event: WeightedEvent): SessionContext {
  const belongs = event.sessionId !== null ? event.sessionId === session.id : event.at >= session.startedAt - SESSION_GAP_MS;
  if (!belongs) return session;
  return { ...session, views: session.views + 1, startedAt: Math.min(session.startedAt, event.at) };
}
