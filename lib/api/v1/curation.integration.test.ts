import { describe, expect, it } from 'vitest';
import { GET as listRules, POST as postRule } from '@/app/api/v1/curation/rules/route';
import { DELETE, GET, PATCH } from '@/app/api/v1/curation/rules/[id]/route';
import { getConnection } from '@/db';
import { listAudit } from '@/lib/auth/audit';
import { activeRules } from '@/lib/curation/store';
import { call } from '@/lib/testing/http';

const at = (id: number | string) => ({ params: { id: String(id) } });
const fieldsOf = (body: any) => body.error.fields.map((f: { field: string }) => f.field);

describe('curation rules API', () => {
  it('creates, gets, patches and deletes a rule', async () => {
    const created = await call(postRule, 'POST', '/api/v1/curation/rules', {
      body: { kind: 'pin', target_type: 'item', target: 'film-1', position: 1, segment: 'country=de', starts_at: '2026-01-01T00:00:00Z', note: 'launch week', created_by: 'ed' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'pin', target_type: 'item', target: 'film-1', position: 1, boost: null, segment: 'country=de', starts_at: '2026-01-01T00:00:00.000Z', ends_at: null, note: 'launch week', created_by: 'ed' });
    const id = created.body.id as number;
    expect((await call(GET, 'GET', `/api/v1/curation/rules/${id}`, at(id))).body).toEqual(created.body);

    const patched = await call(PATCH, 'PATCH', `/api/v1/curation/rules/${id}`, { body: { position: 3, ends_at: '2026-02-01T00:00:00Z' }, ...at(id) });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ position: 3, ends_at: '2026-02-01T00:00:00.000Z', note: 'launch week' });
    expect(Date.parse(patched.body.updated_at)).toBeGreaterThanOrEqual(Date.parse(created.body.updated_at));

    const changedKind = await call(PATCH, 'PATCH', `/api/v1/curation/rules/${id}`, { body: { kind: 'boost', boost: 1.5, position: null }, ...at(id) });
    expect(changedKind.body).toMatchObject({ kind: 'boost', boost: 1.5, position: null });

    expect((await call(DELETE, 'DELETE', `/api/v1/curation/rules/${id}`, at(id))).body.id).toBe(id);
    expect((await call(GET, 'GET', `/api/v1/curation/rules/${id}`, at(id))).status).toBe(404);
  });

  it('answers 404 for unknown ids and 400 for malformed ones', async () => {
    for (const [handler, method] of [[GET, 'GET'], [DELETE, 'DELETE']] as const) {
      const response = await call(handler, method, '/api/v1/curation/rules/424242', at(424242));
      expect(response.status).toBe(404);
      expect(response.body.error.message).toContain("'424242'");
    }
    expect((await call(PATCH, 'PATCH', '/api/v1/curation/rules/424242', { body: { note: 'x' }, ...at(424242) })).status).toBe(404);
    expect((await call(GET, 'GET', '/api/v1/curation/rules/99999999999', at('99999999999'))).status).toBe(404);
    const malformed = await call(GET, 'GET', '/api/v1/curation/rules/abc', at('abc'));
    expect(malformed.status).toBe(400);
    expect(fieldsOf(malformed.body)).toEqual(['id']);
  });

  it('refuses incoherent rules, naming the field, and stores nothing', async () => {
    const post = (body: unknown) => call(postRule, 'POST', '/api/v1/curation/rules', { body });
    const cases: [unknown, string][] = [
      [{ kind: 'pin', target_type: 'item', target: 'refused-1' }, 'position'],
      [{ kind: 'pin', target_type: 'item', target: 'refused-1', position: 101 }, 'position'],
      [{ kind: 'pin', target_type: 'item', target: 'refused-1', position: 0 }, 'position'],
      [{ kind: 'pin', target_type: 'tag', target: 'refused-1', position: 2 }, 'target_type'],
      [{ kind: 'block', target_type: 'item', target: 'refused-1', position: 2 }, 'position'],
      [{ kind: 'boost', target_type: 'tag', target: 'refused-1' }, 'boost'],
      [{ kind: 'boost', target_type: 'tag', target: 'refused-1', boost: 0 }, 'boost'],
      [{ kind: 'boost', target_type: 'tag', target: 'refused-1', boost: -2 }, 'boost'],
      [{ kind: 'pick', target_type: 'item', target: 'refused-1', boost: 2 }, 'boost'],
      [{ kind: 'promote', target_type: 'item', target: 'refused-1' }, 'kind'],
      [{ kind: 'pick', target_type: 'brand', target: 'refused-1' }, 'target_type'],
      [{ kind: 'pick', target_type: 'item', target: '' }, 'target'],
      [{ kind: 'pick', target_type: 'item', target: 'refused-1', segment: 'vip' }, 'segment'],
      [{ kind: 'pick', target_type: 'item', target: 'refused-1', starts_at: '2026-02-01T00:00:00Z', ends_at: '2026-01-01T00:00:00Z' }, 'ends_at'],
      [{ kind: 'pick', target_type: 'item', target: 'refused-1', colour: 'red' }, '(body)'],
    ];
    for (const [body, field] of cases) {
      const response = await post(body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(fieldsOf(response.body), JSON.stringify(body)).toContain(field);
    }
    expect((await call(listRules, 'GET', '/api/v1/curation/rules?target=refused-1')).body.total).toBe(0);
  });

  it('judges a patch by the rule it leaves behind, and changes nothing when it refuses', async () => {
    const { body: rule } = await call(postRule, 'POST', '/api/v1/curation/rules', {
      body: { kind: 'block', target_type: 'category', target: 'Horror', starts_at: '2026-03-01T00:00:00Z' },
    });
    const patch = (body: unknown) => call(PATCH, 'PATCH', `/api/v1/curation/rules/${rule.id}`, { body, ...at(rule.id) });
    expect(fieldsOf((await patch({ kind: 'pin' })).body)).toEqual(expect.arrayContaining(['position', 'target_type']));
    expect(fieldsOf((await patch({ kind: 'boost' })).body)).toEqual(['boost']);
    expect(fieldsOf((await patch({ ends_at: '2026-02-01T00:00:00Z' })).body)).toEqual(['ends_at']);
    expect(fieldsOf((await patch({})).body)).toEqual(['(body)']);
    expect(fieldsOf((await patch({ boost: 'high' })).body)).toContain('boost');
    expect((await call(GET, 'GET', `/api/v1/curation/rules/${rule.id}`, at(rule.id))).body).toEqual(rule);
    expect((await patch({ starts_at: null, ends_at: '2026-02-01T00:00:00Z' })).status).toBe(200);
  });

  it('lists with kind and schedule filters, and serves only the rules in force', async () => {
    const now = Date.now();
    const iso = (offsetDays: number) => new Date(now + offsetDays * 86_400_000).toISOString();
    const make = (target: string, extra: Record<string, unknown>) =>
      call(postRule, 'POST', '/api/v1/curation/rules', { body: { kind: 'pick', target_type: 'item', target, ...extra } });
    const always = (await make('sched-always', {})).body.id;
    const current = (await make('sched-current', { starts_at: iso(-1), ends_at: iso(1) })).body.id;
    const future = (await make('sched-future', { starts_at: iso(1) })).body.id;
    const ended = (await make('sched-ended', { ends_at: iso(-1) })).body.id;
    const blocked = (await call(postRule, 'POST', '/api/v1/curation/rules', { body: { kind: 'block', target_type: 'tag', target: 'sched-tag' } })).body.id;

    const ids = async (query: string) => (await call(listRules, 'GET', `/api/v1/curation/rules?${query}`)).body.rules.map((r: { id: number }) => r.id);
    const mine = new Set([always, current, future, ended, blocked]);
    const only = (list: number[]) => list.filter((id) => mine.has(id));
    expect(only(await ids('kind=pick&active=true&limit=200'))).toEqual([current, always]);
    expect(only(await ids('kind=pick&active=false&limit=200'))).toEqual([ended, future]);
    expect(only(await ids('kind=block&limit=200'))).toEqual([blocked]);
    expect(await ids('target=sched-future')).toEqual([future]);

    const page = await call(listRules, 'GET', '/api/v1/curation/rules?limit=2&offset=1');
    expect(page.body).toMatchObject({ limit: 2, offset: 1 });
    expect(page.body.rules).toHaveLength(2);
    expect((await call(listRules, 'GET', '/api/v1/curation/rules?active=maybe')).body.error.fields[0].field).toBe('active');
    expect((await call(listRules, 'GET', '/api/v1/curation/rules?kind=promote')).body.error.fields[0].field).toBe('kind');

    const served = (await activeRules(await getConnection(), new Date(now))).map((r) => r.id).filter((id) => mine.has(id));
    expect(served).toEqual([always, current, blocked]);
    const later = (await activeRules(await getConnection(), new Date(now + 2 * 86_400_000))).map((r) => r.id).filter((id) => mine.has(id));
    expect(later).toEqual([always, future, blocked]);
  });

  it('keeps a boost multiplier exact enough to round-trip', async () => {
    const { body } = await call(postRule, 'POST', '/api/v1/curation/rules', { body: { kind: 'boost', target_type: 'category', target: 'Drama', boost: 1.25 } });
    expect(body.boost).toBe(1.25);
    const [rule] = (await activeRules(await getConnection(), new Date())).filter((r) => r.id === body.id);
    expect(rule).toMatchObject({ kind: 'boost', targetType: 'category', boost: 1.25, startsAt: null });
    expect(rule?.createdAt).toBeInstanceOf(Date);
  });

  it('keeps picks in named collections, lists by collection, and refuses a collection on other kinds', async () => {
    const pick = (target: string, collection: string) => call(postRule, 'POST', '/api/v1/curation/rules', { body: { kind: 'pick', target_type: 'item', target, collection } });
    expect((await pick('col-1', 'Staff favourites')).body).toMatchObject({ kind: 'pick', collection: 'Staff favourites', created_by: 'anonymous' });
    await pick('col-2', 'Staff favourites');
    await pick('col-3', 'Summer');
    const listed = await call(listRules, 'GET', `/api/v1/curation/rules?collection=${encodeURIComponent('Staff favourites')}`);
    expect(listed.body.rules.map((rule: { target: string }) => rule.target).sort()).toEqual(['col-1', 'col-2']);

    const refused = await call(postRule, 'POST', '/api/v1/curation/rules', { body: { kind: 'block', target_type: 'item', target: 'col-4', collection: 'Nope' } });
    expect(refused.status).toBe(400);
    expect(fieldsOf(refused.body)).toEqual(['collection']);
    const { body: summer } = await call(listRules, 'GET', '/api/v1/curation/rules?collection=Summer');
    const id = summer.rules[0].id as number;
    expect(fieldsOf((await call(PATCH, 'PATCH', `/api/v1/curation/rules/${id}`, { body: { kind: 'block' }, ...at(id) })).body)).toEqual(['collection']);
    expect((await call(PATCH, 'PATCH', `/api/v1/curation/rules/${id}`, { body: { collection: 'Autumn' }, ...at(id) })).body.collection).toBe('Autumn');
  });

  it('audits creations, updates and deletions with what the rule was', async () => {
    const { body: rule } = await call(postRule, 'POST', '/api/v1/curation/rules', { body: { kind: 'boost', target_type: 'tag', target: 'audited', boost: 2, created_by: 'ed' } });
    expect(rule.created_by).toBe('ed');
    await call(PATCH, 'PATCH', `/api/v1/curation/rules/${rule.id}`, { body: { boost: 3 }, ...at(rule.id) });
    await call(PATCH, 'PATCH', `/api/v1/curation/rules/${rule.id}`, { body: { boost: -1 }, ...at(rule.id) });
    await call(DELETE, 'DELETE', `/api/v1/curation/rules/${rule.id}`, at(rule.id));
    const { entries } = await listAudit(await getConnection(), { target_type: 'curation_rule', target_id: String(rule.id), limit: 10, offset: 0 });
    expect(entries.map((entry) => entry.action).reverse()).toEqual(['curation_rule.create', 'curation_rule.update', 'curation_rule.delete']);
    expect(entries[0]!.details).toMatchObject({ kind: 'boost', target_type: 'tag', target: 'audited', boost: 3 });
    expect(entries[1]!.details).toMatchObject({ boost: 3, fields: ['boost'] });
    expect(entries.every((entry) => entry.actor === 'anonymous')).toBe(true);
  });
});
