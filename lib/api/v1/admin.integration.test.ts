import { beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as postEvents } from '@/app/api/v1/events/route';
import { PATCH as patchItem } from '@/app/api/v1/items/[id]/route';
import { POST as postRule } from '@/app/api/v1/curation/rules/route';
import { GET as feed } from '@/app/api/v1/recommendations/route';
import { GET as whyNot } from '@/app/api/v1/recommendations/why-not/route';
import { GET as explainFeed } from '@/app/api/v1/recommendations/explain/feed/route';
import { GET as getCacheTtls, PATCH as patchCacheTtls } from '@/app/api/v1/settings/cache/route';
import { GET as getDiversity, PATCH as patchDiversity } from '@/app/api/v1/settings/diversity/route';
import { PATCH as patchWeights } from '@/app/api/v1/settings/event-weights/route';
import { GET as exportUser } from '@/app/api/v1/users/[id]/export/route';
import { GET as live } from '@/app/api/v1/users/[id]/live/route';
import { DELETE as deleteUser, PUT as putUser } from '@/app/api/v1/users/[id]/route';
import { GET as listUsers } from '@/app/api/v1/users/route';
import { getConnection } from '@/db';
import { listAudit } from '@/lib/auth/audit';
import { getCache } from '@/lib/cache';
import { getEventIngestor } from '@/lib/events/ingestor';
import { drainImpressionWriter } from '@/lib/impressions';
import { call } from '@/lib/testing/http';
import { servingWorld } from '@/lib/testing/serving-fixture';
import { forgottenUserHash } from '@/lib/users/tombstones';

const at = (id: string) => ({ params: { id } });
const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);
const auditOf = async (targetType: string, targetId: string) => (await listAudit(await getConnection(), { target_type: targetType, target_id: targetId, limit: 10, offset: 0 })).entries;

beforeAll(async () => {
  await servingWorld();
}, 180_000);

describe('users', () => {
  it('searches users by part of their id, paged, with their event counts', async () => {
    const page = await call(listUsers, 'GET', '/api/v1/users?q=USER-0001&limit=3');
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(10);
    expect(page.body.users.map((user: { id: string }) => user.id)).toEqual(['user-00010', 'user-00011', 'user-00012']);
    expect(page.body.users[0].event_count).toBeGreaterThan(0);
    const next = await call(listUsers, 'GET', '/api/v1/users?q=user-0001&limit=3&offset=9');
    expect(next.body.users.map((user: { id: string }) => user.id)).toEqual(['user-00019']);
    expect((await call(listUsers, 'GET', '/api/v1/users?limit=0')).status).toBe(400);
  });

  it('exports profile, preferences, events and impressions as a JSON download', async () => {
    await call(putUser, 'PUT', '/api/v1/users/eve', { body: { preferences: { categories: ['Comedy'] } }, ...at('eve') });
    await call(postEvents, 'POST', '/api/v1/events', { body: [{ event_id: 'x-1', user_id: 'eve', item_id: 'item-0001', type: 'like', session_id: 's-1' }] });
    const served = await call(feed, 'GET', '/api/v1/recommendations?user=eve&n=5');
    await drainImpressionWriter();
    const exported = await call(exportUser, 'GET', '/api/v1/users/eve/export', at('eve'));
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename="user-eve.json"');
    expect(exported.body.user).toMatchObject({ id: 'eve', preferences: { categories: ['Comedy'] } });
    expect(exported.body.events).toEqual([expect.objectContaining({ event_id: 'x-1', type: 'like', session_id: 's-1', item: expect.objectContaining({ id: 'item-0001' }) })]);
    expect(exported.body.impressions).toEqual([expect.objectContaining({ recommendation_id: served.body.recommendation_id, items: ids(served.body) })]);
    expect((await call(exportUser, 'GET', '/api/v1/users/nobody/export', at('nobody'))).status).toBe(404);
  });

  it('reads the live profile serving uses', async () => {
    await call(postEvents, 'POST', '/api/v1/events', { body: [{ event_id: 'l-1', user_id: 'fay', item_id: 'item-0002', type: 'view' }] });
    const profile = await call(live, 'GET', '/api/v1/users/fay/live', at('fay'));
    expect(profile.status).toBe(200);
    expect(profile.body.recent).toEqual([expect.objectContaining({ itemId: 'item-0002', type: 'view', title: expect.any(String) })]);
    expect((await call(live, 'GET', '/api/v1/users/ghost/live', at('ghost'))).body).toEqual({ recent: [], session: null, affinities: [], updated_at: null });
  });

  it('audits deletions of users, not profile syncs', async () => {
    await call(putUser, 'PUT', '/api/v1/users/gus', { body: {}, ...at('gus') });
    await (await getEventIngestor()).flush();
    expect((await call(deleteUser, 'DELETE', '/api/v1/users/gus', at('gus'))).status).toBe(200);
    // Under the keyed hash of the id: the log must not name a forgotten user.
    expect((await auditOf('user', await forgottenUserHash('gus'))).map((entry) => entry.action)).toEqual(['user.delete']);
    expect(await auditOf('user', 'gus')).toEqual([]);
  });
});

