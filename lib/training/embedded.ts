import 'server-only';
import { getConnection } from '@/db';
import { getConfig } from '@/lib/config';
import { log } from '@/lib/runtime/log';
import { scrubForgottenUsersFromArtifacts } from '@/lib/users/artifacts';
import { installInProcessTraining, requestArtifactScrub, requestTraining } from './dispatch';
import { executeRun } from './execute';
import { failAbandonedRuns } from './runs';
import { startTrainingSchedule, trainIfNoActiveModel } from './scheduler';

/**
 * The embedded default trains inside the web process (in a worker thread): it closes runs a
 * crash left behind, trains at once when no model is active yet, and keeps the schedule. It also
 * scrubs forgotten users out of stored models, after deletions and training and once at start.
 */
export async function startEmbeddedTraining(): Promise<() => void> {
  installInProcessTraining(executeRun, scrubForgottenUsersFromArtifacts);
  const conn = await getConnection();
  // Catches up on deletions whose scrub of stored models the previous process did not get to.
  await requestArtifactScrub();
  const { training } = getConfig();
  const abandoned = await failAbandonedRuns(conn);
  if (abandoned > 0) log.warn(`closed ${abandoned} training run(s) left unfinished by the previous process`);
  await trainIfNoActiveModel(conn, training, (trigger) => requestTraining(trigger));
  return startTrainingSchedule(getConnection, training, (trigger) => requestTraining(trigger));
}
