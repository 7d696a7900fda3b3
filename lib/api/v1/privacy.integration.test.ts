import { beforeAll, describe, expect, it } from 'vitest';
import { POST as postRule } from '@/app/api/v1/curation/rules/route';
import { POST as postEvents } from '@/app/api/v1/events/route';
import { PUT as putItem } from '@/app/api/v1/items/[id]/route';
import { GET as feed } from '@/app/api/v1/recommendations/route';
import { GET as getUser, PUT as putUser } from '@/app/api/v1/users/[id]/route';
import { getConnection } from '@/db';
import { getConfig } from '@/lib/config';
import { DEFAULT_EVENT_WEIGHTS } from '@/lib/events/types';
import { computePopularity } from '@/lib/models/popularity';
import { getFeatureStore } from '@/lib/realtime';
import { ChangeBus, onChange } from '@/lib/runtime/changes';
import { call } from '@/lib/testing/http';
import { servingWorld } from '@/lib/testing/serving-fixture';
import { within } from '@/lib/testing/within';
import { loadTrainingData } from '@/lib/training/load-events';
import { upsertUser } from '@/lib/users/store';

type FeedItem = { id: string; category: string | null };
const ids = (items: FeedItem[]) => items.map((item) => item.id);
const feedOf = async (user: string, extra = ''): Promise<FeedItem[]> => {
  const response = await call(feed, 'GET', `/api/v1/recommendations?user=${user}&n=20${extra}`);
  expect(response.status).toBe(200);
  return response.body.items;
};
const put = async (id: string, body: Record<string, unknown>) => {
  const response = await call(putUser, 'PUT', `/api/v1/users/${id}`, { body, params: { id } });
  expect(response.status).toBeLessThan(300);
  return response.body;
};
let eventCounter = 0;
const post = async (events: Record<string, unknown>[]) => {
  const response = await call(postEvents, 'POST', '/api/v1/events', { body: events.map((event) => ({ event_id: `privacy-${++eventCounter}`, ...event })) });
  expect(response.status).toBe(200);
};

/** Catalogue items by category, largest categories first. */
let byCategory: [string, string[]][] = [];
/** A demo user with a trained history (a row in the model). */
let trainedUser = '';

beforeAll(async () => {
  await servingWorld();
  const conn = await getConnection();
  const rows = await conn.query<{ id: string; category: string }>(`select external_id as id, category from items where category is not null order by external_id`);
  const grouped = new Map<string, string[]>();
  for (const row of rows) grouped.set(row.category, [...(grouped.get(row.category) ?? []), row.id]);
  byCategory = [...grouped].sort((a, b) => b[1].length - a[1].length);
  const [busiest] = await conn.query<{ id: string }>(
    `select u.external_id as id from users u join events e on e.user_id = u.id where u.data_sharing = 'standard' group by u.id order by count(*) desc, u.id limit 1`,
  );
  trainedUser = busiest!.id;
}, 180_000);

