import 'server-only';
import { createHmac } from 'node:crypto';
import type { DatabaseConnection } from '@/db/client';
import { getAuthSecret } from '@/lib/auth/secret';

/**
 * Tombstones of forgotten users. They hold a keyed hash of the id, never the id: nothing stored
 * names the user, yet whoever holds an id can tell it was forgotten (to mask it out of a model
 * trained before the deletion, or to drop a row written late for it).
 */
export type ForgetScope = 'user' | 'behaviour';

/** Tombstones outlive any training run and any queued write by this much before they may go. */
const TOMBSTONE_MIN_AGE_MS = 24 * 60 * 60_000;

export function userHashWith(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(userId).digest('hex');
}

export async function forgottenUserHash(userId: string): Promise<string> {
  return userHashWith(await getAuthSecret(), userId);
}

/** A hasher bound to the server secret, for hashing many ids at once. */
export async function userHasher(): Promise<(userId: string) => string> {
  const secret = await getAuthSecret();
  return (userId) => userHashWith(secret, userId);
}

/** Records the user as forgotten now; a full deletion outranks an earlier behaviour-only one. Returns the hash. */
export async function recordForgotten(conn: DatabaseConnection, userId: string, scope: ForgetScope): Promise<string> {
  const userHash = await forgottenUserHash(userId);
  await conn.query(
    `insert into forgotten_users (user_hash, scope, forgotten_at) values ($1, $2, now())
     on conflict (user_hash) do update set forgotten_at = now(),
       scope = case when forgotten_users.scope = 'user' then 'user' else excluded.scope end`,
    [userHash, scope],
  );
  return userHash;
}

/** Hashes of the users forgotten after `since` (epoch ms): those a model trained on data up to `since` still holds. */
export async function forgottenSince(conn: DatabaseConnection, since: number): Promise<Set<string>> {
  const rows = await conn.query<{ user_hash: string }>(`select user_hash from forgotten_users where forgotten_at > to_timestamp($1::float8 / 1000)`, [since]);
  return new Set(rows.map((row) => row.user_hash));
}

/**
 * Drops the tombstones no stored artifact needs: every model version that keeps its artifact was
 * trained on data ending after them, or scrubbed since (lib/users/artifacts.ts), so none holds the
 * user; and they are older than any training run or queued write.
 */
export async function pruneForgotten(conn: DatabaseConnection): Promise<void> {
  await conn.query(
    `delete from forgotten_users f
     where f.forgotten_at < now() - make_interval(secs => $1::float8 / 1000)
       and not exists (
         select 1 from model_versions v
         where v.artifact_location <> 'deleted' and coalesce(v.scrubbed_to, v.data_to, '-infinity'::timestamptz) < f.forgotten_at)`,
    [TOMBSTONE_MIN_AGE_MS],
  );
}

/**
 * The SQL condition a late writer adds so a row recorded for a user before their deletion is
 * dropped: `hash` and `at` are the row's user hash and recording time, as SQL expressions.
 */
export function notForgottenBefore(hash: string, at: string): string {
  // A scalar subquery rather than `not exists`, which the planner turns into an anti-join that
  // reorders the rows: the first of two rows with one key must stay the one inserted.
  return `coalesce((select f.forgotten_at from forgotten_users f where f.user_hash = ${hash} and f.scope = 'user'), '-infinity'::timestamptz) < ${at}`;
}
