import { getConnection, getReadConnection } from '@/db';
import type { IdRouteContext } from '@/lib/api/context';
import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/route';
import { parseQuery } from '@/lib/api/validate';
import { pathKey } from '@/lib/experiments/http';
import { experimentResults } from '@/lib/experiments/results';
import { resultsQuerySchema } from '@/lib/experiments/schema';
import { getExperiment } from '@/lib/experiments/store';

/** Lifts, intervals (sequential by default, fixed-horizon alongside), SRM, planning and a daily series. `?mde=0.05`. */
export const GET = route('experiments:read', async (request, context: IdRouteContext) => {
  const key = await pathKey(context);
  const { mde } = parseQuery(resultsQuerySchema, new URL(request.url).searchParams);
  // The experiment itself from the primary: it may have just been started.
  const experiment = await getExperiment((await getConnection()).db, key);
  if (!experiment) throw ApiError.notFound('experiment', key);
  if (experiment.status === 'draft') throw ApiError.conflict(`experiment '${key}' has not started, so it has no results yet`);
  return Response.json(await experimentResults(await getReadConnection(), experiment, { mde }));
});
