import { afterEach, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/v1/events/route';
import { DELETE as deleteUser } from '@/app/api/v1/users/[id]/route';
import { getConnection } from '@/db';
import { DEFAULT_EVENT_WEIGHTS } from '@/lib/events/types';
import { getFeatureStore, setCategoryLookup } from '@/lib/realtime';
import { call } from '@/lib/testing/http';

const event = (eventId: string, fields: Record<string, unknown> = {}) => ({ event_id: eventId, user_id: 'u1', item_id: 'i1', type: 'click', ...fields });

async function storedEvents(eventIdPrefix: string) {
  const conn = await getConnection();
  return conn.query<{ event_id: string; user: string; item: string; type: string; value: number | null }>(
    `select e.event_id, u.external_id as user, i.external_id as item, e.type, e.value
     from events e join users u on u.id = e.user_id join items i on i.id = e.item_id
     where e.event_id like $1 order by e.event_id`,
    [`${eventIdPrefix}%`],
  );
}

describe('POST /api/v1/events', () => {
  it('stores one event, creating its unknown user and item', async () => {
    const response = await call(POST, 'POST', '/api/v1/events', { body: event('single-1', { user_id: 'new-user', item_id: 'new-item', type: 'rate', value: 4.5 }) });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ accepted: 1, duplicates: 0, duplicate_event_ids: [] });
    expect(await storedEvents('single-')).toEqual([{ event_id: 'single-1', user: 'new-user', item: 'new-item', type: 'rate', value: 4.5 }]);
  });

  it('stores a repeated event id once and reports it as a duplicate', async () => {
    await call(POST, 'POST', '/api/v1/events', { body: event('repeat-1') });
    const again = await call(POST, 'POST', '/api/v1/events', { body: [event('repeat-1'), event('repeat-2'), event('repeat-2')] });
    expect(again.body).toEqual({ accepted: 1, duplicates: 2, duplicate_event_ids: ['repeat-1', 'repeat-2'] });
    expect((await storedEvents('repeat-')).map((row) => row.event_id)).toEqual(['repeat-1', 'repeat-2']);
  });

  it('accepts { events: [...] } and NDJSON batches', async () => {
    const wrapped = await call(POST, 'POST', '/api/v1/events', { body: { events: [event('wrap-1'), event('wrap-2', { user_id: 7, item_id: 9 })] } });
    expect(wrapped.body.accepted).toBe(2);
    const ndjson = [event('nd-1'), event('nd-2')].map((e) => JSON.stringify(e)).join('\n') + '\n';
    const lines = await call(POST, 'POST', '/api/v1/events', { rawBody: ndjson, contentType: 'application/x-ndjson' });
    expect(lines.body.accepted).toBe(2);
    expect((await storedEvents('wrap-2'))[0]).toMatchObject({ user: '7', item: '9' });
  });

  it('refuses a batch with one bad event whole, naming its index', async () => {
    const response = await call(POST, 'POST', '/api/v1/events', { body: [event('bad-1'), event('bad-2', { type: 'teleport' }), event('bad-3')] });
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toEqual([expect.objectContaining({ field: '[1].type', index: 1 })]);
    expect(await storedEvents('bad-')).toEqual([]);
  });

  it('names missing and malformed fields', async () => {
    const response = await call(POST, 'POST', '/api/v1/events', { body: { events: [{ event_id: 'm-1', type: 'rate', user_id: 'u', item_id: '' }] } });
    expect(response.status).toBe(400);
    const fields = response.body.error.fields.map((problem: { field: string }) => problem.field);
    expect(fields).toEqual(expect.arrayContaining(['events[0].item_id', 'events[0].value']));
  });

  it('answers 415, 413 and 400 for the wrong content type, an oversized body and broken JSON', async () => {
    expect((await call(POST, 'POST', '/api/v1/events', { rawBody: 'x', contentType: 'text/plain' })).status).toBe(415);
    const huge = await call(POST, 'POST', '/api/v1/events', { rawBody: 'x', headers: { 'content-length': String(64 * 1024 * 1024) } });
    expect(huge.status).toBe(413);
    const broken = await call(POST, 'POST', '/api/v1/events', { rawBody: '{"event_id": ' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(/not valid JSON/);
    const tooMany = await call(POST, 'POST', '/api/v1/events', { body: Array.from({ length: 5001 }, (_, i) => event(`many-${i}`)) });
    expect(tooMany.status).toBe(400);
    expect(await storedEvents('many-')).toEqual([]);
  });

  it('refuses timestamps far in the future', async () => {
    const response = await call(POST, 'POST', '/api/v1/events', { body: event('future-1', { timestamp: Date.now() + 3 * 86_400_000 }) });
    expect(response.status).toBe(400);
    expect(response.body.error.fields[0].field).toBe('timestamp');
  });

  it('recreates a forgotten user when they come back', async () => {
    await call(POST, 'POST', '/api/v1/events', { body: event('forget-1', { user_id: 'leaver' }) });
    expect((await call(deleteUser, 'DELETE', '/api/v1/users/leaver', { params: { id: 'leaver' } })).body).toMatchObject({ deleted_events: 1 });
    const back = await call(POST, 'POST', '/api/v1/events', { body: event('forget-2', { user_id: 'leaver' }) });
    expect(back.body.accepted).toBe(1);
    expect((await storedEvents('forget-')).map((row) => row.event_id)).toEqual(['forget-2']);
  });

  it('survives a user deleted behind its back (as by another instance)', async () => {
    await call(POST, 'POST', '/api/v1/events', { body: event('behind-1', { user_id: 'ghost' }) });
    await (await getConnection()).query(`delete from users where external_id = 'ghost'`);
    const again = await call(POST, 'POST', '/api/v1/events', { body: event('behind-2', { user_id: 'ghost' }) });
    expect(again.body.accepted).toBe(1);
  });
});

describe('POST /api/v1/events and the real-time profile', () => {
  afterEach(() => setCategoryLookup(null));
  // The wrapped store's 5 ms read timeout is for serving; tests read without it.
  const profileOf = (userId: string) => getFeatureStore().inner.read(userId);

  it('updates the profile before answering, and counts a duplicate once', async () => {
    setCategoryLookup((itemId) => (itemId.startsWith('book') ? 'books' : null));
    const at = Date.parse('2025-06-01T10:00:00Z');
    const first = [
      event('rt-2', { user_id: 'rt-user', item_id: 'book-2', type: 'purchase', timestamp: new Date(at + 60_000).toISOString(), session_id: 's1' }),
      event('rt-1', { user_id: 'rt-user', item_id: 'book-1', type: 'rate', value: 3, timestamp: new Date(at).toISOString(), session_id: 's1' }),
    ];
    await call(POST, 'POST', '/api/v1/events', { body: first });
    const profile = await profileOf('rt-user');
    expect(profile).toMatchObject({
      recent: [
        { itemId: 'book-2', type: 'purchase', at: at + 60_000 },
        { itemId: 'book-1', type: 'rate', at },
      ],
      session: { id: 's1', category: 'books', views: 2, startedAt: at, lastAt: at + 60_000 },
      updatedAt: at + 60_000,
      version: 1,
    });
    expect(profile!.categoryAffinity.books).toBeCloseTo(DEFAULT_EVENT_WEIGHTS.purchase + 3 * DEFAULT_EVENT_WEIGHTS.rate, 3);

    const again = await call(POST, 'POST', '/api/v1/events', { body: [first[0], event('rt-3', { user_id: 'rt-user', item_id: 'song-1', timestamp: new Date(at + 120_000).toISOString() })] });
    expect(again.body).toMatchObject({ accepted: 1, duplicates: 1 });
    const after = await profileOf('rt-user');
    expect(after!.version).toBe(2);
    expect(after!.recent.map((entry) => entry.itemId)).toEqual(['song-1', 'book-2', 'book-1']);
  });

  it('forgets the profile when the user is deleted', async () => {
    await call(POST, 'POST', '/api/v1/events', { body: event('rt-gone-1', { user_id: 'rt-gone' }) });
    expect(await profileOf('rt-gone')).not.toBeNull();
    await call(deleteUser, 'DELETE', '/api/v1/users/rt-gone', { params: { id: 'rt-gone' } });
    expect(await profileOf('rt-gone')).toBeNull();
  });
});
