import { encode } from 'next-auth/jwt';
import { beforeAll, describe, expect, it } from 'vitest';
import { DELETE as revokeKey } from '@/app/api/v1/admin/keys/[id]/route';
import { GET as listKeys, POST as createKey } from '@/app/api/v1/admin/keys/route';
import { DELETE as deleteConsoleUser, PATCH as patchConsoleUser } from '@/app/api/v1/admin/users/[id]/route';
import { POST as createConsoleUserRoute } from '@/app/api/v1/admin/users/route';
import { GET as listAuditRoute } from '@/app/api/v1/audit/route';
import { POST as postEvents } from '@/app/api/v1/events/route';
import { POST as postExperiment } from '@/app/api/v1/experiments/route';
import { GET as getHealth } from '@/app/api/v1/health/route';
import { GET as listItems, POST as postItems } from '@/app/api/v1/items/route';
import { GET as getMe } from '@/app/api/v1/me/route';
import { POST as train } from '@/app/api/v1/models/train/route';
import { GET as getExplainItem } from '@/app/api/v1/recommendations/explain/route';
import { GET as getExplainFeed } from '@/app/api/v1/recommendations/explain/feed/route';
import { GET as getWhyNot } from '@/app/api/v1/recommendations/why-not/route';
import { GET as exportUser } from '@/app/api/v1/users/[id]/export/route';
import { GET as getLiveProfile } from '@/app/api/v1/users/[id]/live/route';
import { GET as getUser, PUT as putUser } from '@/app/api/v1/users/[id]/route';
import { GET as listUsers } from '@/app/api/v1/users/route';
import { POST as completeSetupRoute } from '@/app/api/v1/setup/route';
import { getConnection } from '@/db';
import { createConsoleUser, countConsoleUsers } from '@/lib/auth/console-users';
import { getAuthSecret } from '@/lib/auth/secret';
import { getAuthOptions, TOO_MANY_ATTEMPTS, WRONG_CREDENTIALS } from '@/lib/auth/session';
import { issueSetupPath } from '@/lib/auth/setup';
import type { Role } from '@/lib/auth/types';
import { closeCache } from '@/lib/cache';
import { resetConfigForTests } from '@/lib/config';
import { call } from '@/lib/testing/http';

const PASSWORD = 'a-long-enough-password';
const sessions: Partial<Record<Role, string>> = {};

async function sessionCookie(role: Role): Promise<string> {
  const existing = sessions[role];
  if (existing) return existing;
  const user = await createConsoleUser(await getConnection(), { email: `${role}@access.test`, name: role, role, password: PASSWORD });
  const token = await encode({ token: { sub: String(user!.id) }, secret: await getAuthSecret() });
  sessions[role] = `next-auth.session-token=${token}`;
  return sessions[role];
}

async function getUserRow(id: string) {
  const [row] = await (await getConnection()).query<{ data_sharing: string }>(`select data_sharing from users where external_id = $1`, [id]);
  return row;
}

async function countRuns(): Promise<number> {
  const [row] = await (await getConnection()).query<{ count: number }>(`select count(*)::int as count from training_runs`);
  return row!.count;
}

const asRole = async (role: Role) => ({ headers: { cookie: await sessionCookie(role) } });
const withKey = (secret: string) => ({ headers: { authorization: `Bearer ${secret}` } });

beforeAll(async () => {
  // The other route tests open the API; this one checks the doors, as a production server has them.
  process.env.TAILOR_ANONYMOUS_SCOPES = 'recommend,events';
  resetConfigForTests();
  await getConnection();
});

describe('first admin', () => {
  it('comes from a one-time set-up link that stops working once used', async () => {
    const path = await issueSetupPath(await getConnection());
    const token = path!.split('/').pop();
    const weak = await call(completeSetupRoute, 'POST', '/api/v1/setup', { body: { token, email: 'root@access.test', password: 'short' } });
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields[0].field).toBe('password');
    const wrong = await call(completeSetupRoute, 'POST', '/api/v1/setup', { body: { token: 'not-the-token', email: 'root@access.test', password: PASSWORD } });
    expect(wrong.status).toBe(403);
    const created = await call(completeSetupRoute, 'POST', '/api/v1/setup', { body: { token, email: 'Root@Access.test', password: PASSWORD } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'root@access.test', role: 'admin' });
    const again = await call(completeSetupRoute, 'POST', '/api/v1/setup', { body: { token, email: 'second@access.test', password: PASSWORD } });
    expect(again.status).toBe(403);
    expect(await issueSetupPath(await getConnection())).toBeNull();
  });
});