describe('minimal: no behavioural personalization', () => {
  it('gives a user who clicks a lot on one category the feed of a cold user with the same stated preferences', async () => {
    const [[stated], [, clickedItems]] = byCategory as [[string, string[]], [string, string[]]];
    await put('min-clicker', { preferences: { categories: [stated] }, data_sharing: 'minimal' });
    await put('cold-twin', { preferences: { categories: [stated] } });
    await post(clickedItems.slice(0, 12).flatMap((item) => [{ user_id: 'min-clicker', item_id: item, type: 'click' }, { user_id: 'min-clicker', item_id: item, type: 'like' }]));
    const clicker = await feedOf('min-clicker');
    expect(clicker).toHaveLength(20);
    // Nothing of theirs is filtered as seen either: they have no behavioural record.
    expect(ids(clicker)).toEqual(ids(await feedOf('cold-twin')));
  });

  it('keeps their events out of the real-time store, while storing them', async () => {
    await put('min-ingest', { data_sharing: 'minimal' });
    await put('std-ingest', {});
    const item = byCategory[0]![1][0]!;
    await post([
      { user_id: 'min-ingest', item_id: item, type: 'view' },
      { user_id: 'std-ingest', item_id: item, type: 'view' },
    ]);
    expect(await getFeatureStore().read('min-ingest')).toBeNull();
    expect((await getFeatureStore().read('std-ingest'))?.recent).toHaveLength(1);
    const history = await call(getUser, 'GET', '/api/v1/users/min-ingest?history=5', { params: { id: 'min-ingest' } });
    expect(history.body.history).toHaveLength(1);
  });

  it('trains no user row on their events, which still count in popularity and trending', async () => {
    const item = 'privacy-anonymous-hit';
    expect((await call(putItem, 'PUT', `/api/v1/items/${item}`, { body: { title: 'Liked in private', category: byCategory[0]![0], published_at: '2020-01-01T00:00:00Z' }, params: { id: item } })).status).toBeLessThan(300);
    const fans = ['min-fan-1', 'min-fan-2', 'min-fan-3'];
    for (const fan of fans) await put(fan, { data_sharing: 'minimal' });
    await post(fans.flatMap((fan) => [{ user_id: fan, item_id: item, type: 'like' }, { user_id: fan, item_id: item, type: 'purchase' }]));
    const { data } = await loadTrainingData(await getConnection(), DEFAULT_EVENT_WEIGHTS);
    for (const fan of [...fans, 'min-clicker', 'min-ingest']) expect(data.userIds).not.toContain(fan);
    expect(data.userIds).toContain('std-ingest');
    const index = data.itemIds.indexOf(item);
    for (let row = 0; row < data.log.length; row++) expect(data.log.item[row]).not.toBe(index);
    const popularity = computePopularity(data);
    // Each fan counts once in all-time popularity, and their recent engagement makes it hot.
    expect(popularity.variants.allTime.scores[index]).toBe(fans.length);
    expect(popularity.variants.hot.scores[index]).toBeGreaterThan(0);
  });
});

describe('changing the level', () => {
  it('takes effect at the next request: a trained user lowered to minimal gets the feed of a cold user with their stated preferences', async () => {
    const stored = (await call(getUser, 'GET', `/api/v1/users/${trainedUser}`, { params: { id: trainedUser } })).body;
    const twin = `${trainedUser}-twin`;
    await put(twin, { preferences: { categories: stored.preferences.categories } });
    const personal = ids(await feedOf(trainedUser));
    const cold = ids(await feedOf(twin));
    expect(personal).not.toEqual(cold);
    // The personal list is in the response cache now: the change must not be answered from it.
    await put(trainedUser, { data_sharing: 'minimal' });
    expect(ids(await feedOf(trainedUser))).toEqual(cold);
    // Lowering deleted what minimal does not allow (their row in the loaded model, their real-time
    // profile): raising the level again does not bring it back before the next training.
    await put(trainedUser, { data_sharing: 'standard' });
    expect(ids(await feedOf(trainedUser))).toEqual(cold);
  });

  it.runIf(getConfig().redis)('takes effect at the next request when another web process wrote it', async () => {
    const otherProcess = new ChangeBus({ redis: getConfig().redis });
    try {
      const user = `${trainedUser}-elsewhere`;
      await put(user, {});
      await post(byCategory[1]![1].slice(0, 10).map((item) => ({ user_id: user, item_id: item, type: 'like' })));
      const personal = ids(await feedOf(user));
      await put(`${user}-twin`, {});
      const cold = ids(await feedOf(`${user}-twin`));
      expect(personal).not.toEqual(cold);
      const heard = new Promise<void>((resolve) => {
        const stop = onChange('users', () => {
          stop();
          resolve();
        });
      });
      // The other process writes the row and announces it; this one only hears the announcement.
      await upsertUser(await getConnection(), { id: user, data_sharing: 'minimal' });
      otherProcess.publish('users');
      await within(1_000, heard);
      expect(ids(await feedOf(user))).toEqual(cold);
    } finally {
      await otherProcess.close();
    }
  });

  it('keeps the stored level, categories and attributes through a PUT that leaves them out', async () => {
    await put('partial', { preferences: { categories: ['Drama'], attributes: { tier: 'gold' } }, data_sharing: 'enhanced' });
    expect(await put('partial', { preferences: { categories: ['Comedy'] } })).toMatchObject({ data_sharing: 'enhanced', preferences: { categories: ['Comedy'], attributes: { tier: 'gold' } } });
    expect(await put('partial', { data_sharing: 'minimal' })).toMatchObject({ data_sharing: 'minimal', preferences: { categories: ['Comedy'], attributes: { tier: 'gold' } } });
    expect(await put('partial', {})).toMatchObject({ data_sharing: 'minimal', preferences: { categories: ['Comedy'], attributes: { tier: 'gold' } } });
  });
});

