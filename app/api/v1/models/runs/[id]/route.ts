import { getConnection } from '@/db';
import type { IdRouteContext } from '@/lib/api/context';
import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/route';
import { numericPathId } from '@/lib/api/validate';
import { getRun, toTrainingRun } from '@/lib/training/runs';

/** A training run's status, stage and progress (0..1). */
export const GET = route('models:read', async (_request, context: IdRouteContext) => {
  const id = await numericPathId(context, 'training run');
  const run = await getRun(await getConnection(), id);
  if (!run) throw ApiError.notFound('training run', String(id));
  return Response.json(toTrainingRun(run), { headers: { 'cache-control': 'no-store' } });
});