describe('anonymous requests', () => {
  it('may do what the anonymous scopes allow, and nothing else', async () => {
    expect((await call(getHealth, 'GET', '/api/v1/health')).status).not.toBe(401);
    const event = await call(postEvents, 'POST', '/api/v1/events', { body: { event_id: 'anon-1', user_id: 'u-anon', item_id: 'i-1', type: 'view' } });
    expect(event.status).toBe(200);
    const items = await call(listItems, 'GET', '/api/v1/items');
    expect(items.status).toBe(401);
    expect(items.body.error.message).toContain("'catalog'");
    expect((await call(getMe, 'GET', '/api/v1/me')).body.permissions).toEqual(['recommend', 'events:write']);
  });

  it('may not rewrite a profile or consent, nor ask why a user does not see an item', async () => {
    const before = await getUserRow('u-anon');
    const put = await call(putUser, 'PUT', '/api/v1/users/u-anon', { body: { data_sharing: 'minimal' }, params: { id: 'u-anon' } });
    expect(put.status).toBe(401);
    expect(put.body.error.message).toContain("'users' scope");
    expect(await getUserRow('u-anon')).toEqual(before);
    const whyNot = await call(getWhyNot, 'GET', '/api/v1/recommendations/why-not?user=u-anon&item=i-1');
    expect(whyNot.status).toBe(401);
    expect((await call(getExplainFeed, 'GET', '/api/v1/recommendations/explain/feed?user=u-anon')).status).toBe(401);
    expect((await call(getExplainItem, 'GET', '/api/v1/recommendations/explain?user=u-anon&item=i-1')).status).toBe(401);
  });

  it('are refused with a 401 on /me for a garbage or revoked key, never answered as anonymous', async () => {
    const garbage = await call(getMe, 'GET', '/api/v1/me', withKey('tlr_garbage'));
    expect(garbage.status).toBe(401);
    expect((await call(getMe, 'GET', '/api/v1/me', { headers: { authorization: 'Bearer nonsense' } })).status).toBe(401);
  });
});

describe('end-user data', () => {
  const reads = [
    { name: 'list', handler: listUsers, path: '/api/v1/users?q=u-' },
    { name: 'profile', handler: getUser, path: '/api/v1/users/u-anon' },
    { name: 'export', handler: exportUser, path: '/api/v1/users/u-anon/export' },
    { name: 'live profile', handler: getLiveProfile, path: '/api/v1/users/u-anon/live' },
  ];

  it.each(['pm', 'editor', 'operator'] as const)('is not readable by the %s role', async (role) => {
    const session = await asRole(role);
    for (const { handler, path } of reads) {
      const result = await call(handler, 'GET', path, { params: { id: 'u-anon' }, ...session });
      expect(result.status, path).toBe(403);
    }
  });

  it('is readable by admins', async () => {
    await call(postEvents, 'POST', '/api/v1/events', { body: { event_id: 'data-1', user_id: 'u-anon', item_id: 'i-1', type: 'view' } });
    const admin = await asRole('admin');
    for (const { handler, path } of reads) expect((await call(handler, 'GET', path, { params: { id: 'u-anon' }, ...admin })).status, path).toBe(200);
  });

  it('lets other roles explain a feed with a redacted profile', async () => {
    const session = await asRole('pm');
    const explained = await call(getExplainFeed, 'GET', '/api/v1/recommendations/explain/feed?user=u-anon&n=5', session);
    expect(explained.status).toBe(200);
    expect(Object.keys(explained.body.profile).sort()).toEqual(['data_sharing', 'interactions', 'known']);
    expect((await call(getWhyNot, 'GET', '/api/v1/recommendations/why-not?user=u-anon&item=i-1', session)).status).not.toBe(403);
  });

  it('is written with the users scope, not the events scope a browser app embeds', async () => {
    const admin = await asRole('admin');
    const browser = await call(createKey, 'POST', '/api/v1/admin/keys', { body: { name: 'browser app', scopes: ['recommend', 'events'] }, ...admin });
    const backend = await call(createKey, 'POST', '/api/v1/admin/keys', { body: { name: 'profile sync', scopes: ['users'] }, ...admin });
    const body = { preferences: { categories: ['Drama'] }, data_sharing: 'enhanced' };
    const refused = await call(putUser, 'PUT', '/api/v1/users/u-scoped', { body, params: { id: 'u-scoped' }, ...withKey(browser.body.secret) });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain("'users' scope");
    expect(await getUserRow('u-scoped')).toBeUndefined();
    const written = await call(putUser, 'PUT', '/api/v1/users/u-scoped', { body, params: { id: 'u-scoped' }, ...withKey(backend.body.secret) });
    expect(written.status).toBe(201);
    expect((await getUserRow('u-scoped'))?.data_sharing).toBe('enhanced');
    expect((await call(exportUser, 'GET', '/api/v1/users/u-scoped/export', { params: { id: 'u-scoped' }, ...withKey(backend.body.secret) })).status).toBe(200);
  });
});

