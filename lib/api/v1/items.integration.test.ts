import { describe, expect, it } from 'vitest';
import { GET as listItems, POST as postItems } from '@/app/api/v1/items/route';
import { DELETE, GET, PATCH, PUT } from '@/app/api/v1/items/[id]/route';
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
});
