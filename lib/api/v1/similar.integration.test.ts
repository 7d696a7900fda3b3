import { beforeAll, describe, expect, it } from 'vitest';
import { PUT as putItem } from '@/app/api/v1/items/[id]/route';
import { GET as similar } from '@/app/api/v1/items/[id]/similar/route';
import { getConnection } from '@/db';
import { servingModel } from '@/lib/serving/state';
import { call } from '@/lib/testing/http';
import { servingWorld } from '@/lib/testing/serving-fixture';

const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);
const similarTo = (id: string, n: number) => call(similar, 'GET', `/api/v1/items/${id}/similar?n=${n}`, { params: { id } });

beforeAll(async () => {
  await servingWorld();
}, 180_000);

describe('similar items and items added after training', () => {
  it('ranks a near-copy added after training near the top of the original’s list, beside its neighbours', async () => {
    const anchor = (await servingModel())!.models.itemIds[10]!;
    const before = ids((await similarTo(anchor, 10)).body);
    expect(before).toHaveLength(10);

    const conn = await getConnection();
    const [source] = await conn.query<{ title: string; description: string; category: string; tags: string[] }>('select title, description, category, tags from items where external_id = $1', [anchor]);
    const { title, description, category, tags } = source!;
    expect((await call(putItem, 'PUT', '/api/v1/items/near-copy', { body: { title, description, category, tags }, params: { id: 'near-copy' } })).status).toBe(201);
    const unrelated = { title: 'Quarterly tax forms', description: 'Ledger reconciliation checklist', category: 'Accounting', tags: ['paperwork'] };
    expect((await call(putItem, 'PUT', '/api/v1/items/unrelated-new', { body: unrelated, params: { id: 'unrelated-new' } })).status).toBe(201);

    const after = ids((await similarTo(anchor, 10)).body);
    expect(after.indexOf('near-copy')).toBeGreaterThanOrEqual(0);
    expect(after.indexOf('near-copy')).toBeLessThan(3);
    // A new item has to earn its place by content: it does not push the item's neighbours out wholesale.
    expect(after).not.toContain('unrelated-new');
    expect(after.filter((id) => before.includes(id)).length).toBeGreaterThanOrEqual(7);
  });
});