describe('cross-site requests with a session cookie', () => {
  it('are refused when they change state, and change nothing', async () => {
    const admin = await asRole('admin');
    const before = await countRuns();
    const foreign = await call(train, 'POST', '/api/v1/models/train', { headers: { ...admin.headers, origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.message).toContain('evil.example');
    const crossSite = await call(postItems, 'POST', '/api/v1/items', { body: { id: 'csrf-item' }, headers: { ...admin.headers, 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    expect(await countRuns()).toBe(before);
    const [items] = await (await getConnection()).query<{ count: number }>(`select count(*)::int as count from items where external_id = 'csrf-item'`);
    expect(items!.count).toBe(0);
  });

  it('go through from the console’s own origin', async () => {
    const admin = await asRole('admin');
    const own = await call(postItems, 'POST', '/api/v1/items', { body: { id: 'same-origin-item' }, headers: { ...admin.headers, origin: 'http://localhost', 'sec-fetch-site': 'same-origin' } });
    expect(own.status).toBe(201);
  });
});

describe('console roles', () => {
  const cases: { role: Role; allowed: boolean; handler: typeof listItems; method: string; path: string; body?: unknown }[] = [
    { role: 'editor', allowed: true, handler: postItems, method: 'POST', path: '/api/v1/items', body: { id: 'by-editor', title: 'Edited in' } },
    { role: 'pm', allowed: false, handler: postItems, method: 'POST', path: '/api/v1/items', body: { id: 'by-pm', title: 'Refused' } },
    { role: 'operator', allowed: false, handler: postItems, method: 'POST', path: '/api/v1/items', body: { id: 'by-op', title: 'Refused' } },
    { role: 'editor', allowed: false, handler: postExperiment, method: 'POST', path: '/api/v1/experiments', body: {} },
    { role: 'operator', allowed: false, handler: postExperiment, method: 'POST', path: '/api/v1/experiments', body: {} },
    { role: 'pm', allowed: false, handler: train, method: 'POST', path: '/api/v1/models/train' },
    { role: 'editor', allowed: false, handler: listKeys, method: 'GET', path: '/api/v1/admin/keys' },
    { role: 'operator', allowed: false, handler: listAuditRoute, method: 'GET', path: '/api/v1/audit' },
    { role: 'admin', allowed: true, handler: listKeys, method: 'GET', path: '/api/v1/admin/keys' },
  ];

  it.each(cases)('$role → $method $path: allowed $allowed', async ({ role, allowed, handler, method, path, body }) => {
    const result = await call(handler, method, path, { body, ...(await asRole(role)) });
    if (allowed) expect(result.status).toBeLessThan(300);
    else {
      expect(result.status).toBe(403);
      expect(result.body.error.message).toContain(`'${role}' role`);
    }
  });

  it('refuses a pm at the door, before the body is even read', async () => {
    const refused = await call(postItems, 'POST', '/api/v1/items', { rawBody: 'not json', ...(await asRole('pm')) });
    expect(refused.status).toBe(403);
  });

  it('takes a changed role into account at once, and a deleted user loses access', async () => {
    const admin = await asRole('admin');
    const created = await call(createConsoleUserRoute, 'POST', '/api/v1/admin/users', { body: { email: 'temp@access.test', role: 'pm', password: PASSWORD }, ...admin });
    expect(created.status).toBe(201);
    const token = await encode({ token: { sub: String(created.body.id) }, secret: await getAuthSecret() });
    const temp = { headers: { cookie: `next-auth.session-token=${token}` } };
    expect((await call(listItems, 'GET', '/api/v1/items', temp)).status).toBe(200);
    expect((await call(postItems, 'POST', '/api/v1/items', { body: { id: 'temp-1' }, ...temp })).status).toBe(403);
    await call(patchConsoleUser, 'PATCH', `/api/v1/admin/users/${created.body.id}`, { body: { role: 'editor' }, params: { id: String(created.body.id) }, ...admin });
    expect((await call(postItems, 'POST', '/api/v1/items', { body: { id: 'temp-1' }, ...temp })).status).toBe(201);
    await call(deleteConsoleUser, 'DELETE', `/api/v1/admin/users/${created.body.id}`, { params: { id: String(created.body.id) }, ...admin });
    // The cookie still decodes, but nobody is behind it: the request is anonymous.
    expect((await call(listItems, 'GET', '/api/v1/items', temp)).status).toBe(401);
  });

  it('keeps the last admin', async () => {
    const conn = await getConnection();
    const admins = (await call(getMe, 'GET', '/api/v1/me', await asRole('admin'))).body.principal;
    const others = await conn.query<{ id: number }>(`select id from console_users where role = 'admin' and id <> $1`, [admins.id]);
    for (const { id } of others) await conn.query(`update console_users set role = 'pm' where id = $1`, [id]);
    const demote = await call(patchConsoleUser, 'PATCH', `/api/v1/admin/users/${admins.id}`, { body: { role: 'pm' }, params: { id: String(admins.id) }, ...(await asRole('admin')) });
    expect(demote.status).toBe(409);
    expect(demote.body.error.message).toContain('last admin');
    const selfDelete = await call(deleteConsoleUser, 'DELETE', `/api/v1/admin/users/${admins.id}`, { params: { id: String(admins.id) }, ...(await asRole('admin')) });
    expect(selfDelete.status).toBe(409);
  });

  it('refuses a duplicate email and a bad role, naming the field', async () => {
    const admin = await asRole('admin');
    const bad = await call(createConsoleUserRoute, 'POST', '/api/v1/admin/users', { body: { email: 'nope', role: 'owner', password: PASSWORD }, ...admin });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['email', 'role']);
    const before = await countConsoleUsers(await getConnection());
    const duplicate = await call(createConsoleUserRoute, 'POST', '/api/v1/admin/users', { body: { email: 'EDITOR@access.test', role: 'pm', password: PASSWORD }, ...admin });
    expect(duplicate.status).toBe(409);
    expect(await countConsoleUsers(await getConnection())).toBe(before);
  });
});

describe('API keys', () => {
  it('are shown once, stored hashed, scoped, and stop working when revoked', async () => {
    const admin = await asRole('admin');
    const created = await call(createKey, 'POST', '/api/v1/admin/keys', { body: { name: 'importer', scopes: ['catalog'] }, ...admin });
    expect(created.status).toBe(201);
    const secret: string = created.body.secret;
    expect(secret).toMatch(/^tlr_/);
    const [stored] = await (await getConnection()).query<{ key_hash: string }>(`select key_hash from api_keys where id = $1`, [created.body.id]);
    expect(stored!.key_hash).not.toContain(secret.slice(4));
    const listed = await call(listKeys, 'GET', '/api/v1/admin/keys', admin);
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    expect((await call(postItems, 'POST', '/api/v1/items', { body: { id: 'by-key', title: 'Imported' }, ...withKey(secret) })).status).toBe(201);
    const outOfScope = await call(train, 'POST', '/api/v1/models/train', withKey(secret));
    expect(outOfScope.status).toBe(403);
    expect(outOfScope.body.error.message).toContain("'admin' scope");

    const revoked = await call(revokeKey, 'DELETE', `/api/v1/admin/keys/${created.body.id}`, { params: { id: String(created.body.id) }, ...admin });
    expect(revoked.body.revokedAt).not.toBeNull();
    const after = await call(listItems, 'GET', '/api/v1/items', withKey(secret));
    expect(after.status).toBe(401);
    expect(after.body.error.message).toContain('revoked');
  });

  it('refuses an unknown key even where anonymous access would do', async () => {
    const result = await call(postEvents, 'POST', '/api/v1/events', { body: { user_id: 'u', item_id: 'i', type: 'view' }, ...withKey('tlr_not-a-real-key-at-all') });
    expect(result.status).toBe(401);
  });

  it('refuses a key without scopes or name', async () => {
    const bad = await call(createKey, 'POST', '/api/v1/admin/keys', { body: { name: '', scopes: [] }, ...(await asRole('admin')) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['name', 'scopes']);
  });
});

describe('audit log', () => {
  it('records who created and revoked keys', async () => {
    const audit = await call(listAuditRoute, 'GET', '/api/v1/audit?target_type=api_key', await asRole('admin'));
    expect(audit.status).toBe(200);
    const actions = audit.body.entries.map((entry: { action: string; actor: string }) => `${entry.actor} ${entry.action}`);
    expect(actions).toEqual(expect.arrayContaining(['user:admin@access.test api_key.create', 'user:admin@access.test api_key.revoke']));
  });
});

describe('sign-in', () => {
  async function authorize(email: string, password: string, address = '203.0.113.7') {
    const options = await getAuthOptions();
    const provider = options.providers[0] as unknown as { options: { authorize: (credentials: unknown, request: unknown) => Promise<unknown> } };
    return provider.options.authorize({ email, password }, { headers: { 'x-forwarded-for': address } });
  }

  it('accepts the right password in any letter case of the email', async () => {
    await sessionCookie('operator');
    await expect(authorize('OPERATOR@access.test', PASSWORD)).resolves.toMatchObject({ email: 'operator@access.test', role: 'operator' });
  });

  it('says the same for an unknown email and a wrong password, and locks after five failures', async () => {
    await sessionCookie('pm');
    await expect(authorize('ghost@access.test', PASSWORD)).rejects.toThrow(WRONG_CREDENTIALS);
    for (let attempt = 0; attempt < 5; attempt += 1) await expect(authorize('pm@access.test', 'wrong-password')).rejects.toThrow(WRONG_CREDENTIALS);
    await expect(authorize('pm@access.test', PASSWORD)).rejects.toThrow(TOO_MANY_ATTEMPTS);
  });
});

describe.runIf(process.env.TAILOR_TEST_SERVICES)('sign-in while Redis is down', () => {
  it('counts attempts in the process, still locks, and says so in health', async () => {
    await sessionCookie('editor');
    const redisUrl = process.env.REDIS_URL;
    await closeCache();
    process.env.REDIS_URL = 'redis://127.0.0.1:1';
    resetConfigForTests();
    try {
      const options = await getAuthOptions();
      const provider = options.providers[0] as unknown as { options: { authorize: (credentials: unknown, request: unknown) => Promise<unknown> } };
      const attempt = (password: string) => provider.options.authorize({ email: 'editor@access.test', password }, { headers: { 'x-forwarded-for': '198.51.100.9' } });
      await expect(attempt(PASSWORD)).resolves.toMatchObject({ role: 'editor' });
      for (let failure = 0; failure < 5; failure += 1) await expect(attempt('wrong-password')).rejects.toThrow(WRONG_CREDENTIALS);
      await expect(attempt(PASSWORD)).rejects.toThrow(TOO_MANY_ATTEMPTS);
      const health = await call(getHealth, 'GET', '/api/v1/health');
      expect(health.body.sign_in_limits.counting).toBe('in-process');
    } finally {
      await closeCache();
      process.env.REDIS_URL = redisUrl;
      resetConfigForTests();
    }
  });
});
