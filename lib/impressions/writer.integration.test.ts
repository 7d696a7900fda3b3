import { describe, expect, it, vi } from 'vitest';
import { getConnection } from '@/db';
import type { DatabaseConnection } from '@/db/client';
import type { Impression } from './schema';
import { countImpressions, impressionsByRecommendationId } from './store';
import { ImpressionWriter } from './writer';

function impression(recommendationId: string, fields: Partial<Impression> = {}): Impression {
  return {
    recommendationId,
    userId: 'user-1',
    surface: 'feed',
    items: ['item-3', 'item-1', 'item-2'],
    strategy: 'pipeline',
    modelVersion: 4,
    experiment: null,
    variant: null,
    fallback: null,
    latencyMs: 12.5,
    servedAt: new Date('2026-05-01T12:00:00Z'),
    ...fields,
  };
}

/** Counts impression inserts, and refuses the first `failures` of them the way a lost connection would. */
function flaky(conn: DatabaseConnection, failures = 0) {
  const seen = { inserts: 0, refused: 0 };
  let left = failures;
  const wrapped: DatabaseConnection = {
    ...conn,
    query: (text, params) => {
      if (!text.trimStart().startsWith('insert into impressions')) return conn.query(text, params);
      if (left > 0) {
        left -= 1;
        seen.refused += 1;
        return Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
      }
      seen.inserts += 1;
      return conn.query(text, params);
    },
  };
  return { wrapped, seen };
}

async function stored(conn: DatabaseConnection, prefix: string): Promise<number> {
  const [row] = await conn.query<{ n: number }>(`select count(*)::int as n from impressions where recommendation_id like $1`, [`${prefix}%`]);
  return row?.n ?? 0;
}

describe('ImpressionWriter', () => {
  it('writes many logged impressions in a few multi-row inserts', async () => {
    const conn = await getConnection();
    const { wrapped, seen } = flaky(conn);
    const writer = new ImpressionWriter(wrapped, { batchSize: 500, flushIntervalMs: 10_000 });
    for (let i = 0; i < 1_200; i++) writer.log(impression(`batch-${i}`, { items: [`item-${i}`, `item-${i + 1}`] }));
    expect(seen.inserts).toBe(0); // logging alone never touches the database
    await writer.flush();
    expect(seen.inserts).toBe(3);
    expect(await stored(conn, 'batch-')).toBe(1_200);
    expect(writer.stats).toMatchObject({ queued: 0, written: 1_200, dropped: 0 });
    expect(await impressionsByRecommendationId(conn, 'batch-7')).toEqual(impression('batch-7', { items: ['item-7', 'item-8'] }));
  });

  it('writes a partial batch after the flush interval without being asked', async () => {
    const conn = await getConnection();
    const writer = new ImpressionWriter(conn, { flushIntervalMs: 20 });
    writer.log(impression('timed-1'));
    writer.log(impression('timed-2'));
    await vi.waitFor(async () => expect(await stored(conn, 'timed-')).toBe(2), { timeout: 5_000, interval: 20 });
  });

  it('keeps the rows while the database is down and writes them once it recovers', async () => {
    const conn = await getConnection();
    const { wrapped, seen } = flaky(conn, 3);
    const writer = new ImpressionWriter(wrapped, { batchSize: 40, flushIntervalMs: 10, retryBaseMs: 20 });
    for (let i = 0; i < 100; i++) writer.log(impression(`outage-${i}`));
    await vi.waitFor(() => expect(seen.refused).toBeGreaterThanOrEqual(1), { timeout: 5_000, interval: 5 });
    expect(writer.stats.queued).toBe(100);
    await vi.waitFor(async () => expect(await stored(conn, 'outage-')).toBe(100), { timeout: 10_000, interval: 20 });
    expect(seen.refused).toBe(3);
    expect(writer.stats).toMatchObject({ queued: 0, written: 100, dropped: 0 });
  });

  it('drops the oldest beyond its bound, counting them', async () => {
    const conn = await getConnection();
    const { wrapped } = flaky(conn, 1);
    const writer = new ImpressionWriter(wrapped, { batchSize: 10, maxQueued: 25, flushIntervalMs: 10, retryBaseMs: 50 });
    for (let i = 0; i < 40; i++) writer.log(impression(`bound-${String(i).padStart(2, '0')}`));
    expect(writer.stats).toMatchObject({ queued: 25, dropped: 15 });
    await writer.flush();
    const rows = await conn.query<{ recommendation_id: string }>(`select recommendation_id from impressions where recommendation_id like 'bound-%' order by 1`);
    expect(rows.map((row) => row.recommendation_id)).toEqual(Array.from({ length: 25 }, (_, i) => `bound-${15 + i}`));
  });

  it('stores a recommendation id once, however often it is logged', async () => {
    const conn = await getConnection();
    const writer = new ImpressionWriter(conn);
    writer.log(impression('dup-1', { surface: 'feed' }));
    writer.log(impression('dup-1', { surface: 'similar' }));
    await writer.flush();
    writer.log(impression('dup-1', { surface: 'trending' }));
    await writer.flush();
    expect(await stored(conn, 'dup-')).toBe(1);
    expect((await impressionsByRecommendationId(conn, 'dup-1'))?.surface).toBe('feed');
    expect(writer.stats.written).toBe(1);
  });

  it('drops only the row the database refuses, not its batch', async () => {
    const conn = await getConnection();
    const writer = new ImpressionWriter(conn);
    for (let i = 0; i < 9; i++) writer.log(impression(`poison-${i}`, i === 4 ? { latencyMs: Number.NaN } : {}));
    await writer.flush();
    expect(await stored(conn, 'poison-')).toBe(8);
    expect(await impressionsByRecommendationId(conn, 'poison-4')).toBeNull();
    expect(writer.stats).toMatchObject({ queued: 0, written: 8, rejected: 1 });
  });

  it('writes everything on close, then refuses more', async () => {
    const conn = await getConnection();
    const { wrapped } = flaky(conn, 2);
    const writer = new ImpressionWriter(wrapped, { flushIntervalMs: 60_000, retryBaseMs: 10 });
    const servedAt = new Date('2026-06-01T00:00:00Z');
    for (let i = 0; i < 30; i++) writer.log(impression(`shutdown-${i}`, { servedAt, modelVersion: null, experiment: 'exp-1', variant: 'b', fallback: 'popular' }));
    await writer.close();
    expect(await stored(conn, 'shutdown-')).toBe(30);
    expect(await impressionsByRecommendationId(conn, 'shutdown-0')).toMatchObject({ modelVersion: null, experiment: 'exp-1', variant: 'b', fallback: 'popular', servedAt });
    expect(await countImpressions(conn, servedAt)).toBe(30);
    writer.log(impression('shutdown-late'));
    expect(writer.stats.dropped).toBe(1);
    expect(await impressionsByRecommendationId(conn, 'shutdown-late')).toBeNull();
  });

  it('gives up a flush after its timeout, keeping the rows queued', async () => {
    const conn = await getConnection();
    const { wrapped } = flaky(conn, 1_000);
    const writer = new ImpressionWriter(wrapped, { retryBaseMs: 20, retryMaxMs: 40, flushTimeoutMs: 200 });
    writer.log(impression('stuck-1'));
    await expect(writer.flush()).rejects.toThrow(/1 impressions could not be written/);
    expect(writer.stats.queued).toBe(1);
    await expect(writer.close()).rejects.toThrow();
  });
});
