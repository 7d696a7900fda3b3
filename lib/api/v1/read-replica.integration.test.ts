import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import postgres from 'postgres';
import { randomBytes } from 'node:crypto';
import { GET as resultsRoute } from '@/app/api/v1/experiments/[id]/results/route';
import { POST as startRoute } from '@/app/api/v1/experiments/[id]/start/route';
import { POST as postExperiment } from '@/app/api/v1/experiments/route';
import { GET as getItem, PATCH as patchItem } from '@/app/api/v1/items/[id]/route';
import { GET as listItems, POST as postItem } from '@/app/api/v1/items/route';
import { GET as ctrRoute } from '@/app/api/v1/metrics/ctr/route';
import { GET as exportRoute } from '@/app/api/v1/users/[id]/export/route';
import { GET as listUsers } from '@/app/api/v1/users/route';
import { getConnection, getReadConnection } from '@/db';
import { connect, observeStatements, type ConnectionRole, type DatabaseConnection } from '@/db/client';
import { itemInputSchema } from '@/lib/catalog/schema';
import { insertItem } from '@/lib/catalog/store';
import { resetConfigForTests } from '@/lib/config';
import { upsertUser } from '@/lib/users/store';
import { call } from '@/lib/testing/http';

const services = Boolean(process.env.TAILOR_TEST_SERVICES);
const at = (id: string) => ({ params: { id } });

/** The connections `work` sent statements to. */
async function rolesOf(work: () => Promise<unknown>): Promise<Set<ConnectionRole>> {
  const roles = new Set<ConnectionRole>();
  const stop = observeStatements((_text, role) => roles.add(role));
  try {
    await work();
  } finally {
    stop();
  }
  return roles;
}

describe.runIf(!services)('read connection without DATABASE_READ_URL', () => {
  it('is the primary', async () => {
    expect(await getReadConnection()).toBe(await getConnection());
  });
});

/**
 * The "replica" is a second database cloned from the empty migrated template, so it never sees the
 * primary's writes: a replica lagging forever. What a route answers then shows which database it read.
 */
describe.runIf(services)('read replica (DATABASE_READ_URL)', () => {
  let replica: DatabaseConnection;

  beforeAll(async () => {
    const run = inject('servicesRun');
    const name = `tailor_test_${run.runId}_${randomBytes(4).toString('hex')}_replica`;
    const admin = postgres(run.adminUrl, { max: 1, onnotice: () => undefined });
    await admin.unsafe(`create database ${name} template ${run.template}`);
    await admin.end();
    const url = new URL(run.adminUrl);
    url.pathname = `/${name}`;
    process.env.DATABASE_READ_URL = url.toString();
    resetConfigForTests();
    replica = await connect({ kind: 'postgres', url: url.toString(), poolSize: 2 });
    await insertItem(replica, itemInputSchema.parse({ id: 'only-on-replica', title: 'Seen through the replica', category: 'Drama' }));
    await upsertUser(replica, { id: 'replica-user' });
  });

  afterAll(async () => {
    await replica.close();
    delete process.env.DATABASE_READ_URL;
    resetConfigForTests();
  });

  it('is a connection of its own', async () => {
    expect(await getReadConnection()).not.toBe(await getConnection());
  });

  it('writes to the primary and reads a write back from the primary', async () => {
    const created = await rolesOf(async () => {
      const response = await call(postItem, 'POST', '/api/v1/items', { body: { id: 'written', title: 'Written', category: 'Comedy' } });
      expect(response.status).toBe(201);
    });
    expect(created).toEqual(new Set(['primary']));
    const patched = await call(patchItem, 'PATCH', '/api/v1/items/written', { body: { category: 'Drama' }, ...at('written') });
    expect(patched.body).toMatchObject({ id: 'written', category: 'Drama' });
    expect((await call(getItem, 'GET', '/api/v1/items/written', at('written'))).body).toMatchObject({ category: 'Drama' });
  });

  it('sends the catalogue list to the replica only', async () => {
    let ids: string[] = [];
    const roles = await rolesOf(async () => {
      const response = await call(listItems, 'GET', '/api/v1/items');
      ids = response.body.items.map((item: { id: string }) => item.id);
    });
    expect(roles).toEqual(new Set(['replica']));
    expect(ids).toEqual(['only-on-replica']);
  });

  it('sends user lists, exports and the CTR dashboard to the replica only', async () => {
    const roles = await rolesOf(async () => {
      expect((await call(listUsers, 'GET', '/api/v1/users')).body.users.map((user: { id: string }) => user.id)).toEqual(['replica-user']);
      expect((await call(exportRoute, 'GET', '/api/v1/users/replica-user/export', at('replica-user'))).status).toBe(200);
      expect((await call(ctrRoute, 'GET', '/api/v1/metrics/ctr?range=1h')).status).toBe(200);
    });
    expect(roles).toEqual(new Set(['replica']));
  });

  it('reads an experiment just started from the primary, and its results from the replica', async () => {
    const variants = [
      { key: 'control', strategy: 'hybrid' },
      { key: 'treatment', strategy: 'content' },
    ];
    expect((await call(postExperiment, 'POST', '/api/v1/experiments', { body: { key: 'fresh', variants } })).status).toBe(201);
    expect((await call(startRoute, 'POST', '/api/v1/experiments/fresh/start', at('fresh'))).status).toBe(200);
    const roles = new Map<ConnectionRole, string[]>();
    const stop = observeStatements((text, role) => roles.set(role, [...(roles.get(role) ?? []), text]));
    const results = await call(resultsRoute, 'GET', '/api/v1/experiments/fresh/results', at('fresh'));
    stop();
    expect(results.status, JSON.stringify(results.body)).toBe(200);
    expect(roles.get('primary')).toHaveLength(1);
    expect(roles.get('primary')?.[0]).toMatch(/from "experiments"/);
    expect(roles.get('replica')?.length).toBeGreaterThan(1);
  });
});
