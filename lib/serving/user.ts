import 'server-only';
import { getConfig } from '@/lib/config';
import type { EventWeights } from '@/lib/events/types';
import type { RealtimeProfile } from '@/lib/realtime/profile';
import { RECENT_ITEMS } from '@/lib/recommend/request';
import { DEFAULT_DATA_SHARING, sharingPolicy, timeOfDay } from '@/lib/users/privacy';
import type { DataSharing } from '@/lib/users/schema';
import { readRealtime, type RealtimeRead, type UserSegment } from './context';
import type { FeedInput } from './contract';
import type { ServingModel } from './model';
import { loadStoredUser, strengthsOf, type Interaction, type StoredUser } from './user-context';

/** Everything serving knows about the user of one request, gathered once and read by every stage. */
export interface ServingUser {
  id: string;
  surface: FeedInput['surface'];
  /** Whom curation rules and experiments address. */
  segment: UserSegment;
  /** Stated preferences, then the category this session keeps to. */
  preferredCategories: string[];
  /** Summed strength per item id: what the model was trained on and the events since, together. */
  strengths: Map<string, number>;
  /** The session: item ids of the newest positive interactions, newest first, at most RECENT_ITEMS. */
  recent: string[];
  /** Items touched with an event type that counts as seen (and a session's items): not recommended again. */
  seen: Set<string>;
  /** Items whose summed strength is not positive (disliked, skipped): never shown again. */
  negatives: Set<string>;
  /** Changes with every event the user sends: response caches key on it. */
  profileVersion: number;
  /** The data-sharing level served: what of the above may come from the user's behaviour and context. */
  dataSharing: DataSharing;
  /** When the stored profile (preferences, attributes, level) last changed: response caches key on it too. */
  profileUpdatedAt: number;
  /** The real-time store did not answer, or what it lost could not be read back: the user was served on part of their history. */
  degraded: boolean;
}

/**
 * Reads the stored user (one `loadStoredUser` call, from memory in steady state) and the
 * real-time profile side by side. Serving tolerates a failed stored read (the user is served as
 * new); explanations pass `requireStored` so they never explain a user they could not read.
 */
export async function servingUser(input: FeedInput, model: ServingModel | null, weights: EventWeights, { requireStored = false } = {}): Promise<ServingUser> {
  if (input.surface === 'session') return buildServingUser(input, null, { profile: null, degraded: false }, weights, Date.now());
  const stored = loadStoredUser(input.userId, model);
  const [realtime, user] = await Promise.all([readRealtime(input.userId), requireStored ? stored : stored.catch(() => null)]);
  return buildServingUser(input, user, realtime, weights, Date.now());
}

/**
 * Pure: the parts merged the way training sums them. Real-time events count from where the
 * training data ends, so nothing is counted twice. The data-sharing level decides which parts
 * count (lib/users/privacy.ts): minimal ignores the real-time profile (its loaded stored user
 * carries no trained history either), and only enhanced uses the session, device, time of day and
 * attributes. A stored user that could not be read is served at the default level: a minimal
 * user's events never reach the real-time store, so that reveals nothing of theirs.
 */
export function buildServingUser(input: FeedInput, stored: StoredUser | null, realtime: RealtimeRead, weights: EventWeights, now: number): ServingUser {
  const dataSharing = stored?.dataSharing ?? DEFAULT_DATA_SHARING;
  const policy = sharingPolicy(dataSharing);
  const profile = policy.behaviour ? realtime.profile : null;
  const trainedUntil = stored?.trainedUntil ?? 0;
  const events: Interaction[] = [...(profile?.recent ?? []).filter((event) => event.at > trainedUntil), ...(stored?.readBack ?? [])];
  const strengths = strengthsOf(events, weights, new Map(stored?.trained));
  const seenTypes = new Set(getConfig().seenEventTypes);
  const seen = new Set<string>(stored?.trainedSeen);
  for (const event of events) if (seenTypes.has(event.type)) seen.add(event.itemId);
  for (const itemId of input.sessionItems ?? []) {
    strengths.set(itemId, Math.max(strengths.get(itemId) ?? 0, weights.view));
    seen.add(itemId);
  }
  const negatives = new Set<string>();
  for (const [itemId, strength] of strengths) if (strength <= 0) negatives.add(itemId);
  // Newest first: the real-time events (the store's list is newest first, what it lost is older),
  // an anonymous session's items (listed oldest first), then the trained history, newest first.
  const newestFirst = [...events.map((event) => event.itemId), ...(input.sessionItems ?? []).toReversed(), ...(stored?.trained.keys() ?? [])];
  const recent = [...new Set(newestFirst)].filter((itemId) => strengths.get(itemId)! > 0).slice(0, RECENT_ITEMS);
  return {
    id: input.userId,
    surface: input.surface,
    segment: { isNew: !stored?.known || strengths.size === 0, attributes: policy.context ? contextAttributes(input, stored, now) : {} },
    preferredCategories: [...(stored?.preferredCategories ?? []), ...(policy.context ? sessionInterest(profile, now) : [])],
    strengths,
    recent,
    seen,
    negatives,
    profileVersion: profile?.version ?? 0,
    dataSharing,
    profileUpdatedAt: stored?.updatedAt ?? 0,
    degraded: (policy.behaviour && realtime.degraded) || (stored?.readBackFailed ?? false),
  };
}

/**
 * What attribute rules of curation segments and experiments see for an enhanced user: their stored
 * attributes, with the request's context over them (`device` from the request, `time_of_day` in
 * their `timezone` attribute).
 */
function contextAttributes(input: FeedInput, stored: StoredUser | null, now: number): Record<string, unknown> {
  const attributes = stored?.attributes ?? {};
  const timeZone = typeof attributes.timezone === 'string' ? attributes.timezone : null;
  return { ...attributes, time_of_day: timeOfDay(now, timeZone), ...(input.query.device !== undefined && { device: input.query.device }) };
}

/** Browsing a category in this session (a few views in a row) counts as a stated interest, for now. */
const SESSION_INTEREST_VIEWS = 2;
const SESSION_MAX_AGE_MS = 30 * 60_000;

function sessionInterest(profile: RealtimeProfile | null, now: number): string[] {
  const session = profile?.session;
  if (!session?.category || session.views < SESSION_INTEREST_VIEWS || now - session.lastAt > SESSION_MAX_AGE_MS) return [];
  return [session.category];
}
