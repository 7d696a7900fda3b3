import { beforeAll, describe, expect, it } from 'vitest';
import { GET as preview } from '@/app/api/v1/curation/preview/route';
import { POST as postRule } from '@/app/api/v1/curation/rules/route';
import { GET as trending } from '@/app/api/v1/trending/route';
import { getConnection } from '@/db';
import { drainImpressionWriter } from '@/lib/impressions';
import { countImpressions } from '@/lib/impressions/store';
import { call } from '@/lib/testing/http';
import { servingWorld } from '@/lib/testing/serving-fixture';

const ids = (items: { id: string }[]) => items.map((item) => item.id);
let user = '';

beforeAll(async () => {
  await servingWorld();
  const [row] = await (await getConnection()).query<{ id: string }>(`select u.external_id as id from users u where exists (select 1 from events e where e.user_id = u.id) order by u.id limit 1`);
  user = row!.id;
}, 180_000);

describe('curation preview', () => {
  it('shows the same feed on both sides while no rule applies', async () => {
    const response = await call(preview, 'GET', `/api/v1/curation/preview?user=${user}&n=10`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ user, fallback: null, rules: [] });
    expect(response.body.curated).toHaveLength(10);
    expect(ids(response.body.curated)).toEqual(ids(response.body.uncurated));
  });

  it("applies the rules of the user's segment on one side only, and logs no impression", async () => {
    const before = (await call(preview, 'GET', `/api/v1/curation/preview?user=${user}&n=10`)).body;
    const pinned = ids((await call(trending, 'GET', '/api/v1/trending?n=40')).body.items).find((id) => !ids(before.uncurated).includes(id))!;
    const pin = await call(postRule, 'POST', '/api/v1/curation/rules', { body: { kind: 'pin', target_type: 'item', target: pinned, position: 1, segment: 'returning' } });
    const forNewcomers = await call(postRule, 'POST', '/api/v1/curation/rules', { body: { kind: 'block', target_type: 'item', target: before.uncurated[1].id, segment: 'new' } });
    await drainImpressionWriter();
    const impressionsBefore = await countImpressions(await getConnection());

    const after = (await call(preview, 'GET', `/api/v1/curation/preview?user=${user}&n=10`)).body;
    expect(after.rules.map((rule: { id: number }) => rule.id)).toEqual([pin.body.id]);
    expect(after.curated[0].id).toBe(pinned);
    expect(ids(after.uncurated)).toEqual(ids(before.uncurated));
    expect(ids(after.curated)).toContain(forNewcomers.body.target);
    await drainImpressionWriter();
    expect(await countImpressions(await getConnection())).toBe(impressionsBefore);
  });

  it('names a missing user', async () => {
    const response = await call(preview, 'GET', '/api/v1/curation/preview');
    expect(response.status).toBe(400);
    expect(response.body.error.fields[0].field).toBe('user');
  });
});
