import { beforeAll, describe, expect, it } from 'vitest';
import { POST as postEvents } from '@/app/api/v1/events/route';
import { PATCH as patchItem, PUT as putItem } from '@/app/api/v1/items/[id]/route';
import { GET as similar } from '@/app/api/v1/items/[id]/similar/route';
import { GET as explain } from '@/app/api/v1/recommendations/explain/route';
import { GET as feed } from '@/app/api/v1/recommendations/route';
import { POST as sessionRecommend } from '@/app/api/v1/sessions/recommend/route';
import { GET as trending } from '@/app/api/v1/trending/route';
import { PUT as putUser } from '@/app/api/v1/users/[id]/route';
import { getConnection } from '@/db';
import { resetConfigForTests } from '@/lib/config';
import { POST as postRule } from '@/app/api/v1/curation/rules/route';
import { POST as startExperiment } from '@/app/api/v1/experiments/[id]/start/route';
import { POST as stopExperiment } from '@/app/api/v1/experiments/[id]/stop/route';
import { POST as postExperiment } from '@/app/api/v1/experiments/route';
import { getFeatureStore } from '@/lib/realtime';
import { getImpressionWriter } from '@/lib/impressions';
import { impressionsByRecommendationId } from '@/lib/impressions/store';
import { getVersion, promoteVersion, readVerifiedArtifact, registerVersion } from '@/lib/models/registry';
import { reloadServingModel, servingModel } from '@/lib/serving/state';
import { call } from '@/lib/testing/http';
import { servingWorld } from '@/lib/testing/serving-fixture';

const USER = 'user-00007';
const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);
const getFeed = (query: string) => call(feed, 'GET', `/api/v1/recommendations?${query}`);

let versionId = 0;
beforeAll(async () => {
  ({ versionId } = await servingWorld());
}, 180_000);

