import { beforeAll, describe, expect, it } from 'vitest';
import { POST as postEvents } from '@/app/api/v1/events/route';
import { GET as getCtr } from '@/app/api/v1/metrics/ctr/route';
import { GET as getInstance } from '@/app/api/v1/metrics/instance/route';
import { GET as getItem } from '@/app/api/v1/items/[id]/route';
import { getConnection } from '@/db';
import { call } from '@/lib/testing/http';

const MINUTE = 60_000;

/** A logged list, `minutesAgo` minutes back: as the impression writer stores them. */
async function impression(recommendationId: string, strategy: string, items: string[], minutesAgo: number): Promise<void> {
  const conn = await getConnection();
  await conn.query(
    `insert into impressions (recommendation_id, user_id, surface, items, strategy, latency_ms, served_at)
     values ($1, 'ctr-user', 'feed', string_to_array($2, ','), $3, 3, to_timestamp($4::float8 / 1000))`,
    [recommendationId, items.join(','), strategy, Date.now() - minutesAgo * MINUTE],
  );
}

const click = (id: string, item: string, recommendationId: string) => ({ event_id: id, user_id: 'ctr-user', item_id: item, type: 'click', recommendation_id: recommendationId });

describe('GET /api/v1/metrics/ctr', () => {
  beforeAll(async () => {
    await impression('rec-hybrid-1', 'hybrid', ['i1', 'i2', 'i3', 'i4'], 5);
    await impression('rec-hybrid-2', 'hybrid', ['i1', 'i2', 'i3', 'i4'], 5);
    await impression('rec-popular', 'popular', ['i5', 'i6'], 30);
    await impression('rec-old', 'hybrid', ['i1', 'i2'], 3 * 60);
    // Two clicks on one item of a list count once; clicks on other lists go to their strategy.
    const body = [click('c1', 'i1', 'rec-hybrid-1'), click('c2', 'i1', 'rec-hybrid-1'), click('c3', 'i2', 'rec-hybrid-2'), click('c4', 'i5', 'rec-popular'), click('c5', 'i1', 'rec-old')];
    expect((await call(postEvents, 'POST', '/api/v1/events', { body })).status).toBe(200);
  });

  it('counts items shown and distinct items clicked per step and strategy', async () => {
    const { status, body } = await call(getCtr, 'GET', '/api/v1/metrics/ctr?range=1h');
    expect(status).toBe(200);
    expect(body).toMatchObject({ range: '1h', step_seconds: 60, strategies: ['hybrid', 'popular'] });
    expect(body.points).toHaveLength(60);
    expect(body.totals).toMatchObject({ impressions: 10, clicks: 3, ctr: 0.3 });
    expect(body.totals.by_strategy.hybrid).toEqual({ impressions: 8, clicks: 2, ctr: 0.25 });
    expect(body.totals.by_strategy.popular).toEqual({ impressions: 2, clicks: 1, ctr: 0.5 });
    const busy = body.points.filter((point: { impressions: number }) => point.impressions > 0);
    expect(busy.map((point: { impressions: number }) => point.impressions)).toEqual([2, 8]);
  });

  it('widens with the range', async () => {
    const { body } = await call(getCtr, 'GET', '/api/v1/metrics/ctr?range=6h');
    expect(body.step_seconds).toBe(300);
    expect(body.totals).toMatchObject({ impressions: 12, clicks: 4 });
  });

  it('refuses an unknown range and names it', async () => {
    const { status, body } = await call(getCtr, 'GET', '/api/v1/metrics/ctr?range=90m');
    expect(status).toBe(400);
    expect(body.error.fields[0].field).toBe('range');
  });
});

describe('GET /api/v1/metrics/instance', () => {
  it("charts this process's requests per endpoint, with gauges", async () => {
    await call(getItem, 'GET', '/api/v1/items/no-such-item', { params: { id: 'no-such-item' } });
    const { status, body } = await call(getInstance, 'GET', '/api/v1/metrics/instance?range=1h');
    expect(status).toBe(200);
    expect(body.range).toBe('1h');
    expect(body.instance.started_at).toEqual(expect.any(String));
    expect(body.points.length).toBeGreaterThan(0);
    const items = body.endpoints.find((row: { endpoint: string }) => row.endpoint === 'GET /api/v1/items/[id]');
    expect(items).toMatchObject({ requests: 1, client_errors: 1, errors: 0 });
    expect(items.latency_ms.p99).toBeGreaterThan(0);
    expect(body.totals.events_ingested).toBe(5);
    expect(body.gauges).toMatchObject({ model: null, coverage: { served_items: expect.any(Number) } });
  });

  it('refuses an unknown range', async () => {
    expect((await call(getInstance, 'GET', '/api/v1/metrics/instance?range=1y')).status).toBe(400);
  });
});
