import { beforeAll, describe, expect, it } from 'vitest';
import { getConnection } from '@/db';
import { POST as postEvents } from '@/app/api/v1/events/route';
import { GET as health } from '@/app/api/v1/health/route';
import { GET as feed } from '@/app/api/v1/recommendations/route';
import { GET as getWeights, PATCH as patchWeights } from '@/app/api/v1/settings/event-weights/route';
import { getConfig } from '@/lib/config';
import { DEFAULT_EVENT_WEIGHTS } from '@/lib/events/types';
import { call } from '@/lib/testing/http';

describe('health', () => {
  // The server opens (and migrates) its database before it serves; the probe times only the query.
  beforeAll(async () => {
    await getConnection();
  });

  it('reports the database, cache, build and uptime', async () => {
    const response = await call(health, 'GET', '/api/v1/health');
    expect(response.status).toBe(200);
    // A fresh install has no model yet: it serves popular items, and says so.
    expect(response.body).toMatchObject({
      status: 'degraded',
      serving: { model_version: null, feature_store: { state: 'closed' }, response_cache: { state: 'closed' } },
      database: { status: 'up', kind: getConfig().database.kind },
      cache: { status: 'up', kind: getConfig().redis ? 'redis' : 'memory' },
    });
    expect(response.body.serving.fallbacks).toEqual(['no_model: serving popular items']);
    expect(response.body.uptime_seconds).toBeGreaterThanOrEqual(0);
    expect(typeof response.body.build).toBe('string');
  });
});

describe('event weights', () => {
  it('start at the defaults and take partial updates', async () => {
    expect((await call(getWeights, 'GET', '/api/v1/settings/event-weights')).body).toEqual(DEFAULT_EVENT_WEIGHTS);
    const patched = await call(patchWeights, 'PATCH', '/api/v1/settings/event-weights', { body: { purchase: 10 } });
    expect(patched.body).toEqual({ ...DEFAULT_EVENT_WEIGHTS, purchase: 10 });
    expect((await call(getWeights, 'GET', '/api/v1/settings/event-weights')).body.purchase).toBe(10);
  });

  it('refuses a positive weight for a negative signal and unknown types', async () => {
    const wrongSign = await call(patchWeights, 'PATCH', '/api/v1/settings/event-weights', { body: { dislike: 3 } });
    expect(wrongSign.status).toBe(400);
    expect(wrongSign.body.error.fields[0].field).toBe('dislike');
    expect((await call(patchWeights, 'PATCH', '/api/v1/settings/event-weights', { body: { teleport: 1 } })).status).toBe(400);
    expect((await call(getWeights, 'GET', '/api/v1/settings/event-weights')).body.dislike).toBe(DEFAULT_EVENT_WEIGHTS.dislike);
  });
});

describe('serving before any model exists', () => {
  it('answers the feed with popular items, naming the fallback', async () => {
    const events = ['a', 'a', 'b'].map((item, n) => ({ event_id: `first-${n}`, user_id: `early-${n}`, item_id: `popular-${item}`, type: 'click' }));
    expect((await call(postEvents, 'POST', '/api/v1/events', { body: events })).status).toBe(200);
    // Events create placeholder items, which are never served: the catalogue describes these.
    await (await getConnection()).query(`update items set title = 'Title of ' || external_id, updated_at = now() where external_id like 'popular-%'`);
    const response = await call(feed, 'GET', '/api/v1/recommendations?user=someone&n=5');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ fallback: 'no_model', model_version: null });
    expect(response.body.items.map((item: { id: string }) => item.id)).toEqual(['popular-a', 'popular-b']);
  });

  it('leaves out what the user has already seen or turned down', async () => {
    await call(postEvents, 'POST', '/api/v1/events', {
      body: [
        { event_id: 'picky-1', user_id: 'picky', item_id: 'popular-a', type: 'dislike' },
        { event_id: 'seen-1', user_id: 'seen-it', item_id: 'popular-a', type: 'click' },
      ],
    });
    const idsFor = async (user: string) => (await call(feed, 'GET', `/api/v1/recommendations?user=${user}&n=10`)).body.items.map((item: { id: string }) => item.id);
    expect(await idsFor('picky')).toEqual(['popular-b']);
    expect(await idsFor('seen-it')).toEqual(['popular-b']);
  });
});
