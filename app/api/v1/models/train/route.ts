import { getConnection } from '@/db';
import { route } from '@/lib/api/route';
import { trainModel } from '@/lib/models/commands';
import { toTrainingRun } from '@/lib/training/runs';

/** Queues a training run (or returns the one already queued or running): 202 with its id to poll. */
export const POST = route('models:operate', async (_request, _context, principal) => {
  const run = await trainModel(await getConnection(), principal);
  return Response.json(toTrainingRun(run), { status: 202, headers: { location: `/api/v1/models/runs/${run.id}` } });
});
