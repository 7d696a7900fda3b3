import { SparseMatrix } from './sparse';

/** What the content model and trending need to know about an item. */
export interface CatalogItem {
  title: string;
  description: string;
  category: string | null;
  tags: string[];
  /** Epoch ms; null when unknown. */
  publishedAt: number | null;
}

/** Interactions column by column, users and items as dense indices, in no particular order. */
export interface InteractionLog {
  length: number;
  user: Uint32Array;
  item: Uint32Array;
  /** Signed strength from the event-type weights: negative for dislikes and skips. */
  strength: Float32Array;
  /** Epoch ms. */
  timestamp: Float64Array;
  /** Each event's type, as its index in EVENT_TYPES; absent for datasets that have no types. */
  type?: Uint8Array;
}

/**
 * Everything training needs, independent of where it came from (the events table, or a dataset
 * file for offline evaluation). Users and items are dense indices into the id arrays.
 */
export interface TrainingData {
  userIds: string[];
  itemIds: string[];
  /** Aligned with `itemIds`. */
  items: CatalogItem[];
  log: InteractionLog;
  /** users × items: summed strength per pair, only pairs whose sum is positive. */
  positives: SparseMatrix;
  /** The moment the data describes; trending and item age are measured from here. */
  now: number;
  /** Events that count only in item popularity and trending, never as a user's row. */
  anonymous?: AnonymousEvents;
}

/**
 * The events of users who share minimal data (lib/users/privacy.ts). `log.user` numbers these users
 * among themselves, apart from `userIds`, so all-time popularity still counts each once per item;
 * no model learns a row, a history or a list for them.
 */
export interface AnonymousEvents {
  log: InteractionLog;
  /** users × items, as `positives` is: summed strength per pair, only pairs whose sum is positive. */
  positives: SparseMatrix;
}

export function buildPositives(userCount: number, itemCount: number, log: InteractionLog): SparseMatrix {
  return SparseMatrix.fromTriplets(userCount, itemCount, { row: log.user, col: log.item, value: log.strength, length: log.length }, { keepPositiveOnly: true });
}
