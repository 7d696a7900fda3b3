import 'server-only';
import type { EventType, EventWeights } from '@/lib/events/types';
import { getFeatureStore } from '@/lib/realtime';
import { log } from '@/lib/runtime/log';
import { getConfig } from '@/lib/config';
import { DEFAULT_DATA_SHARING, sharingPolicy } from '@/lib/users/privacy';
import type { DataSharing } from '@/lib/users/schema';
import { trainedHistoryOf, typeMask } from '@/lib/recommend/user-histories';
import type { ServingModel } from './model';
import { readBackHistory } from './read-back';
import { servingUsers } from './users';

/** An interaction as serving weighs it: a signed strength when known, else the type's weight (and a rating's stars). */
export interface Interaction {
  itemId: string;
  type: EventType;
  value?: number | null;
  strength?: number;
}

/**
 * What serving knows of a user beyond the request, all from memory in steady state: their
 * profile from the users mirror, and what the model was trained on. Real-time events since
 * training come from the feature store, read beside this.
 */
export interface StoredUser {
  known: boolean;
  /** The user's data-sharing level: what the rest of this may hold, and what serving may use. */
  dataSharing: DataSharing;
  /** Epoch ms of the profile's last write: a response cached before it is stale. */
  updatedAt: number;
  preferredCategories: string[];
  attributes: Record<string, unknown>;
  /** Summed strength per item in the model's training data (non-positive for dislikes and skips). */
  trained: Map<string, number>;
  /** Items of the training data touched with an event type that counts as seen. */
  trainedSeen: Set<string>;
  /** Epoch ms the training data runs to: real-time events after it are news. */
  trainedUntil: number;
  /** Events the feature store lost (it is younger than the model's data), read back from the database once. */
  readBack: Interaction[];
  /** Reading them back failed: the user is served without them, and the response says it is degraded. */
  readBackFailed: boolean;
}

/**
 * Builds the user's stored context; touches the database only when the feature store has lost
 * events since training. A user sharing minimal data has no behavioural part: nothing trained,
 * nothing read back.
 */
export async function loadStoredUser(userId: string, model: ServingModel | null): Promise<StoredUser> {
  const [users, completeSince] = await Promise.all([servingUsers(), getFeatureStore().completeSince()]);
  const profile = users.get(userId);
  const dataSharing = profile?.dataSharing ?? DEFAULT_DATA_SHARING;
  const behaviour = sharingPolicy(dataSharing).behaviour;
  const trainedUntil = model?.models.histories ? model.models.now : 0;
  return {
    known: profile !== undefined,
    dataSharing,
    updatedAt: profile?.updatedAt ?? 0,
    preferredCategories: profile?.preferredCategories ?? [],
    attributes: profile?.attributes ?? {},
    ...(behaviour ? trainedInteractions(model, userId) : { trained: new Map(), trainedSeen: new Set() }),
    trainedUntil,
    ...(behaviour && profile && completeSince > trainedUntil ? await readBack(userId, trainedUntil, completeSince) : { readBack: [], readBackFailed: false }),
  };
}

async function readBack(userId: string, from: number, to: number): Promise<Pick<StoredUser, 'readBack' | 'readBackFailed'>> {
  try {
    return { readBack: await readBackHistory(userId, from, to), readBackFailed: false };
  } catch (error) {
    log.warn(`reading back events the feature store lost failed for user ${userId}; serving without them`, (error as Error).message);
    return { readBack: [], readBackFailed: true };
  }
}

function trainedInteractions(model: ServingModel | null, userId: string): Pick<StoredUser, 'trained' | 'trainedSeen'> {
  const trained = new Map<string, number>();
  const trainedSeen = new Set<string>();
  const histories = model?.models.histories;
  const user = model?.userIndex.get(userId);
  if (!histories || user === undefined) return { trained, trainedSeen };
  const { items, strengths, types } = trainedHistoryOf(histories, user);
  const seenMask = typeMask(getConfig().seenEventTypes);
  items.forEach((item, p) => {
    const itemId = model!.models.itemIds[item]!;
    trained.set(itemId, strengths[p]!);
    if ((types[p]! & seenMask) !== 0) trainedSeen.add(itemId);
  });
  return { trained, trainedSeen };
}

/** Summed strength per item, as training sums it: positive totals are history, non-positive ones are negatives. */
export function strengthsOf(events: readonly Interaction[], weights: EventWeights, into = new Map<string, number>()): Map<string, number> {
  for (const event of events) into.set(event.itemId, (into.get(event.itemId) ?? 0) + strengthOfInteraction(event, weights));
  return into;
}

function strengthOfInteraction(event: Interaction, weights: EventWeights): number {
  if (event.strength !== undefined) return event.strength;
  return event.type === 'rate' && event.value !== null && event.value !== undefined ? weights.rate * event.value : weights[event.type];
}
