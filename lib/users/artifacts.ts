import 'server-only';
import type { DatabaseConnection } from '@/db/client';
import { scrubStoredArtifacts, type ScrubReport } from '@/lib/models/registry';
import { log } from '@/lib/runtime/log';
import { forgottenSince, pruneForgotten, userHasher } from './tombstones';

/**
 * The background pass that finishes a deletion in stored model artifacts: every user forgotten
 * since an artifact's data ended is scrubbed out of it, after which their tombstone may go once
 * it is old enough. Queued (and batched) after deletions, after training and at worker start.
 */
export async function scrubForgottenUsersFromArtifacts(conn: DatabaseConnection): Promise<ScrubReport> {
  const hash = await userHasher();
  const started = performance.now();
  const report = await scrubStoredArtifacts(conn, { since: (at) => forgottenSince(conn, at.getTime()), hash });
  if (report.rewritten.length > 0) {
    log.info(`forgotten users scrubbed out of the artifacts of model versions ${report.rewritten.join(', ')} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  await pruneForgotten(conn);
  return report;
}
