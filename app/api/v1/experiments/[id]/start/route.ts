import { getConnection } from '@/db';
import type { IdRouteContext } from '@/lib/api/context';
import { route } from '@/lib/api/route';
import { startExperiment } from '@/lib/experiments/commands';
import { pathKey } from '@/lib/experiments/http';
import { toExperimentJson } from '@/lib/experiments/schema';

/** Starts a draft (taking its slots in the layer, 409 if they are not free) or resumes a paused experiment. */
export const POST = route('experiments:write', async (_request, context: IdRouteContext, principal) => {
  const key = await pathKey(context);
  const experiment = await startExperiment(await getConnection(), principal, key);
  return Response.json(toExperimentJson(experiment));
});
