import 'server-only';
import type { DatabaseConnection } from '@/db/client';
import type { Principal } from '@/lib/auth/principal';
import { CommandError } from '@/lib/runtime/command-errors';
import { usersChanged } from '@/lib/serving/users';
import { applyDataSharingChange, forgetUser } from './forget';
import type { User, UserInput } from './schema';
import { upsertUser, type DeletedRows } from './store';

/**
 * The users' writes, each with what it must bring along: every process's users mirror re-reads,
 * and what a lowered data-sharing level or a deletion no longer allows is forgotten (forget.ts).
 */

/**
 * Creates the user or updates the preferences and data-sharing level it names. Not audited: clients sync
 * profiles as routinely as they send events, and the log is for people's changes.
 */
export async function saveUser(conn: DatabaseConnection, input: UserInput): Promise<{ user: User; created: boolean }> {
  const { user, created, previousDataSharing } = await upsertUser(conn, input);
  await applyDataSharingChange(conn, input.id, previousDataSharing, user.data_sharing);
  usersChanged();
  return { user, created };
}

/** The right to be forgotten (audited by forgetUser, under the id's hash). */
export async function deleteUser(conn: DatabaseConnection, by: Principal, id: string): Promise<DeletedRows> {
  const deleted = await forgetUser(conn, id, by);
  if (!deleted) throw CommandError.notFound('user', id);
  return deleted;
}
