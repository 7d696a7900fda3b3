import { beforeAll, describe, expect, it } from 'vitest';
import { POST as preview } from '@/app/api/v1/recommendations/explain/preview/route';
import { POST as postRule } from '@/app/api/v1/curation/rules/route';
import { GET as explainFeed } from '@/app/api/v1/recommendations/explain/feed/route';
import { GET as byStrategy } from '@/app/api/v1/recommendations/explain/strategies/route';
import { GET as exportUser } from '@/app/api/v1/users/[id]/export/route';
import { drainImpressionWriter } from '@/lib/impressions';
import { PRESET_STRATEGIES } from '@/lib/strategies/schema';
import { call } from '@/lib/testing/http';
import { servingWorld } from '@/lib/testing/serving-fixture';

const ids = (feed: { items: { id: string }[] }) => feed.items.map((item) => item.id);
const exported = async (user: string) => (await call(exportUser, 'GET', `/api/v1/users/${user}/export`, { params: { id: user } })).body;

beforeAll(async () => {
  await servingWorld();
}, 180_000);

describe('previewing an unsaved strategy', () => {
  const user = 'user-00042';
  const ask = (config: unknown, n = 10) => call(preview, 'POST', '/api/v1/recommendations/explain/preview', { body: { user, config, n } });

  it('serves what the config would, beside the default strategy, and the same when the config is the default', async () => {
    const popular = await ask(PRESET_STRATEGIES.popular);
    expect(popular.status).toBe(200);
    expect(popular.body.default).toMatchObject({ strategy: 'hybrid', version: expect.any(Number) });
    expect(popular.body.preview).toMatchObject({ strategy: 'preview', version: null });
    expect(ids(popular.body.preview)).toHaveLength(10);
    expect(ids(popular.body.preview)).not.toEqual(ids(popular.body.default));

    const same = await ask(PRESET_STRATEGIES.hybrid);
    expect(ids(same.body.preview)).toEqual(ids(same.body.default));
    expect(ids(same.body.default)).toEqual(ids(popular.body.default));
  });

  it('records no impression for the user', async () => {
    expect((await ask(PRESET_STRATEGIES.content)).status).toBe(200);
    await drainImpressionWriter();
    expect((await exported(user)).impressions).toEqual([]);
  });

  it('refuses a config serving would refuse, naming the field', async () => {
    const response = await ask({ ...PRESET_STRATEGIES.hybrid, explorationShare: 0.9 });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain('config.explorationShare');
    expect((await ask({ ...PRESET_STRATEGIES.hybrid, quotas: { ...PRESET_STRATEGIES.hybrid.quotas, collaborative: -1 } })).status).toBe(400);
  });
});

describe("a user's feed under several strategies", () => {
  const ask = (strategies: string) => call(byStrategy, 'GET', `/api/v1/recommendations/explain/strategies?user=user-00043&n=8&strategies=${strategies}`);

  it('ranks one feed per strategy, in the order asked, each as the preview of its config would', async () => {
    const { status, body } = await ask('popular,hybrid');
    expect(status).toBe(200);
    expect(body.feeds.map((feed: { strategy: string }) => feed.strategy)).toEqual(['popular', 'hybrid']);
    for (const feed of body.feeds) expect(feed.items).toHaveLength(8);
    expect(ids(body.feeds[0])).not.toEqual(ids(body.feeds[1]));
    const previewed = await call(preview, 'POST', '/api/v1/recommendations/explain/preview', { body: { user: 'user-00043', config: PRESET_STRATEGIES.popular, n: 8 } });
    expect(ids(body.feeds[0])).toEqual(ids(previewed.body.preview));
  });

  it('names an unknown strategy (404) and refuses more than three (400)', async () => {
    expect((await ask('popular,no-such-strategy')).status).toBe(404);
    const tooMany = await ask('popular,hybrid,content,collaborative');
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.body)).toContain('strategies');
  });
});

describe('explaining what post-processing moved', () => {
  it('names the boost rule that lifted an item above its score rank', async () => {
    const user = 'user-00044';
    const explain = async () => (await call(explainFeed, 'GET', `/api/v1/recommendations/explain/feed?user=${user}&n=20`)).body.items;
    const before = await explain();
    const target = before[15];
    expect(target.score_rank).toEqual(expect.any(Number));
    expect((await call(postRule, 'POST', '/api/v1/curation/rules', { body: { kind: 'boost', target_type: 'item', target: target.id, boost: 50, note: 'Spring promo' } })).status).toBe(201);
    const after = await explain();
    const position = after.findIndex((item: { id: string }) => item.id === target.id);
    expect(position).toBeGreaterThanOrEqual(0);
    expect(position).toBeLessThan(15);
    expect(after[position].adjustments).toContainEqual({ kind: 'boosted', text: 'Boosted by rule “Spring promo” (×50)' });
    expect(after[position].score_rank).toBeGreaterThan(position + 1);
  });
});
