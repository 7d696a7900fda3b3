import { EVENT_TYPES, type EventType } from '@/lib/events/types';
import type { InteractionLog } from '@/lib/models/data';
import { RECENT_ITEMS } from './request';

/**
 * What each user did with each item in the training data, kept with the model so serving reads a
 * user's history from memory: per user, the summed signed strength per item (dislikes and skips
 * included, as non-positive sums), newest pair first. Compressed sparse rows over users.
 */
export interface UserHistories {
  /** users + 1 offsets into `items` and `strengths`. */
  offsets: Uint32Array;
  items: Uint32Array;
  strengths: Float32Array;
  /** Per pair, a bit per event type (by index in EVENT_TYPES) the user sent: serving decides which count as seen. */
  types: Uint16Array;
}

/** Enough for "seen" filtering, neighbours and folding in; older taste lives in the trained factors. */
export const TRAINED_HISTORY_LIMIT = 300;

/** A dataset without event types: every interaction counts as every type, so as seen whatever the setting. */
const ALL_TYPES = 0xffff;

/** The bit mask of the event types that count as seen, for testing a pair's `types`. */
export function typeMask(types: readonly EventType[]): number {
  return types.reduce((mask, type) => mask | (1 << EVENT_TYPES.indexOf(type)), 0);
}

export function buildUserHistories(log: InteractionLog, userCount: number, limit = TRAINED_HISTORY_LIMIT): UserHistories {
  const rowsByUser = groupRowsByUser(log, userCount);
  const offsets = new Uint32Array(userCount + 1);
  const items: number[] = [];
  const strengths: number[] = [];
  const types: number[] = [];
  for (let user = 0; user < userCount; user++) {
    const pairs = new Map<number, { strength: number; last: number; types: number }>();
    for (let r = rowsByUser.offsets[user]!; r < rowsByUser.offsets[user + 1]!; r++) {
      const row = rowsByUser.rows[r]!;
      const pair = pairs.get(log.item[row]!);
      const typeBit = log.type ? 1 << log.type[row]! : ALL_TYPES;
      if (pair) {
        pair.strength += log.strength[row]!;
        pair.last = Math.max(pair.last, log.timestamp[row]!);
        pair.types |= typeBit;
      } else pairs.set(log.item[row]!, { strength: log.strength[row]!, last: log.timestamp[row]!, types: typeBit });
    }
    const newest = [...pairs].sort((a, b) => b[1].last - a[1].last || a[0] - b[0]).slice(0, limit);
    for (const [item, pair] of newest) {
      items.push(item);
      strengths.push(pair.strength);
      types.push(pair.types);
    }
    offsets[user + 1] = items.length;
  }
  return { offsets, items: Uint32Array.from(items), strengths: Float32Array.from(strengths), types: Uint16Array.from(types) };
}

/** One user's trained pairs, as views into the shared arrays. */
export function trainedHistoryOf(histories: UserHistories, user: number): { items: Uint32Array; strengths: Float32Array; types: Uint16Array } {
  const start = histories.offsets[user] ?? 0;
  const end = histories.offsets[user + 1] ?? start;
  return { items: histories.items.subarray(start, end), strengths: histories.strengths.subarray(start, end), types: histories.types.subarray(start, end) };
}

/** Row numbers of the log grouped by user (a counting sort), so each user's rows are read together. */
function groupRowsByUser(log: InteractionLog, userCount: number): { offsets: Uint32Array; rows: Uint32Array } {
  const offsets = new Uint32Array(userCount + 1);
  for (let row = 0; row < log.length; row++) offsets[log.user[row]! + 1]! += 1;
  for (let user = 0; user < userCount; user++) offsets[user + 1]! += offsets[user]!;
  const next = offsets.slice(0, userCount);
  const rows = new Uint32Array(log.length);
  for (let row = 0; row < log.length; row++) rows[next[log.user[row]!]!++] = row;
  return { offsets, rows };
}

/** Per user, their newest positive items, newest first: the session signal of a request built from a log. */
export function recentItemsByUser(log: InteractionLog, userCount: number, limit = RECENT_ITEMS): Uint32Array[] {
  // A few more pairs than wanted, since pairs that sum to a dislike are left out.
  const histories = buildUserHistories(log, userCount, 2 * limit);
  return Array.from({ length: userCount }, (_, user) => {
    const { items, strengths } = trainedHistoryOf(histories, user);
    return items.filter((_, position) => strengths[position]! > 0).slice(0, limit);
  });
}
