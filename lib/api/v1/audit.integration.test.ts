import { beforeAll, describe, expect, it } from 'vitest';
import { GET as listAuditRoute } from '@/app/api/v1/audit/route';
import { getConnection } from '@/db';
import { auditLog } from '@/db/schema';
import { call } from '@/lib/testing/http';

const ACTOR = 'user:range@audit.test';
const WRITTEN = {
  'item.create': '2026-03-01T09:00:00.000Z',
  'item.update': '2026-03-02T23:30:00.000Z',
  'item.hide': '2026-03-05T12:00:00.000Z',
} as const;

async function actionsBetween(range: string) {
  const result = await call(listAuditRoute, 'GET', `/api/v1/audit?actor=${encodeURIComponent(ACTOR)}&${range}`);
  expect(result.status).toBe(200);
  return { actions: result.body.entries.map((entry: { action: string }) => entry.action), total: result.body.total };
}

beforeAll(async () => {
  const conn = await getConnection();
  await conn.db.insert(auditLog).values(Object.entries(WRITTEN).map(([action, at]) => ({ actor: ACTOR, action, targetType: 'item', targetId: 'item-range', at: new Date(at) })));
});

describe('audit log date range', () => {
  it('keeps the entries from `from` to `to`, both inclusive', async () => {
    expect(await actionsBetween('from=2026-03-01T09:00:00Z&to=2026-03-02T23:30:00Z')).toEqual({ actions: ['item.update', 'item.create'], total: 2 });
    expect(await actionsBetween('from=2026-03-02T00:00:00Z')).toEqual({ actions: ['item.hide', 'item.update'], total: 2 });
    expect(await actionsBetween('to=2026-03-01T08:59:59Z')).toEqual({ actions: [], total: 0 });
  });

  it('reads a bare `to` date as through the end of that day', async () => {
    expect(await actionsBetween('from=2026-03-02&to=2026-03-02')).toEqual({ actions: ['item.update'], total: 1 });
  });

  it('finds nothing in a range outside every entry', async () => {
    expect(await actionsBetween('from=2026-04-01&to=2026-04-30')).toEqual({ actions: [], total: 0 });
  });

  it('refuses a range that ends before it starts, naming the field', async () => {
    const refused = await call(listAuditRoute, 'GET', '/api/v1/audit?from=2026-03-05&to=2026-03-01');
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toEqual([{ field: 'from', message: 'must not be after to' }]);
  });

  it('refuses a date it cannot read or store, naming the field', async () => {
    for (const [query, field] of [
      ['to=yesterday', 'to'],
      ['from=2026-02-30', 'from'],
      ['from=0000-01-01', 'from'],
      ['to=0000-01-01T00:00:00Z', 'to'],
    ]) {
      const refused = await call(listAuditRoute, 'GET', `/api/v1/audit?${query}`);
      expect({ query, status: refused.status }).toEqual({ query, status: 400 });
      expect(refused.body.error.fields.map((problem: { field: string }) => problem.field)).toEqual([field]);
    }
  });
});
