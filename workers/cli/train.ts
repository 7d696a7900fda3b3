import { closeConnection, getConnection } from '@/db';
import { ConfigError } from '@/lib/config';
import { activeVersion } from '@/lib/models/registry';
import { closeChanges } from '@/lib/runtime/changes';
import { executeRun } from '@/lib/training/execute';
import { getRun, queueRun } from '@/lib/training/runs';
import { z } from 'zod';
import { commandLineOrExit } from './args';
import { trackProgress } from './progress';

/**
 * `npm run train`: one training run, here and now, with a progress bar. It uses the same run
 * records as the API, so the console shows it too. (With the embedded database, stop the server
 * first: PGlite opens in one process at a time.)
 */
const USAGE = `Usage: npm run train

Runs one training run now and promotes its model if it beats the active one.
Reads the same environment as \`npm start\` (DATABASE_URL, TAILOR_DATA_DIR, …).`;

async function main(): Promise<void> {
  commandLineOrExit({ options: {}, schema: z.object({}), usage: USAGE });
  const conn = await getConnection();
  try {
    const { run, created } = await queueRun(conn, 'manual');
    if (!created) throw new Error(`training run ${run.id} is already ${run.status}; wait for it, or follow it at /api/v1/models/runs/${run.id}`);
    const bar = trackProgress('training', 1000);
    await executeRun(conn, run.id, (progress) => bar.update(Math.round(progress.fraction * 1000)));
    bar.finish();
    const finished = await getRun(conn, run.id);
    const active = await activeVersion(conn);
    console.log(`run ${run.id}: ${finished?.stage}; version ${finished?.versionId} (${active?.id === finished?.versionId ? 'active' : 'candidate'})`);
    if (active) console.log(`metrics: ${JSON.stringify(active.metrics)}`);
  } finally {
    // The promotion was published to the web processes over Redis; the connection must not keep this process alive.
    await Promise.all([closeChanges(), closeConnection()]);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `error: ${(error as Error).message}`);
  process.exitCode = 1;
});
