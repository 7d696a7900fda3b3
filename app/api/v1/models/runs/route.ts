import { z } from 'zod';
import { getConnection } from '@/db';
import { pageLimit } from '@/lib/api/fields';
import { route } from '@/lib/api/route';
import { parseQuery } from '@/lib/api/validate';
import { listRuns, toTrainingRun } from '@/lib/training/runs';

const runsQuerySchema = z.object({ limit: pageLimit(200, 20) }).strict();

export const GET = route('models:read', async (request) => {
  const { limit } = parseQuery(runsQuerySchema, new URL(request.url).searchParams);
  return Response.json({ runs: (await listRuns(await getConnection(), limit)).map(toTrainingRun) }, { headers: { 'cache-control': 'no-store' } });
});
