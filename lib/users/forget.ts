import 'server-only';
import type { DatabaseConnection } from '@/db/client';
import { recordAudit } from '@/lib/auth/audit';
import type { Principal } from '@/lib/auth/principal';
import { forgetUserIdentity } from '@/lib/events/store';
import { getEventIngestor } from '@/lib/events/ingestor';
import { exposureWriter } from '@/lib/experiments/exposure';
import { getImpressionWriter } from '@/lib/impressions';
import { getFeatureStore } from '@/lib/realtime';
import { publishChange } from '@/lib/runtime/changes';
import { log } from '@/lib/runtime/log';
import { forgetUserPages } from '@/lib/serving/pages';
import { requestArtifactScrub } from '@/lib/training/dispatch';
import type { DataSharing } from './schema';
import { deleteUserRows, isUserStored, type DeletedRows } from './store';
import { pruneForgotten, recordForgotten } from './tombstones';

/**
 * The right to be forgotten, the one place it is written. After it nothing stored names the user
 * or was learnt from them alone: not the database, the response cache and stored lists, the
 * real-time store, pending writes, nor any process's memory (users mirror, read-backs, the loaded
 * model's factors, history and precomputed lists). Stored models trained before it lose the
 * user's row in a background pass seconds later (lib/users/artifacts.ts); until then, and for any
 * process loading one meanwhile, a tombstone (a keyed hash, not the id) masks the user out of them
 * at every load. Null when nothing was stored about the user.
 */
export async function forgetUser(conn: DatabaseConnection, userId: string, by: Principal): Promise<DeletedRows | null> {
  // Events this process accepted before the deletion are committed first, so they are deleted too.
  await (await getEventIngestor()).flush();
  // An id nothing names is a 404 that changes nothing: no tombstone, no work in any process.
  if (!(await isUserStored(conn, userId))) return null;
  // The tombstone comes first: from here a late write of the user's, from any process, is dropped.
  const userHash = await recordForgotten(conn, userId, 'user');
  await settlePendingWrites();
  // If the real-time store or the cache cannot forget, the deletion fails here and can be retried.
  await Promise.all([getFeatureStore().forget(userId), forgetUserPages(userId)]);
  const deleted = await deleteUserRows(conn, userId);
  // After the rows are gone, so that a process re-reading its users mirror no longer finds them:
  // every process drops the user from memory and from its queues, this one before it returns.
  publishChange('user-deletions', userId);
  forgetUserIdentity(conn, userId);
  // Again, for a feed ranked from the still unmasked model while this ran.
  await forgetUserPages(userId).catch((error: unknown) => log.warn('cached lists ranked during a deletion could not be deleted; they expire with their TTL', error));
  await pruneForgotten(conn);
  await requestArtifactScrub();
  if (deleted.users + deleted.impressions + deleted.exposures === 0) return null;
  // The log names the hash, never the id: whoever holds the id can still find the entry.
  await recordAudit(conn, by, { action: 'user.delete', targetType: 'user', targetId: userHash, details: { deleted_events: deleted.events, deleted_impressions: deleted.impressions, deleted_exposures: deleted.exposures } });
  return deleted;
}

/**
 * Forgets what the `minimal` data-sharing level does not allow: the user's real-time profile,
 * their cached lists, and their row in the loaded model (they are served as a new user). Their
 * stored events stay, as `minimal` still counts them in anonymous aggregates (popularity,
 * trending, item neighbours); the user and their preferences stay too.
 */
export async function forgetBehaviour(conn: DatabaseConnection, userId: string): Promise<void> {
  await recordForgotten(conn, userId, 'behaviour');
  await getFeatureStore().forget(userId);
  publishChange('user-behaviour-forgotten', userId);
  await forgetUserPages(userId);
  await requestArtifactScrub();
}

/** The hook of the users write path: lowering the level to `minimal` forgets what it does not allow. */
export async function applyDataSharingChange(conn: DatabaseConnection, userId: string, from: DataSharing | null, to: DataSharing): Promise<void> {
  if (to === 'minimal' && from !== null && from !== 'minimal') await forgetBehaviour(conn, userId);
}

/** Writes under way before the tombstone finish before the rows are deleted; later ones skip the user. */
async function settlePendingWrites(): Promise<void> {
  try {
    await Promise.all([(await getImpressionWriter()).flush(), exposureWriter().flush()]);
  } catch (error) {
    // The writers' inserts skip the user anyway; what is left is other users' rows.
    log.warn('pending impressions or exposures could not be written before a deletion', error);
  }
}
