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
import { POST as completeSetupRoute } from '@/app/api/v1/setup/route';
import { getConnection } from '@/db';
import { createConsoleUser, countConsoleUsers } from '@/lib/auth/console-users';
import { getAuthSecret } from '@/lib/auth/secret';
import { getAuthOptions, TOO_MANY_ATTEMPTS, WRONG_CREDENTIALS } from '@/lib/auth/session';
import { issueSetupPath } from '@/lib/auth/setup';
import type { Role } from '@/lib/auth/types';
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
    expect((await call(getMe, 'GET', '/api/v1/me')).body.permissions).toEqual(['recommend', 'events:write', 'users:write']);
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
