import { describe, expect, it } from 'vitest';
import { GET as listItems, POST as postItems } from '@/app/api/v1/items/route';
import { DELETE, GET, PATCH, PUT } from '@/app/api/v1/items/[id]/route';
import { GET as getStats } from '@/app/api/v1/items/[id]/stats/route';
import { POST as postEvents } from '@/app/api/v1/events/route';
import { getConnection } from '@/db';
import { listAudit } from '@/lib/auth/audit';
import { recentCtr } from '@/lib/catalog/stats';
import { insertImpressions } from '@/lib/impressions/store';
import { call } from '@/lib/testing/http';

const at = (id: string) => ({ params: { id } });

describe('items API', () => {
  it('creates an item, then refuses to create it again', async () => {
    const created = await call(postItems, 'POST', '/api/v1/items', { body: { id: 'film-1', title: 'The Last Orbit', category: 'Sci-Fi', tags: ['space'] } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'film-1', title: 'The Last Orbit', tags: ['space'], is_hidden: false });
    const again = await call(postItems, 'POST', '/api/v1/items', { body: { id: 'film-1' } });
    expect(again.status).toBe(409);
  });

  it('gets, replaces, patches and soft-deletes by external id', async () => {
    expect((await call(PUT, 'PUT', '/api/v1/items/film-2', { body: { title: 'First' }, ...at('film-2') })).status).toBe(201);
    expect((await call(PUT, 'PUT', '/api/v1/items/film-2', { body: { title: 'Second', tags: ['a'] }, ...at('film-2') })).status).toBe(200);
    expect((await call(PATCH, 'PATCH', '/api/v1/items/film-2', { body: { description: 'now described' }, ...at('film-2') })).body).toMatchObject({
      title: 'Second',
      description: 'now described',
    });
    const deleted = await call(DELETE, 'DELETE', '/api/v1/items/film-2', at('film-2'));
    expect(deleted.body.is_hidden).toBe(true);
    expect((await call(GET, 'GET', '/api/v1/items/film-2', at('film-2'))).body.is_hidden).toBe(true);
  });

  it('answers 404 for unknown ids', async () => {
    for (const [handler, method] of [[GET, 'GET'], [DELETE, 'DELETE']] as const) {
      const response = await call(handler, method, '/api/v1/items/nope', at('nope'));
      expect(response.status).toBe(404);
      expect(response.body.error.message).toContain("'nope'");
    }
    expect((await call(PATCH, 'PATCH', '/api/v1/items/nope', { body: { title: 'x' }, ...at('nope') })).status).toBe(404);
  });

  it('refuses bad fields, naming them, and changes nothing', async () => {
    const bad = await call(PUT, 'PUT', '/api/v1/items/film-3', { body: { title: 5, tags: 'x', colour: 'red' }, ...at('film-3') });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['title', 'tags']));
    expect((await call(GET, 'GET', '/api/v1/items/film-3', at('film-3'))).status).toBe(404);
    const mismatch = await call(PUT, 'PUT', '/api/v1/items/film-3', { body: { id: 'other' }, ...at('film-3') });
    expect(mismatch.status).toBe(400);
    const emptyPatch = await call(PATCH, 'PATCH', '/api/v1/items/film-3', { body: {}, ...at('film-3') });
    expect(emptyPatch.status).toBe(400);
    const dates = await call(postItems, 'POST', '/api/v1/items', { body: { id: 'd', published_at: '2026-02-01T00:00:00Z', expires_at: '2026-01-01T00:00:00Z' } });
    expect(dates.body.error.fields[0].field).toBe('expires_at');
  });

  it('bulk-upserts a JSON array and NDJSON, refusing a batch with a bad element whole', async () => {
    const batch = Array.from({ length: 300 }, (_, i) => ({ id: `bulk-${i}`, title: `Bulk ${i}`, category: i % 2 ? 'Odd' : 'Even' }));
    expect((await call(postItems, 'POST', '/api/v1/items', { body: batch })).body).toEqual({ created: 300, updated: 0, unchanged: 0 });
    const ndjson = batch.slice(0, 10).map((item) => JSON.stringify({ ...item, title: 'renamed' })).join('\n');
    expect((await call(postItems, 'POST', '/api/v1/items', { rawBody: ndjson, contentType: 'application/x-ndjson' })).body).toEqual({ created: 0, updated: 10, unchanged: 0 });
    const refused = await call(postItems, 'POST', '/api/v1/items', { body: { items: [{ id: 'ok-1' }, { id: 'ok-2', tags: [1] }] } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields[0]).toMatchObject({ field: 'items[1].tags[0]', index: 1 });
    expect((await call(GET, 'GET', '/api/v1/items/ok-1', at('ok-1'))).status).toBe(404);
  });

  it('lists with filters and pagination', async () => {
    await call(postItems, 'POST', '/api/v1/items', {
      body: Array.from({ length: 30 }, (_, i) => ({ id: `page-${String(i).padStart(2, '0')}`, title: `Paged ${String(i).padStart(2, '0')}`, category: 'Paged', tags: i < 5 ? ['top'] : [] })),
    });
    const first = await call(listItems, 'GET', '/api/v1/items?category=Paged&sort=title&limit=10');
    expect(first.body.total).toBe(30);
    expect(first.body.items.map((item: { id: string }) => item.id)).toEqual(Array.from({ length: 10 }, (_, i) => `page-${String(i).padStart(2, '0')}`));
    const third = await call(listItems, 'GET', '/api/v1/items?category=Paged&sort=title&limit=10&offset=20');
    expect(third.body.items[0].id).toBe('page-20');
    expect((await call(listItems, 'GET', '/api/v1/items?tag=top&category=Paged')).body.total).toBe(5);
    expect((await call(listItems, 'GET', '/api/v1/items?limit=0')).status).toBe(400);
    expect((await call(listItems, 'GET', '/api/v1/items?sort=colour')).body.error.fields[0].field).toBe('sort');
  });

  it('audits every change with the principal as actor, and nothing for reads or refusals', async () => {
    const audited = async () => (await listAudit(await getConnection(), { target_type: 'item', limit: 200, offset: 0 })).entries;
    const before = (await audited()).length;
    await call(postItems, 'POST', '/api/v1/items', { body: { id: 'audit-1', title: 'Audited' } });
    await call(PATCH, 'PATCH', '/api/v1/items/audit-1', { body: { tags: ['x'] }, ...at('audit-1') });
    await call(PUT, 'PUT', '/api/v1/items/audit-1', { body: { title: 'Replaced' }, ...at('audit-1') });
    await call(DELETE, 'DELETE', '/api/v1/items/audit-1', at('audit-1'));
    await call(postItems, 'POST', '/api/v1/items', { body: [{ id: 'audit-2' }, { id: 'audit-3' }] });
    await call(GET, 'GET', '/api/v1/items/audit-1', at('audit-1'));
    await call(PATCH, 'PATCH', '/api/v1/items/audit-1', { body: { title: 42 }, ...at('audit-1') });
    const after = await audited();
    const entries = after.slice(0, after.length - before).reverse();
    expect(entries.map((entry) => [entry.action, entry.targetId])).toEqual([
      ['item.create', 'audit-1'],
      ['item.update', 'audit-1'],
      ['item.replace', 'audit-1'],
      ['item.hide', 'audit-1'],
      ['item.bulk_upsert', 'bulk'],
    ]);
    expect(entries[1]!.details).toEqual({ fields: ['tags'] });
    expect(entries[4]!.details).toMatchObject({ created: 2, count: 2, ids: ['audit-2', 'audit-3'] });
    for (const entry of entries) expect(entry.actor).toBe('anonymous');
  });

  it('counts impressions, clicks on recommendations apart from other clicks, and CTR per day; 404 for an unknown item', async () => {
    await call(postItems, 'POST', '/api/v1/items', { body: { id: 'stats-1', title: 'Measured' } });
    const empty = await call(getStats, 'GET', '/api/v1/items/stats-1/stats?days=7', at('stats-1'));
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ item: 'stats-1', days: 7, impressions: 0, clicks: 0, recommended_clicks: 0, other_clicks: 0, ctr: null });
    expect(empty.body.daily).toHaveLength(7);

    const served = { userId: 'u-1', surface: 'feed', strategy: 'hybrid', modelVersion: null, experiment: null, variant: null, fallback: null, latencyMs: 5, servedAt: new Date() };
    await insertImpressions(await getConnection(), [
      { ...served, recommendationId: 'stats-r1', items: ['other', 'stats-1'] },
      { ...served, recommendationId: 'stats-r2', items: ['stats-1'] },
      { ...served, recommendationId: 'stats-r3', items: ['other'] },
      { ...served, recommendationId: 'stats-r4', items: ['stats-1'] },
    ]);
    const events = [
      { event_id: 'stats-e1', user_id: 'u-1', item_id: 'stats-1', type: 'click', recommendation_id: 'stats-r1' },
      { event_id: 'stats-e2', user_id: 'u-1', item_id: 'stats-1', type: 'click' },
      { event_id: 'stats-e3', user_id: 'u-1', item_id: 'stats-1', type: 'view', recommendation_id: 'stats-r2' },
      // A repeat click on the same list counts once; a click naming a list that did not show the item is another click.
      { event_id: 'stats-e4', user_id: 'u-1', item_id: 'stats-1', type: 'click', recommendation_id: 'stats-r1' },
      { event_id: 'stats-e5', user_id: 'u-1', item_id: 'stats-1', type: 'click', recommendation_id: 'stats-r3' },
    ];
    expect((await call(postEvents, 'POST', '/api/v1/events', { body: events })).status).toBe(200);
    const stats = await call(getStats, 'GET', '/api/v1/items/stats-1/stats', at('stats-1'));
    expect(stats.body).toMatchObject({ days: 30, impressions: 3, clicks: 3, recommended_clicks: 1, other_clicks: 2 });
    expect(stats.body.ctr).toBeCloseTo(1 / 3);
    expect(stats.body.daily).toHaveLength(30);
    expect(stats.body.daily.at(-1)).toEqual({ day: expect.any(String), impressions: 3, recommended_clicks: 1, other_clicks: 2 });
    // The catalog list's recent CTR counts the same way, for a page of items at once.
    const recent = await recentCtr(await getConnection(), ['stats-1', 'other', 'never-shown'], 7);
    expect(Object.fromEntries(recent)).toEqual({ 'stats-1': { impressions: 3, clicks: 1 }, other: { impressions: 2, clicks: 0 } });

    expect((await call(getStats, 'GET', '/api/v1/items/nope/stats', at('nope'))).status).toBe(404);
    const bad = await call(getStats, 'GET', '/api/v1/items/stats-1/stats?days=0', at('stats-1'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('days');
  });
});