describe('serving settings', () => {
  it('validates, merges and audits a change', async () => {
    expect((await call(getCacheTtls, 'GET', '/api/v1/settings/cache')).body).toEqual({ response_seconds: 60, list_seconds: 1800 });
    const bad = await call(patchCacheTtls, 'PATCH', '/api/v1/settings/cache', { body: { list_seconds: 5, extra: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((field: { field: string }) => field.field).sort()).toEqual(['(body)', 'list_seconds']);
    const changed = await call(patchDiversity, 'PATCH', '/api/v1/settings/diversity', { body: { max_per_category: 3 } });
    expect(changed.body).toEqual({ lambda: 0.85, max_per_category: 3 });
    expect((await call(getDiversity, 'GET', '/api/v1/settings/diversity')).body).toEqual(changed.body);
    expect((await auditOf('setting', 'diversity_defaults'))[0]).toMatchObject({ action: 'setting.update', details: { before: { max_per_category: null }, after: { max_per_category: 3 } } });
    await call(patchDiversity, 'PATCH', '/api/v1/settings/diversity', { body: { max_per_category: null } });
  });

  it('audits event-weight changes', async () => {
    expect((await call(patchWeights, 'PATCH', '/api/v1/settings/event-weights', { body: { like: 5 } })).status).toBe(200);
    expect((await auditOf('setting', 'event_weights'))[0]).toMatchObject({ actor: expect.any(String), details: { before: { like: 4 }, after: { like: 5 } } });
  });

  it('caches lists and responses for the TTLs set, and not at all with 0', async () => {
    const set = vi.spyOn(getCache(), 'set');
    try {
      await call(patchCacheTtls, 'PATCH', '/api/v1/settings/cache', { body: { response_seconds: 15, list_seconds: 120 } });
      await call(feed, 'GET', '/api/v1/recommendations?user=user-00021&n=5');
      await vi.waitFor(() => expect(set.mock.calls.map(([key, , ttl]) => [key.split(':')[0], ttl]).sort()).toEqual([['rec', 15], ['reclist', 120]]));
      set.mockClear();
      await call(patchCacheTtls, 'PATCH', '/api/v1/settings/cache', { body: { response_seconds: 0 } });
      await call(feed, 'GET', '/api/v1/recommendations?user=user-00022&n=5');
      await vi.waitFor(() => expect(set.mock.calls.map(([key, , ttl]) => [key.split(':')[0], ttl])).toEqual([['reclist', 120]]));
    } finally {
      set.mockRestore();
      await call(patchCacheTtls, 'PATCH', '/api/v1/settings/cache', { body: { response_seconds: 60, list_seconds: 1800 } });
    }
  });

  it('diversifies by the default λ and the per-category cap', async () => {
    const categoriesOf = async (user: string) => (await call(feed, 'GET', `/api/v1/recommendations?user=${user}&n=12&explain=true`)).body.items.map((item: { category: string }) => item.category);
    const uncapped = await categoriesOf('user-00031');
    await call(patchDiversity, 'PATCH', '/api/v1/settings/diversity', { body: { max_per_category: 1 } });
    const capped = await categoriesOf('user-00031');
    expect(new Set(capped).size).toBe(capped.length);
    expect(new Set(uncapped).size).toBeLessThan(uncapped.length);

    await call(patchDiversity, 'PATCH', '/api/v1/settings/diversity', { body: { lambda: 1, max_per_category: null } });
    const relevanceOnly = (await call(feed, 'GET', '/api/v1/recommendations?user=user-00032&n=30&explain=true')).body.items;
    await call(patchDiversity, 'PATCH', '/api/v1/settings/diversity', { body: { lambda: 0.2 } });
    const diverse = (await call(feed, 'GET', '/api/v1/recommendations?user=user-00032&n=30&explain=true')).body.items;
    expect(ids({ items: diverse })).not.toEqual(ids({ items: relevanceOnly }));
    await call(patchDiversity, 'PATCH', '/api/v1/settings/diversity', { body: { lambda: 0.85 } });
  });
});

describe('why not this one?', () => {
  const ask = (user: string, item: string, n = 10) => call(whyNot, 'GET', `/api/v1/recommendations/why-not?user=${user}&item=${item}&n=${n}`);

  it('answers for an item shown, one ranked below the cut, one seen, one blocked and one hidden', async () => {
    const user = 'user-00040';
    const list = ids((await call(feed, 'GET', `/api/v1/recommendations?user=${user}&n=30`)).body);
    expect((await ask(user, list[0]!)).body).toMatchObject({ verdict: 'shown', ranked: { id: list[0] } });

    const below = await ask(user, list[25]!);
    expect(below.body).toMatchObject({ verdict: 'below_cut', cut: 10, ranked: { id: list[25], sources: expect.any(Array) }, last_shown: { id: expect.any(String) } });
    expect(below.body.summary).toMatch(/^it ranked at position \d+, below the cut of 10: its score/);
    // The version serves the stacker with an exposure penalty: items on many users' first pages say what it took.
    const summaries = await Promise.all(list.slice(10, 30).map(async (item) => (await ask(user, item)).body.summary as string));
    expect(summaries.some((summary) => /after \d\.\d{4} for being on many users' first pages already/.test(summary))).toBe(true);

    const exported = await call(exportUser, 'GET', `/api/v1/users/${user}/export`, at(user));
    const seenItem = exported.body.events.find((event: { type: string }) => event.type !== 'dislike' && event.type !== 'skip').item.id;
    expect((await ask(user, seenItem)).body.verdict).toBe('seen');

    expect((await call(postRule, 'POST', '/api/v1/curation/rules', { body: { kind: 'block', target_type: 'item', target: list[1] } })).status).toBe(201);
    expect((await ask(user, list[1]!)).body).toMatchObject({ verdict: 'blocked', summary: `blocked by a curation rule on item '${list[1]}'` });

    await call(patchItem, 'PATCH', `/api/v1/items/${list[2]}`, { body: { is_hidden: true }, params: { id: list[2]! } });
    expect((await ask(user, list[2]!)).body).toMatchObject({ verdict: 'unavailable', summary: 'the item is hidden in the catalogue' });
  });

  it('explains the whole feed without serving it', async () => {
    const explained = await call(explainFeed, 'GET', '/api/v1/recommendations/explain/feed?user=user-00041&n=8');
    expect(explained.status).toBe(200);
    expect(explained.body.items).toHaveLength(8);
    for (const item of explained.body.items) expect(item).toMatchObject({ reasons: expect.any(Array), sources: expect.any(Array), explanation: { baseline: expect.any(Number), exposure_penalty: expect.any(Number) } });
    // The stacker ranked the feed with the exposure penalty: the breakdown says what it took from each score.
    expect(explained.body.items.some((item: { explanation: { exposure_penalty: number } }) => item.explanation.exposure_penalty > 0)).toBe(true);
    await drainImpressionWriter();
    expect((await call(exportUser, 'GET', '/api/v1/users/user-00041/export', at('user-00041'))).body.impressions).toEqual([]);
  });

  it('names a missing item or parameter', async () => {
    expect((await ask('user-00040', 'no-such-item')).status).toBe(404);
    expect((await call(whyNot, 'GET', '/api/v1/recommendations/why-not?user=user-00040')).status).toBe(400);
  });
});
