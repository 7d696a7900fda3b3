import { getConnection } from '@/db';
import type { IdRouteContext } from '@/lib/api/context';
import { route } from '@/lib/api/route';
import { pathKey, withExperimentErrors } from '@/lib/experiments/http';
import { startExperiment } from '@/lib/experiments/lifecycle';
import { toExperimentJson } from '@/lib/experiments/schema';
import { experimentsChanged } from '@/lib/experiments/serving';

/** Starts a draft (taking its slots in the layer, 409 if they are not free) or resumes a paused experiment. */
export const POST = route('experiments:write', async (_request, context: IdRouteContext) => {
  const key = await pathKey(context);
  const experiment = await withExperimentErrors(async () => startExperiment(await getConnection(), key));
  experimentsChanged();
  return Response.json(toExperimentJson(experiment));
});
