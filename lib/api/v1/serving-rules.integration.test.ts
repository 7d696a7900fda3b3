import { beforeAll, describe, expect, it } from 'vitest';
import { POST as postEvents } from '@/app/api/v1/events/route';
import { DELETE as deleteRule } from '@/app/api/v1/curation/rules/[id]/route';
import { POST as postRule } from '@/app/api/v1/curation/rules/route';
import { PUT as putItem } from '@/app/api/v1/items/[id]/route';
import { GET as similar } from '@/app/api/v1/items/[id]/similar/route';
import { GET as feed } from '@/app/api/v1/recommendations/route';
import { POST as sessionRecommend } from '@/app/api/v1/sessions/recommend/route';
import { PATCH as patchDiversity } from '@/app/api/v1/settings/diversity/route';
import { GET as trending } from '@/app/api/v1/trending/route';
import { GET as explain } from '@/app/api/v1/recommendations/explain/route';
import { GET as whyNot } from '@/app/api/v1/recommendations/why-not/route';
import { getConnection } from '@/db';
import { resetConfigForTests } from '@/lib/config';
import { TRAINED_HISTORY_LIMIT } from '@/lib/recommend/user-histories';
import { call } from '@/lib/testing/http';
import { servingWorld } from '@/lib/testing/serving-fixture';

/** Serving rules that hold across every list: blocks, the category cap, placeholders, the cache, the page context. */

type Item = { id: string; title: string; category: string | null; reasons: { kind: string; item?: string }[] };
const ids = (body: { items: Item[] }) => body.items.map((item) => item.id);
const getFeed = (query: string) => call<{ items: Item[]; next_cursor: string | null }>(feed, 'GET', `/api/v1/recommendations?${query}`);
const perCategory = (items: Item[]) => {
  const counts = new Map<string, number>();
  for (const item of items) if (item.category) counts.set(item.category, (counts.get(item.category) ?? 0) + 1);
  return counts;
};
const mostFrequent = (items: Item[]) => [...perCategory(items)].sort((a, b) => b[1] - a[1])[0]!;

async function withRules<T>(rules: Record<string, unknown>[], action: () => Promise<T>): Promise<T> {
  const ids: string[] = [];
  try {
    for (const rule of rules) {
      const created = await call(postRule, 'POST', '/api/v1/curation/rules', { body: rule });
      expect(created.status).toBe(201);
      ids.push(String(created.body.id));
    }
    return await action();
  } finally {
    for (const id of ids) expect((await call(deleteRule, 'DELETE', `/api/v1/curation/rules/${id}`, { params: { id } })).status).toBeLessThan(300);
  }
}

const withRule = <T>(rule: Record<string, unknown>, action: () => Promise<T>) => withRules([rule], action);

async function withCategoryCap<T>(cap: number, action: () => Promise<T>): Promise<T> {
  expect((await call(patchDiversity, 'PATCH', '/api/v1/settings/diversity', { body: { max_per_category: cap } })).status).toBe(200);
  try {
    return await action();
  } finally {
    await call(patchDiversity, 'PATCH', '/api/v1/settings/diversity', { body: { max_per_category: null } });
  }
}

beforeAll(async () => {
  await servingWorld();
}, 180_000);

describe('the response cache', () => {
  it('answers a deeper request with a list that deep, not with the one cached for a shorter page', async () => {
    const short = await getFeed('user=user-00011&n=20');
    expect(short.body.items).toHaveLength(20);
    const long = await getFeed('user=user-00011&n=100');
    expect(long.body.items.length).toBeGreaterThan(60);
  });

  it('serves a diversity change to a user whose feed is cached, at once', async () => {
    const before = await getFeed('user=user-00012&n=20');
    expect(ids((await getFeed('user=user-00012&n=20')).body)).toEqual(ids(before.body));
    await withCategoryCap(1, async () => {
      const after = await getFeed('user=user-00012&n=20');
      expect(ids(after.body)).not.toEqual(ids(before.body));
    });
  });
});

describe('the category cap', () => {
  it('holds on every page, not over the whole ranked list', async () => {
    await withCategoryCap(2, async () => {
      const first = await getFeed('user=user-00013&n=20');
      expect(first.body.items).toHaveLength(20);
      expect(Math.max(...perCategory(first.body.items).values())).toBeLessThanOrEqual(2);
      const second = await getFeed(`user=user-00013&n=20&cursor=${first.body.next_cursor}`);
      expect(Math.max(...perCategory(second.body.items).values())).toBeLessThanOrEqual(2);
    });
  });
});

