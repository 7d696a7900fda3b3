import { getConnection } from '@/db';
import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/route';
import { recordAudit } from '@/lib/auth/audit';
import { requestTraining, TrainingUnavailableError } from '@/lib/training/dispatch';
import { toTrainingRun } from '@/lib/training/runs';

/** Queues a training run (or returns the one already queued or running): 202 with its id to poll. */
export const POST = route('models:operate', async (_request, _context, principal) => {
  try {
    const run = await requestTraining('manual');
    await recordAudit(await getConnection(), principal, { action: 'model.train', targetType: 'training_run', targetId: run.id, details: { trigger: run.trigger, status: run.status } });
    return Response.json(toTrainingRun(run), { status: 202, headers: { location: `/api/v1/models/runs/${run.id}` } });
  } catch (error) {
    if (error instanceof TrainingUnavailableError) throw ApiError.unavailable(error.message);
    throw error;
  }
});
