import { beforeAll, describe, expect, it } from 'vitest';
import { GET as preview } from '@/app/api/v1/curation/preview/route';
import { PATCH as patchRule } from '@/app/api/v1/curation/rules/[id]/route';
import { GET as listRules, POST as postRule } from '@/app/api/v1/curation/rules/route';
import { GET as trending } from '@/app/api/v1/trending/route';
import { getConnection } from '@/db';
import { listAudit } from '@/lib/auth/audit';
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

  it('shows an edited rule at once: the preview names it as the rule that removed the item, and the audit log keeps the edit', async () => {
    const before = (await call(preview, 'GET', `/api/v1/curation/preview?user=${user}&n=10`)).body;
    const target = before.curated[3];
    const created = (await call(postRule, 'POST', '/api/v1/curation/rules', { body: { kind: 'block', target_type: 'item', target: target.id, segment: 'new', note: 'not for newcomers' } })).body;
    const listed = (await call(listRules, 'GET', `/api/v1/curation/rules?target=${target.id}`)).body;
    expect(listed.rules.map((rule: { target_item: unknown }) => rule.target_item)).toEqual([{ title: target.title, category: target.category }]);
    expect(ids((await call(preview, 'GET', `/api/v1/curation/preview?user=${user}&n=10`)).body.curated)).toContain(target.id);

    const edited = await call(patchRule, 'PATCH', `/api/v1/curation/rules/${created.id}`, { body: { segment: null, note: 'not for anyone' }, params: { id: String(created.id) } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id: created.id, segment: null, note: 'not for anyone', target_item: { title: target.title } });
    const { entries } = await listAudit(await getConnection(), { target_type: 'curation_rule', target_id: String(created.id), limit: 10, offset: 0 });
    expect(entries.map((entry) => entry.action)).toEqual(['curation_rule.update', 'curation_rule.create']);
    expect(entries[0]!.details).toMatchObject({ kind: 'block', target: target.id, segment: null, fields: ['segment', 'note'] });

    const after = (await call(preview, 'GET', `/api/v1/curation/preview?user=${user}&n=10`)).body;
    expect(ids(after.curated)).not.toContain(target.id);
    const removed = after.attribution.removed.find((entry: { id: string }) => entry.id === target.id);
    expect(removed.rules).toEqual([{ rule: created.id, action: 'blocked', text: `removed by block rule #${created.id} on item ${target.id}` }]);

    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    await call(patchRule, 'PATCH', `/api/v1/curation/rules/${created.id}`, { body: { starts_at: tomorrow }, params: { id: String(created.id) } });
    const scheduled = (await call(preview, 'GET', `/api/v1/curation/preview?user=${user}&n=10`)).body;
    expect(scheduled.rules.map((rule: { id: number }) => rule.id)).not.toContain(created.id);
    expect(ids(scheduled.curated)).toContain(target.id);
  });

  it('names a missing user', async () => {
    const response = await call(preview, 'GET', '/api/v1/curation/preview');
    expect(response.status).toBe(400);
    expect(response.body.error.fields[0].field).toBe('user');
  });
});