describe('curation blocks', () => {
  it('leave the page full: blocked items make way before ranking, however much is blocked', async () => {
    const conn = await getConnection();
    const categories = (await conn.query<{ category: string }>(`select category from items where category is not null group by category order by count(*) desc`)).map((row) => row.category);
    // The two largest categories stay: enough items for a page, but a small share of any fixed-depth ranking.
    const kept = categories.slice(0, 2);
    const blocked = categories.slice(2);
    await withRules(
      blocked.map((category) => ({ kind: 'block', target_type: 'category', target: category })),
      async () => {
        const page = await getFeed('user=user-00022&n=20');
        expect(page.body.items).toHaveLength(20);
        for (const item of page.body.items) expect(kept).toContain(item.category);
      },
    );
  });

  it('hold for trending, similar items and sessions too', async () => {
    const hot = await call<{ items: Item[] }>(trending, 'GET', '/api/v1/trending?variant=hot&n=10');
    const top = hot.body.items[0]!;
    const conn = await getConnection();
    await conn.query(`update items set tags = array_append(tags, 'spoilers'), updated_at = now() where external_id = $1`, [top.id]);
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // the catalogue mirror's refresh
    const neighbour = ids((await call(similar, 'GET', '/api/v1/items/item-00010/similar?n=20', { params: { id: 'item-00010' } })).body);
    await withRule({ kind: 'block', target_type: 'tag', target: 'spoilers' }, async () => {
      expect(ids((await call(trending, 'GET', '/api/v1/trending?variant=hot&n=10')).body)).not.toContain(top.id);
      const [category] = mostFrequent((await call<{ items: Item[] }>(similar, 'GET', '/api/v1/items/item-00010/similar?n=20', { params: { id: 'item-00010' } })).body.items);
      await withRule({ kind: 'block', target_type: 'category', target: category }, async () => {
        const blocked = await call<{ items: Item[] }>(similar, 'GET', '/api/v1/items/item-00010/similar?n=20', { params: { id: 'item-00010' } });
        expect(blocked.body.items.map((item) => item.category)).not.toContain(category);
        expect(neighbour.length).toBeGreaterThan(0);
        const session = await call<{ items: Item[] }>(sessionRecommend, 'POST', '/api/v1/sessions/recommend', { body: { recent_items: ['item-00010', 'item-00011'], n: 20 } });
        expect(session.body.items.map((item) => item.category)).not.toContain(category);
        expect(ids(session.body)).not.toContain(top.id);
      });
    });
  });
});

