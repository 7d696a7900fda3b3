import 'server-only';
import { getConnection } from '@/db';
import { getConfig } from '@/lib/config';
import type { EventType, EventWeights } from '@/lib/events/types';
import type { RealtimeProfile } from '@/lib/realtime/profile';
import { readRealtime, type RealtimeRead, type UserSegment } from './context';
import type { FeedInput } from './contract';
import { loadStoredUser, strengthsOf, type StoredUser } from './user-context';

/** Everything serving knows about the user of one request, gathered once and read by every stage. */
export interface ServingUser {
  id: string;
  surface: FeedInput['surface'];
  /** Whom curation rules and experiments address. */
  segment: UserSegment;
  /** Stated preferences, then the category this session keeps to. */
  preferredCategories: string[];
  /** Summed strength per item id, stored history and real-time events together. */
  strengths: Map<string, number>;
  /** Items touched with an event type that counts as seen (and a session's items): not recommended again. */
  seen: Set<string>;
  /** Items whose summed strength is not positive (disliked, skipped): never shown again. */
  negatives: Set<string>;
  /** Changes with every event the user sends: response caches key on it. */
  profileVersion: number;
  /** The real-time store did not answer: the user was served from stored data alone. */
  degraded: boolean;
}

/**
 * Reads the stored user (one `loadStoredUser` call) and the real-time profile side by side.
 * Serving tolerates a failed stored read (the user is served as new); explanations pass
 * `requireStored` so they never explain a user they could not read.
 */
export async function servingUser(input: FeedInput, weights: EventWeights, { requireStored = false } = {}): Promise<ServingUser> {
  if (input.surface === 'session') return buildServingUser(input, null, { profile: null, degraded: false }, weights, Date.now());
  const stored = getConnection().then((conn) => loadStoredUser(conn, input.userId));
  const [realtime, user] = await Promise.all([readRealtime(input.userId), requireStored ? stored : stored.catch(() => null)]);
  return buildServingUser(input, user, realtime, weights, Date.now());
}

/** Pure: the parts merged the way training sums them. */
export function buildServingUser(input: FeedInput, stored: StoredUser | null, realtime: RealtimeRead, weights: EventWeights, now: number): ServingUser {
  const { profile } = realtime;
  const events: { itemId: string; type: EventType; value: number | null }[] = [...(profile?.recent ?? []).map((event) => ({ itemId: event.itemId, type: event.type, value: null })), ...(stored?.history ?? [])];
  const strengths = strengthsOf(events, weights);
  const seenTypes = new Set(getConfig().seenEventTypes);
  const seen = new Set<string>();
  for (const event of events) if (seenTypes.has(event.type)) seen.add(event.itemId);
  for (const itemId of input.sessionItems ?? []) {
    strengths.set(itemId, Math.max(strengths.get(itemId) ?? 0, weights.view));
    seen.add(itemId);
  }
  const negatives = new Set<string>();
  for (const [itemId, strength] of strengths) if (strength <= 0) negatives.add(itemId);
  return {
    id: input.userId,
    surface: input.surface,
    segment: { isNew: !stored?.known || stored.history.length === 0, attributes: stored?.attributes ?? {} },
    preferredCategories: [...(stored?.preferredCategories ?? []), ...sessionInterest(profile, now)],
    strengths,
    seen,
    negatives,
    profileVersion: profile?.version ?? 0,
    degraded: realtime.degraded,
  };
}

/** Browsing a category in this session (a few views in a row) counts as a stated interest, for now. */
const SESSION_INTEREST_VIEWS = 2;
const SESSION_MAX_AGE_MS = 30 * 60_000;

function sessionInterest(profile: RealtimeProfile | null, now: number): string[] {
  const session = profile?.session;
  if (!session?.category || session.views < SESSION_INTEREST_VIEWS || now - session.lastAt > SESSION_MAX_AGE_MS) return [];
  return [session.category];
}
