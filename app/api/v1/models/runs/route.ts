import { getConnection } from '@/db';
import { route } from '@/lib/api/route';
import { parseQuery } from '@/lib/api/validate';
import { trainingRunsQuerySchema } from '@/lib/models/schema';
import { listRuns, toTrainingRun } from '@/lib/training/runs';

export const GET = route('models:read', async (request) => {
  const { limit } = parseQuery(trainingRunsQuerySchema, new URL(request.url).searchParams);
  return Response.json({ runs: (await listRuns(await getConnection(), limit)).map(toTrainingRun) }, { headers: { 'cache-control': 'no-store' } });
});
