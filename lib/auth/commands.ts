import 'server-only';
import { inTransaction, type DatabaseConnection } from '@/db/client';
import { CommandError } from '@/lib/runtime/command-errors';
import * as apiKeys from './api-keys';
import { recordAudit } from './audit';
import * as consoleUsers from './console-users';
import { actorOf, type Principal } from './principal';
import type { ApiKeyInput, ConsoleUserInput, ConsoleUserPatch } from './schema';
import { completeSetup } from './setup';

/**
 * Access writes (API keys, console users, the first admin), each audited. A write commits with
 * its audit entry where it can: not around a password hash (~100 ms, during which an embedded
 * database would wait for the transaction), nor a revocation, which api-keys.ts announces with the
 * write (every process must re-read the key once the revocation is visible).
 */

/** The secret is returned here once and never stored: only its hash is. */
export async function createApiKey(conn: DatabaseConnection, by: Principal, input: ApiKeyInput): Promise<{ key: apiKeys.ApiKey; secret: string }> {
  return inTransaction(conn, async (tx) => {
    const created = await apiKeys.createApiKey(tx, input, actorOf(by));
    await recordAudit(tx, by, { action: 'api_key.create', targetType: 'api_key', targetId: created.key.id, details: { name: created.key.name, scopes: created.key.scopes } });
    return created;
  });
}

/** Requests with the key are refused from now on, in every process. */
export async function revokeApiKey(conn: DatabaseConnection, by: Principal, id: number): Promise<apiKeys.ApiKey> {
  const key = await apiKeys.revokeApiKey(conn, id);
  if (!key) throw CommandError.notFound('API key', id);
  await recordAudit(conn, by, { action: 'api_key.revoke', targetType: 'api_key', targetId: id, details: { name: key.name } });
  return key;
}

export async function createConsoleUser(conn: DatabaseConnection, by: Principal, input: ConsoleUserInput): Promise<consoleUsers.ConsoleUser> {
  const user = await consoleUsers.createConsoleUser(conn, input);
  if (!user) throw CommandError.conflict(`a console user with the email ${input.email} already exists`);
  await recordAudit(conn, by, { action: 'console_user.create', targetType: 'console_user', targetId: user.id, details: { email: user.email, role: user.role } });
  return user;
}

/** A password change is audited as such, never with the password. */
export async function updateConsoleUser(conn: DatabaseConnection, by: Principal, id: number, patch: ConsoleUserPatch): Promise<consoleUsers.ConsoleUser> {
  if (patch.role && patch.role !== 'admin') await refuseLosingTheLastAdmin(conn, id);
  const user = await consoleUsers.updateConsoleUser(conn, id, patch);
  if (!user) throw CommandError.notFound('console user', id);
  const changed = Object.keys(patch).map((field) => (field === 'password' ? 'password (not logged)' : field));
  await recordAudit(conn, by, { action: 'console_user.update', targetType: 'console_user', targetId: id, details: { email: user.email, changed, ...(patch.role && { role: patch.role }) } });
  return user;
}

export async function deleteConsoleUser(conn: DatabaseConnection, by: Principal, id: number): Promise<consoleUsers.ConsoleUser> {
  if (by.kind === 'user' && by.id === id) throw CommandError.conflict('you cannot delete your own account; ask another admin');
  return inTransaction(conn, async (tx) => {
    await refuseLosingTheLastAdmin(tx, id);
    const user = await consoleUsers.deleteConsoleUser(tx, id);
    if (!user) throw CommandError.notFound('console user', id);
    await recordAudit(tx, by, { action: 'console_user.delete', targetType: 'console_user', targetId: id, details: { email: user.email, role: user.role } });
    return user;
  });
}

/** Spends the one-time set-up token on the first admin account; nobody is signed in yet, so the system is the actor. */
export async function setUpFirstAdmin(conn: DatabaseConnection, token: string, account: Omit<ConsoleUserInput, 'role'>): Promise<consoleUsers.ConsoleUser> {
  const admin = await completeSetup(conn, token, account);
  if (!admin) throw CommandError.forbidden('this set-up link is not valid: it was used already, has expired, or the console has users');
  await recordAudit(conn, 'system', { action: 'console_user.create', targetType: 'console_user', targetId: admin.id, details: { email: admin.email, role: admin.role, via: 'setup' } });
  return admin;
}

/** The console must keep an admin, or nobody could manage users and keys again. */
async function refuseLosingTheLastAdmin(conn: DatabaseConnection, id: number): Promise<void> {
  const target = await consoleUsers.getConsoleUser(conn, id);
  if (target?.role !== 'admin') return;
  const admins = (await consoleUsers.listConsoleUsers(conn)).filter((user) => user.role === 'admin');
  if (admins.length <= 1) throw CommandError.conflict('this is the last admin; make another user admin first');
}
