import { describe, expect, it } from 'vitest';
import type { InteractionLog } from '@/lib/models/data';
import { EVENT_TYPES, type EventType } from '@/lib/events/types';
import { buildUserHistories, recentItemsByUser, trainedHistoryOf, typeMask } from './user-histories';

function logOf(rows: [user: number, item: number, strength: number, at: number][]): InteractionLog {
  return {
    length: rows.length,
    user: Uint32Array.from(rows, (row) => row[0]),
    item: Uint32Array.from(rows, (row) => row[1]),
    strength: Float32Array.from(rows, (row) => row[2]),
    timestamp: Float64Array.from(rows, (row) => row[3]),
  };
}

describe('buildUserHistories', () => {
  const log = logOf([
    [1, 7, 1, 100],
    [0, 3, 1, 10],
    [1, 7, 2, 300],
    [1, 5, -3, 200],
    [0, 4, 1, 20],
    [1, 9, 1, 50],
  ]);

  it('sums each pair, keeps dislikes as non-positive sums, and lists the newest pair first', () => {
    const histories = buildUserHistories(log, 3);
    expect(trainedHistoryOf(histories, 0)).toEqual({ items: Uint32Array.of(4, 3), strengths: Float32Array.of(1, 1), types: Uint16Array.of(0xffff, 0xffff) });
    expect(trainedHistoryOf(histories, 1)).toEqual({ items: Uint32Array.of(7, 5, 9), strengths: Float32Array.of(3, -3, 1), types: Uint16Array.of(0xffff, 0xffff, 0xffff) });
  });

  it('keeps which event types each pair had, so serving can apply the seen setting of the day', () => {
    const view: EventType = 'view';
    const like: EventType = 'like';
    const purchase: EventType = 'purchase';
    const types: EventType[] = [view, purchase, like, view, view, view];
    const histories = buildUserHistories({ ...log, type: Uint8Array.from(types, (type) => EVENT_TYPES.indexOf(type)) }, 3);
    const pairTypes = trainedHistoryOf(histories, 1).types;
    expect(pairTypes[0]! & typeMask([purchase])).toBe(0);
    expect(pairTypes[0]! & typeMask([like])).not.toBe(0);
    expect(pairTypes[0]! & typeMask([view])).not.toBe(0);
    expect(trainedHistoryOf(histories, 0).types[1]! & typeMask([purchase])).not.toBe(0);
  });

  it('gives a user without events an empty history, and keeps only the newest pairs past the limit', () => {
    const histories = buildUserHistories(log, 3, 2);
    expect(trainedHistoryOf(histories, 2).items).toHaveLength(0);
    expect(Array.from(trainedHistoryOf(histories, 1).items)).toEqual([7, 5]);
  });
});

describe('recentItemsByUser', () => {
  it('lists each user\'s newest positive items, newest first, leaving out disliked pairs', () => {
    const log = logOf([
      [0, 1, 1, 10],
      [0, 2, 1, 30],
      [0, 3, -2, 40],
      [0, 4, 1, 20],
      [1, 5, 1, 5],
    ]);
    expect(recentItemsByUser(log, 3, 2).map((items) => Array.from(items))).toEqual([[2, 4], [5], []]);
  });
});
