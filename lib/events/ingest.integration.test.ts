import { describe, expect, it } from 'vitest';
import { getConnection } from '@/db';
import type { DatabaseConnection } from '@/db/client';
import { EventIngestor } from './ingest';
import type { NewEvent } from './schema';

function newEvent(eventId: string, userId = 'u', itemId = 'i'): NewEvent {
  return { eventId, userId, itemId, type: 'view', value: null, occurredAt: new Date(), sessionId: null, context: null, recommendationId: null };
}

/** Counts the event inserts and user updates a connection sees. */
function countingInserts(conn: DatabaseConnection) {
  const counter = { inserts: 0, userUpdates: 0 };
  const counted: DatabaseConnection = {
    ...conn,
    query: (text, params) => {
      if (text.trimStart().startsWith('insert into events')) counter.inserts += 1;
      if (text.trimStart().startsWith('update users')) counter.userUpdates += 1;
      return conn.query(text, params);
    },
  };
  return { counted, counter };
}

describe('EventIngestor', () => {
  it('shares one insert among requests that arrive during a write (group commit)', async () => {
    const { counted, counter } = countingInserts(await getConnection());
    const ingestor = new EventIngestor(counted, { maxConcurrentWrites: 1 });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => ingestor.submit([newEvent(`gc-${i}`, `user-${i % 7}`, `item-${i % 5}`)])));
    expect(results.every((result) => result.accepted === 1)).toBe(true);
    expect(counter.inserts).toBeLessThanOrEqual(2);
    const [row] = await counted.query<{ n: number }>(`select count(*)::int as n from events where event_id like 'gc-%'`);
    expect(row?.n).toBe(50);
  });

  it('keeps at most the configured number of writes in flight, grouping the rest behind them', async () => {
    const { counted, counter } = countingInserts(await getConnection());
    const ingestor = new EventIngestor(counted, { maxConcurrentWrites: 3 });
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => ingestor.submit([newEvent(`par-${i}`)])));
    expect(results.reduce((sum, result) => sum + result.accepted, 0)).toBe(60);
    expect(counter.inserts).toBeGreaterThanOrEqual(2);
    expect(counter.inserts).toBeLessThanOrEqual(6);
  });

  it('stores an event id once even when concurrent writes race for it', async () => {
    const ingestor = new EventIngestor(await getConnection(), { maxConcurrentWrites: 3 });
    const results = await Promise.all(Array.from({ length: 6 }, () => ingestor.submit([newEvent('race-1')])));
    expect(results.reduce((sum, result) => sum + result.accepted, 0)).toBe(1);
    expect(results.reduce((sum, result) => sum + result.duplicates, 0)).toBe(5);
  });

  it('reports duplicates across requests sharing a write to the later request only', async () => {
    const ingestor = new EventIngestor(await getConnection(), { maxConcurrentWrites: 1 });
    const [first, second] = await Promise.all([ingestor.submit([newEvent('shared-1')]), ingestor.submit([newEvent('shared-1'), newEvent('shared-2')])]);
    expect(first).toEqual({ accepted: 1, duplicates: 0, duplicateEventIds: [] });
    expect(second).toEqual({ accepted: 1, duplicates: 1, duplicateEventIds: ['shared-1'] });
  });

  it('isolates a failing request from the others in its write', async () => {
    const conn = await getConnection();
    const ingestor = new EventIngestor(conn, { maxConcurrentWrites: 1 });
    const poisoned = { ...newEvent('poison-1'), value: 1e39 }; // overflows real: the database refuses the row
    const outcomes = await Promise.allSettled([ingestor.submit([newEvent('iso-1')]), ingestor.submit([poisoned]), ingestor.submit([newEvent('iso-2')])]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const rows = await conn.query<{ event_id: string }>(`select event_id from events where event_id like 'iso-%' or event_id like 'poison-%' order by 1`);
    expect(rows.map((row) => row.event_id)).toEqual(['iso-1', 'iso-2']);
  });

  it('marks users active as of their latest event', async () => {
    const conn = await getConnection();
    const ingestor = new EventIngestor(conn);
    const at = new Date('2026-01-02T03:04:05Z');
    await ingestor.submit([{ ...newEvent('active-1', 'active-user'), occurredAt: at }]);
    await ingestor.flush();
    const [row] = await conn.query<{ last_active_at: Date | string }>(`select last_active_at from users where external_id = 'active-user'`);
    expect(new Date(row?.last_active_at ?? 0).toISOString()).toBe(at.toISOString());
  });

  it('updates a busy user at most once a minute', async () => {
    const { counted, counter } = countingInserts(await getConnection());
    const ingestor = new EventIngestor(counted);
    const start = Date.parse('2026-05-01T12:00:00Z');
    const at = (ms: number) => ({ ...newEvent(`busy-${ms}`, 'busy-user'), occurredAt: new Date(start + ms) });
    for (const offset of [0, 10_000, 30_000]) {
      await ingestor.submit([at(offset)]);
      await ingestor.flush();
    }
    expect(counter.userUpdates).toBe(1);
    await ingestor.submit([at(120_000)]);
    await ingestor.flush();
    expect(counter.userUpdates).toBe(2);
    const [row] = await counted.query<{ last_active_at: Date | string }>(`select last_active_at from users where external_id = 'busy-user'`);
    expect(new Date(row?.last_active_at ?? 0).getTime()).toBe(start + 120_000);
  });
});