describe('placeholder items', () => {
  it('are never served until the catalogue gives them a title', async () => {
    const posted = await call(postEvents, 'POST', '/api/v1/events', { body: { event_id: 'ghost-view', user_id: 'user-00015', item_id: 'ghost-item', type: 'view' } });
    expect(posted.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // the catalogue mirror's refresh
    const users = Array.from({ length: 12 }, (_, i) => `user-${String(100 + i).padStart(5, '0')}`);
    for (const user of users) expect(ids((await getFeed(`user=${user}&n=20`)).body)).not.toContain('ghost-item');
    expect(ids((await call(trending, 'GET', '/api/v1/trending?variant=fresh&n=50')).body)).not.toContain('ghost-item');

    const described = await call(putItem, 'PUT', '/api/v1/items/ghost-item', { body: { title: 'The Ghost', category: 'Drama', published_at: new Date().toISOString() }, params: { id: 'ghost-item' } });
    expect(described.status).toBeLessThan(300);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const served = await Promise.all(users.map(async (user) => ids((await getFeed(`user=${user}&n=20`)).body).includes('ghost-item')));
    expect(served.some(Boolean)).toBe(true);
  });
});

describe('the page context', () => {
  it('item: anchors the list on the item, which is never listed itself', async () => {
    const home = await getFeed('user=user-00016&n=20');
    const anchor = 'item-00042';
    const onItem = await getFeed(`user=user-00016&n=20&context=item&item=${anchor}`);
    expect(onItem.status).toBe(200);
    expect(ids(onItem.body)).not.toContain(anchor);
    expect(ids(onItem.body)).not.toEqual(ids(home.body));
    expect(onItem.body.items.some((item) => item.reasons.some((reason) => reason.item === anchor))).toBe(true);
    // Outside the item context the item is only left out: the list is the home feed without it.
    const excludedOnly = await getFeed(`user=user-00016&n=20&item=${anchor}`);
    expect(ids(excludedOnly.body)).not.toContain(anchor);
    expect(ids(excludedOnly.body)).not.toEqual(ids(onItem.body));
  });

  it('search: favours the searched categories without requiring them, and leaves out editorial pins', async () => {
    const home = await getFeed('user=user-00017&n=20');
    const pinned = ids((await call(trending, 'GET', '/api/v1/trending?variant=hot&n=60')).body).find((id) => !ids(home.body).includes(id))!;
    await withRule({ kind: 'pin', target_type: 'item', target: pinned, position: 1 }, async () => {
      expect(ids((await getFeed('user=user-00017&n=20')).body)[0]).toBe(pinned);
      expect(ids((await getFeed('user=user-00017&n=20&context=search')).body)[0]).not.toBe(pinned);
    });
    const rare = [...perCategory(home.body.items)].sort((a, b) => a[1] - b[1])[0]![0];
    const searched = await getFeed(`user=user-00017&n=20&context=search&category=${encodeURIComponent(rare)}`);
    const inCategory = searched.body.items.filter((item) => item.category === rare).length;
    expect(inCategory).toBeGreaterThan(perCategory(home.body.items).get(rare)!);
    expect(inCategory).toBeLessThan(20);
    const filtered = await getFeed(`user=user-00017&n=20&category=${encodeURIComponent(rare)}`);
    expect(filtered.body.items.every((item) => item.category === rare)).toBe(true);
  });
});

describe('explain and why-not', () => {
  it('give the same reasons, from the rules serving applies', async () => {
    const conn = await getConnection();
    // The most active user whose whole history serving reads (a minimal one has none): it reaches well beyond what their feed ranks.
    const [{ user }] = (await conn.query<{ user: string }>(
      `select u.external_id as user from events e join users u on u.id = e.user_id where u.data_sharing <> 'minimal' group by u.external_id having count(*) <= ${TRAINED_HISTORY_LIMIT} order by count(*) desc limit 1`,
    )) as [{ user: string }];
    const touched = await conn.query<{ id: string }>(
      `select i.external_id as id from events e join users u on u.id = e.user_id join items i on i.id = e.item_id
       where u.external_id = $1 group by i.external_id having bool_and(e.type <> 'purchase') and sum(case when e.type in ('dislike', 'skip') then 1 else 0 end) = 0 limit 25`,
      [user],
    );
    expect(touched.length).toBeGreaterThan(5);
    const agree = async (seenVerdict: boolean) => {
      for (const { id } of touched) {
        const explained = await call(explain, 'GET', `/api/v1/recommendations/explain?user=${user}&item=${id}`);
        const answered = await call(whyNot, 'GET', `/api/v1/recommendations/why-not?user=${user}&item=${id}&n=100`);
        expect(explained.status).toBe(200);
        expect(answered.status).toBe(200);
        if (seenVerdict) expect(['seen', 'unavailable']).toContain(answered.body.verdict);
        else expect(answered.body.verdict).not.toBe('seen');
        // Explain looks 200 deep, why-not cuts at n: an item explain places may still be below the cut.
        if (explained.body.would_show) expect(['shown', 'below_cut']).toContain(answered.body.verdict);
        else if (['below_cut', 'not_a_candidate'].includes(answered.body.verdict)) expect(explained.body.excluded_because).toEqual([expect.stringMatching(/^ranked below the first/)]);
        else expect(explained.body.excluded_because[0]).toBe(answered.body.summary);
      }
    };
    await agree(true);
    // Only purchases hide items: what the user merely viewed may be recommended again, and neither answer may say otherwise.
    process.env.TAILOR_SEEN_EVENT_TYPES = 'purchase';
    resetConfigForTests();
    try {
      await agree(false);
    } finally {
      delete process.env.TAILOR_SEEN_EVENT_TYPES;
      resetConfigForTests();
    }
  });
});
