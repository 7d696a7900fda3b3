import { beforeAll, describe, expect, it } from 'vitest';
import { POST as postEvents } from '@/app/api/v1/events/route';
import { GET as feed } from '@/app/api/v1/recommendations/route';
import { observeStatements } from '@/db/client';
import type { Cache } from '@/lib/cache';
import { createRedisClient } from '@/lib/cache/redis';
import { getConfig } from '@/lib/config';
import { getFeatureStore } from '@/lib/realtime';
import { PRECOMPUTED_SOURCES, precomputedList } from '@/lib/recommend/precomputed';
import { userSignals } from '@/lib/recommend/signals';
import { trainedHistoryOf } from '@/lib/recommend/user-histories';
import { DEFAULT_QUOTAS } from '@/lib/recommend/candidates';
import { takeProcessSingleton } from '@/lib/runtime/singleton';
import { servingModel } from '@/lib/serving/state';
import { call } from '@/lib/testing/http';
import { servingWorld } from '@/lib/testing/serving-fixture';

const getFeed = (user: string) => call(feed, 'GET', `/api/v1/recommendations?user=${user}&n=10`);
const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);

/** The statements sent while `work` runs. */
async function statementsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const statements: string[] = [];
  const stop = observeStatements((text) => statements.push(text));
  try {
    await work();
  } finally {
    stop();
  }
  return statements;
}

/**
 * As after a Redis restart, or a new process with the in-memory stores: the feature store is
 * empty and newer than the model, and the response cache is gone with it.
 */
async function loseFeatureStore(users: string[]): Promise<void> {
  const store = getFeatureStore();
  for (const user of users) await store.forget(user);
  const { redis } = getConfig();
  if (redis) {
    const client = createRedisClient(redis.url, redis.prefix);
    const cached = await client.keys(`${redis.prefix}rec:*`);
    await client.del('realtime-created-at', ...cached.map((key) => key.slice(redis.prefix.length)));
    client.disconnect();
  }
  await takeProcessSingleton<ReturnType<typeof getFeatureStore>>('realtime-feature-store')?.close();
  await takeProcessSingleton<Cache>('cache')?.close();
}

beforeAll(async () => {
  await servingWorld();
}, 180_000);

describe('serving from memory', () => {
  it('reads no user history from the database: a known user’s feed comes from the model and the real-time store', async () => {
    await getFeed('user-00001');
    const users = Array.from({ length: 30 }, (_, i) => `user-${String(i + 40).padStart(5, '0')}`);
    const statements = await statementsDuring(async () => {
      for (const user of users) expect((await getFeed(user)).status).toBe(200);
    });
    // Impressions are written behind the responses. Before, every feed read the user's events; now
    // only the shared state's periodic re-reads (catalogue, users, rules, model) may run.
    const reads = statements.filter((text) => !/^\s*insert into (impressions|experiment_exposures)\b/i.test(text));
    expect(reads.filter((text) => /\bevents\b/.test(text))).toEqual([]);
    expect(reads.length).toBeLessThan(users.length / 3);
  });

  it('precomputes, for each known user, what the costly sources would propose from their trained history', async () => {
    const { models, retrievers } = (await servingModel())!;
    const { histories, precomputed } = models;
    expect(histories && precomputed).toBeTruthy();
    for (const user of [0, 5, 17]) {
      const trained = trainedHistoryOf(histories!, user);
      const positive = Array.from(trained.items.keys()).filter((p) => trained.strengths[p]! > 0);
      const request = {
        user,
        history: { items: Uint32Array.from(positive, (p) => trained.items[p]!), strengths: Float32Array.from(positive, (p) => trained.strengths[p]!) },
        seen: Array.from(trained.items),
        preferredCategories: [],
        now: models.now,
        count: 0,
      };
      const signals = userSignals(models, request);
      for (const source of PRECOMPUTED_SOURCES) {
        const live = source.generate({ models, request, signals, retrievers }, DEFAULT_QUOTAS[source.name]);
        expect(Array.from(precomputedList(precomputed!, source.name, user)), `${source.name} for user ${user}`).toEqual(Array.from(live));
      }
    }
  });

  it('reflects an event since training at once, and after the store is lost reads it back from the database once', async () => {
    const user = 'user-00090';
    const top = ids((await getFeed(user)).body)[0]!;
    const posted = await call(postEvents, 'POST', '/api/v1/events', { body: { event_id: `memory-path-${top}`, user_id: user, item_id: top, type: 'dislike' } });
    expect(posted.status).toBe(200);
    expect(ids((await getFeed(user)).body)).not.toContain(top);

    await loseFeatureStore([user]);
    const first = await statementsDuring(async () => expect(ids((await getFeed(user)).body)).not.toContain(top));
    // Who was active in the lost window (once per process), then this user's events.
    expect(first.filter((text) => /\bevents\b/.test(text))).toHaveLength(2);
    const again = await statementsDuring(async () => expect(ids((await getFeed(user)).body)).not.toContain(top));
    expect(again.filter((text) => /\bevents\b/.test(text))).toEqual([]);
  });
});