describe('the feed', () => {
  it('answers with ranked, explained items and the metadata of the list', async () => {
    const response = await getFeed(`user=${USER}&n=10`);
    expect(response.status).toBe(200);
    // A slow moment of the feature store may name a fallback; the list itself must still be the model's.
    expect(response.body).toMatchObject({ model_version: versionId, strategy: 'hybrid', experiment: null });
    expect(response.body.recommendation_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.body.items).toHaveLength(10);
    expect(new Set(ids(response.body)).size).toBe(10);
    for (const item of response.body.items) expect(item.reasons.length).toBeGreaterThan(0);
    const scores = response.body.items.map((item: { score: number }) => item.score);
    expect(scores.length).toBe(10);
  });

  it('never repeats an item across pages, and refuses a malformed cursor', async () => {
    const first = await getFeed(`user=${USER}&n=10`);
    const second = await getFeed(`user=${USER}&n=10&cursor=${first.body.next_cursor}`);
    const third = await getFeed(`user=${USER}&n=10&cursor=${second.body.next_cursor}`);
    const all = [...ids(first.body), ...ids(second.body), ...ids(third.body)];
    expect(all).toHaveLength(30);
    expect(new Set(all).size).toBe(30);
    const bad = await getFeed(`user=${USER}&cursor=not-a-cursor`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('cursor');
  });

  it('names the bad parameter: n out of range, unknown category', async () => {
    for (const n of ['0', '101', 'ten']) {
      const response = await getFeed(`user=${USER}&n=${n}`);
      expect(response.status).toBe(400);
      expect(response.body.error.fields[0].field).toBe('n');
    }
    const category = await getFeed(`user=${USER}&category=Nonexistent`);
    expect(category.status).toBe(400);
    expect(category.body.error.fields[0].field).toBe('category');
  });

  it('never returns a hidden or expired item, even right after serving it from the cache', async () => {
    const before = await getFeed(`user=${USER}&n=10`);
    const [hidden, expired] = ids(before.body);
    expect((await call(patchItem, 'PATCH', `/api/v1/items/${hidden}`, { body: { is_hidden: true }, params: { id: hidden! } })).status).toBe(200);
    const past = new Date(Date.now() - 60_000).toISOString();
    expect((await call(patchItem, 'PATCH', `/api/v1/items/${expired}`, { body: { published_at: new Date(Date.now() - 86_400_000).toISOString(), expires_at: past }, params: { id: expired! } })).status).toBe(200);
    const after = await getFeed(`user=${USER}&n=10`);
    expect(ids(after.body)).not.toContain(hidden);
    expect(ids(after.body)).not.toContain(expired);
  });

  it('places a pinned item at its position and drops blocked items', async () => {
    const before = ids((await getFeed(`user=user-00009&n=10`)).body);
    const pinned = ids((await call(trending, 'GET', '/api/v1/trending?variant=hot&n=40')).body).find((id) => !before.includes(id))!;
    expect((await call(postRule, 'POST', '/api/v1/curation/rules', { body: { kind: 'pin', target_type: 'item', target: pinned, position: 3 } })).status).toBe(201);
    expect((await call(postRule, 'POST', '/api/v1/curation/rules', { body: { kind: 'block', target_type: 'item', target: before[0] } })).status).toBe(201);
    const after = ids((await getFeed(`user=user-00009&n=10`)).body);
    expect(after[2]).toBe(pinned);
    expect(after).not.toContain(before[0]);
  });

  it('reflects a dislike in the very next response', async () => {
    const user = 'user-00021';
    const top = ids((await getFeed(`user=${user}&n=5`)).body)[0]!;
    const posted = await call(postEvents, 'POST', '/api/v1/events', { body: { event_id: `dislike-${top}`, user_id: user, item_id: top, type: 'dislike' } });
    expect(posted.status).toBe(200);
    const started = Date.now();
    const next = await getFeed(`user=${user}&n=20`);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(ids(next.body)).not.toContain(top);
  });

  it('serves a new user with stated preferences from those categories, and one without from trending', async () => {
    const model = await servingModel();
    const category = model!.models.popularity.categories[0]!;
    expect((await call(putUser, 'PUT', '/api/v1/users/newcomer-1', { body: { preferences: { categories: [category] } }, params: { id: 'newcomer-1' } })).status).toBeLessThan(300);
    const withPreferences = await getFeed('user=newcomer-1&n=10');
    expect(withPreferences.status).toBe(200);
    const inCategory = withPreferences.body.items.filter((item: { category: string }) => item.category === category).length;
    expect(inCategory).toBeGreaterThanOrEqual(5);

    const stranger = await getFeed('user=never-seen-before&n=10');
    expect(stranger.status).toBe(200);
    expect(stranger.body.items).toHaveLength(10);
    const categories = new Set(stranger.body.items.map((item: { category: string }) => item.category));
    expect(categories.size).toBeGreaterThanOrEqual(3);
  });

  it('falls back to candidate scores when the ranker fails, and says so', async () => {
    const model = (await servingModel())!;
    const ranker = model.ranker;
    model.ranker = { score: () => Promise.reject(new Error('ranker down')) };
    try {
      const response = await getFeed(`user=user-00031&n=10`);
      expect(response.status).toBe(200);
      expect(response.body.fallback).toBe('ranker');
      expect(response.body.items).toHaveLength(10);
    } finally {
      model.ranker = ranker;
    }
  });

  it('serves item neighbours and trending when the ANN index fails, and says so', async () => {
    const model = (await servingModel())!;
    const retrievers = model.retrievers;
    const broken = { search: () => { throw new Error('index unreadable'); } };
    // Known users' searches were run by the worker after training; a user the model has not seen searches live.
    const user = 'ann-failure-newcomer';
    for (const item of model.models.itemIds.slice(0, 3)) {
      expect((await call(postEvents, 'POST', '/api/v1/events', { body: { event_id: `ann-${item}`, user_id: user, item_id: item, type: 'like' } })).status).toBe(200);
    }
    model.retrievers = { factors: broken, content: broken };
    try {
      const response = await getFeed(`user=${user}&n=10`);
      expect(response.status).toBe(200);
      expect(response.body.fallback).toBe('neighbors_trending');
      expect(response.body.items).toHaveLength(10);
      expect(response.body.items[0].reasons[0].kind).toBe('because_you_watched');
    } finally {
      model.retrievers = retrievers;
    }
  });

  it('serves defaults when the feature store does not answer, and says so', async () => {
    const store = getFeatureStore();
    const read = store.inner.read.bind(store.inner);
    store.inner.read = () => new Promise(() => undefined);
    try {
      const response = await getFeed(`user=user-00032&n=10`);
      expect(response.status).toBe(200);
      expect(response.body.fallback).toBe('feature_store');
      expect(response.body.items).toHaveLength(10);
    } finally {
      store.inner.read = read;
    }
  });
});

describe('similar items', () => {
  it('blends neighbours and content, and answers for a brand-new item too', async () => {
    const response = await call(similar, 'GET', '/api/v1/items/item-00010/similar?n=8', { params: { id: 'item-00010' } });
    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(8);
    expect(ids(response.body)).not.toContain('item-00010');

    const model = (await servingModel())!;
    const twin = model.models.itemIds[12]!;
    const source = await getConnection().then((conn) => conn.query<{ title: string; description: string; category: string; tags: string[] }>('select title, description, category, tags from items where external_id = $1', [twin]));
    const { title, description, category, tags } = source[0]!;
    expect((await call(putItem, 'PUT', '/api/v1/items/brand-new', { body: { title, description, category, tags }, params: { id: 'brand-new' } })).status).toBe(201);
    const fresh = await call(similar, 'GET', '/api/v1/items/brand-new/similar?n=10', { params: { id: 'brand-new' } });
    expect(fresh.status).toBe(200);
    expect(ids(fresh.body)).toContain(twin);

    expect((await call(similar, 'GET', '/api/v1/items/nope/similar', { params: { id: 'nope' } })).status).toBe(404);
  });
});

describe('trending and sessions', () => {
  it('lists trending items by variant and refuses an unknown category', async () => {
    const hot = await call(trending, 'GET', '/api/v1/trending?variant=hot&n=5');
    expect(hot.status).toBe(200);
    expect(hot.body.items).toHaveLength(5);
    expect(hot.body.items[0].reasons[0].text).toBe('Trending now');
    expect((await call(trending, 'GET', '/api/v1/trending?variant=cold')).status).toBe(400);
    expect((await call(trending, 'GET', '/api/v1/trending?category=Nope')).status).toBe(400);
  });

  it('recommends for an anonymous session from its items alone', async () => {
    const recent = ['item-00003', 'item-00004'];
    const response = await call(sessionRecommend, 'POST', '/api/v1/sessions/recommend', { body: { recent_items: recent, n: 10 } });
    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(10);
    for (const id of recent) expect(ids(response.body)).not.toContain(id);
    expect((await call(sessionRecommend, 'POST', '/api/v1/sessions/recommend', { body: { recent_items: 'item-1' } })).status).toBe(400);
  });
});

describe('explain', () => {
  it('shows where an item stands for a user and why', async () => {
    const top = ids((await getFeed(`user=user-00040&n=5`)).body)[0]!;
    const shown = await call(explain, 'GET', `/api/v1/recommendations/explain?user=user-00040&item=${top}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ would_show: true, position: 1 });
    expect(shown.body.breakdown.contributions.length).toBeGreaterThan(5);

    const hidden = await call(patchItem, 'PATCH', `/api/v1/items/${top}`, { body: { is_hidden: true }, params: { id: top } });
    expect(hidden.status).toBe(200);
    const notShown = await call(explain, 'GET', `/api/v1/recommendations/explain?user=user-00040&item=${top}`);
    expect(notShown.body.would_show).toBe(false);
    expect(notShown.body.excluded_because).toContain('the item is hidden in the catalogue');
  });
});

describe('experiments in the feed', () => {
  it('serves each user by their variant, naming it in the body and the X-Experiment header', async () => {
    const created = await call(postExperiment, 'POST', '/api/v1/experiments', {
      body: { key: 'feed-test', variants: [{ key: 'control', strategy: 'hybrid' }, { key: 'popular', strategy: 'popular' }], layer: 'feed-test' },
    });
    expect(created.status).toBe(201);
    expect((await call(startExperiment, 'POST', '/api/v1/experiments/feed-test/start', { params: { id: 'feed-test' } })).status).toBe(200);
    const seen = new Map<string, string>();
    for (let i = 50; i < 70; i++) {
      const user = `user-${String(i).padStart(5, '0')}`;
      const response = await getFeed(`user=${user}&n=5`);
      expect(response.status).toBe(200);
      expect(response.body.experiment).toBe('feed-test');
      expect(response.headers.get('x-experiment')).toBe(`feed-test:${response.body.variant}`);
      expect(response.body.strategy).toBe(response.body.variant === 'control' ? 'hybrid' : 'popular');
      seen.set(user, response.body.variant);
      // Sticky: the same user gets the same variant again.
      expect((await getFeed(`user=${user}&n=5`)).body.variant).toBe(response.body.variant);
    }
    expect(new Set(seen.values())).toEqual(new Set(['control', 'popular']));
    expect((await call(stopExperiment, 'POST', '/api/v1/experiments/feed-test/stop', { params: { id: 'feed-test' } })).status).toBe(200);
  });
});

describe('impressions and model swaps', () => {
  it('logs every served list as an impression, off the request path', async () => {
    const response = await getFeed('user=user-00060&n=7');
    await (await getImpressionWriter()).flush();
    const impression = await impressionsByRecommendationId(await getConnection(), response.body.recommendation_id);
    expect(impression).toMatchObject({ userId: 'user-00060', surface: 'feed', items: ids(response.body), modelVersion: versionId });
  });

  it('swaps in a promoted version atomically, with no failed request', async () => {
    const conn = await getConnection();
    const current = (await servingModel())!;
    const bytes = await readVerifiedArtifact(conn, (await getVersion(conn, current.versionId))!);
    const next = await registerVersion(conn, { bytes, params: {}, metrics: {}, counts: {}, dataFrom: null, dataTo: null, trainingRunId: null }, null);
    await promoteVersion(conn, next.id);
    const during = Array.from({ length: 10 }, (_, i) => getFeed(`user=user-0007${i}&n=5`));
    const reloaded = await reloadServingModel();
    for (const response of await Promise.all(during)) expect(response.status).toBe(200);
    expect(reloaded?.versionId).toBe(next.id);
    expect((await getFeed('user=user-00080&n=5')).body.model_version).toBe(next.id);
  });
});

describe('seen items', () => {
  it('hides items the user interacted with, for the configured event types only', async () => {
    const post = (user: string, item: string) => call(postEvents, 'POST', '/api/v1/events', { body: { event_id: `view-${user}-${item}`, user_id: user, item_id: item, type: 'view' } });
    const top = ids((await getFeed('user=user-00090&n=5')).body)[0]!;
    expect((await post('user-00090', top)).status).toBe(200);
    expect(ids((await getFeed('user=user-00090&n=50')).body)).not.toContain(top);

    process.env.TAILOR_SEEN_EVENT_TYPES = 'purchase';
    resetConfigForTests();
    try {
      const other = ids((await getFeed('user=user-00091&n=5')).body)[0]!;
      expect((await post('user-00091', other)).status).toBe(200);
      expect(ids((await getFeed('user=user-00091&n=50')).body)).toContain(other);
    } finally {
      delete process.env.TAILOR_SEEN_EVENT_TYPES;
      resetConfigForTests();
    }
  });
});