describe('enhanced: personal context in ranking and segment targeting', () => {
  const pinFor = async (segment: string, avoid: string[]): Promise<{ item: string; rule: number }> => {
    const item = byCategory.flatMap(([, items]) => items).find((id) => !avoid.includes(id))!;
    const response = await call(postRule, 'POST', '/api/v1/curation/rules', { body: { kind: 'pin', target_type: 'item', target: item, position: 1, segment } });
    expect(response.status).toBe(201);
    return { item, rule: response.body.id };
  };

  it('matches attribute segments only for enhanced users, from the next request after a change', async () => {
    await put('gold-user', { preferences: { attributes: { tier: 'gold' } } });
    const { item } = await pinFor('tier=gold', ids(await feedOf('gold-user')));
    expect(ids(await feedOf('gold-user'))).not.toContain(item);
    await put('gold-user', { data_sharing: 'enhanced' });
    expect(ids(await feedOf('gold-user'))[0]).toBe(item);
    await put('gold-user', { data_sharing: 'standard' });
    expect(ids(await feedOf('gold-user'))).not.toContain(item);
  });

  it("matches the request's device only for enhanced users", async () => {
    await put('tv-enhanced', { data_sharing: 'enhanced' });
    await put('tv-standard', {});
    const { item } = await pinFor('device=tv', [...ids(await feedOf('tv-enhanced')), ...ids(await feedOf('tv-standard'))]);
    expect(ids(await feedOf('tv-enhanced', '&device=tv'))[0]).toBe(item);
    expect(ids(await feedOf('tv-enhanced', '&device=mobile'))).not.toContain(item);
    expect(ids(await feedOf('tv-standard', '&device=tv'))).not.toContain(item);
  });

  it("ranks with the session's category only for enhanced users", async () => {
    const [category, items] = byCategory[2]!;
    const levels = { 'session-standard-1': 'standard', 'session-standard-2': 'standard', 'session-enhanced': 'enhanced' } as const;
    for (const [user, level] of Object.entries(levels)) {
      await put(user, { data_sharing: level });
      const at = Date.now() - 60_000;
      await post(items.slice(0, 3).map((item, k) => ({ user_id: user, item_id: item, type: 'view', session_id: `s-${user}`, timestamp: new Date(at + k * 1_000).toISOString() })));
    }
    const standard = await feedOf('session-standard-1');
    // Two standard users with the same events get the same feed: the difference below is the level's.
    expect(ids(await feedOf('session-standard-2'))).toEqual(ids(standard));
    const enhanced = await feedOf('session-enhanced');
    expect(ids(enhanced)).not.toEqual(ids(standard));
    const inCategory = (list: FeedItem[]) => list.filter((item) => item.category === category).length;
    expect(inCategory(enhanced)).toBeGreaterThan(inCategory(standard));
  });
});
