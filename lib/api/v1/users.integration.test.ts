import { describe, expect, it } from 'vitest';
import { POST as postEvents } from '@/app/api/v1/events/route';
import { DELETE, GET, PUT } from '@/app/api/v1/users/[id]/route';
import { getConnection } from '@/db';
import { getEventIngestor } from '@/lib/events/ingestor';
import { call } from '@/lib/testing/http';

const at = (id: string) => ({ params: { id } });

describe('users API', () => {
  it('upserts preferences and data-sharing level, keeping the fields a PUT leaves out', async () => {
    const created = await call(PUT, 'PUT', '/api/v1/users/ada', { body: { preferences: { categories: ['Sci-Fi'], attributes: { language: 'en' } } }, ...at('ada') });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'ada', preferences: { categories: ['Sci-Fi'], attributes: { language: 'en' } }, data_sharing: 'standard' });
    const updated = await call(PUT, 'PUT', '/api/v1/users/ada', { body: { data_sharing: 'minimal' }, ...at('ada') });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ data_sharing: 'minimal', preferences: { categories: ['Sci-Fi'], attributes: { language: 'en' } } });
    const preferences = await call(PUT, 'PUT', '/api/v1/users/ada', { body: { preferences: { categories: [] } }, ...at('ada') });
    expect(preferences.body).toMatchObject({ data_sharing: 'minimal', preferences: { categories: [], attributes: { language: 'en' } } });
  });

  it('returns recent history, newest first', async () => {
    await call(postEvents, 'POST', '/api/v1/events', {
      body: [1, 2, 3].map((n) => ({ event_id: `h-${n}`, user_id: 'bob', item_id: `item-${n}`, type: 'view', timestamp: `2026-03-0${n}T10:00:00Z` })),
    });
    await (await getEventIngestor()).flush(); // last-active times trail the write by design
    const user = await call(GET, 'GET', '/api/v1/users/bob?history=2', at('bob'));
    expect(user.status).toBe(200);
    expect(user.body.history.map((entry: { item: { id: string } }) => entry.item.id)).toEqual(['item-3', 'item-2']);
    expect(user.body.last_active_at).toBe('2026-03-03T10:00:00.000Z');
  });

  it('forgets a user and all their events', async () => {
    await call(postEvents, 'POST', '/api/v1/events', { body: [{ event_id: 'f-1', user_id: 'cy', item_id: 'x', type: 'like' }, { event_id: 'f-2', user_id: 'cy', item_id: 'y', type: 'view' }] });
    const deleted = await call(DELETE, 'DELETE', '/api/v1/users/cy', at('cy'));
    expect(deleted.body).toEqual({ id: 'cy', deleted: true, deleted_events: 2 });
    expect((await call(GET, 'GET', '/api/v1/users/cy', at('cy'))).status).toBe(404);
    const [row] = await (await getConnection()).query<{ n: number }>(`select count(*)::int as n from events where event_id in ('f-1', 'f-2')`);
    expect(row?.n).toBe(0);
    expect((await call(DELETE, 'DELETE', '/api/v1/users/cy', at('cy'))).status).toBe(404);
  });

  it('refuses bad preferences, naming the field', async () => {
    const bad = await call(PUT, 'PUT', '/api/v1/users/dee', { body: { data_sharing: 'everything', preferences: { categories: 'Comedy' } }, ...at('dee') });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['data_sharing', 'preferences.categories']));
    expect((await call(GET, 'GET', '/api/v1/users/dee', at('dee'))).status).toBe(404);
    expect((await call(GET, 'GET', '/api/v1/users/dee?history=9999', at('dee'))).status).toBe(400);
  });
});
