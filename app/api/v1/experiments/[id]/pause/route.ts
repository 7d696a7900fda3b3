import { getConnection } from '@/db';
import type { IdRouteContext } from '@/lib/api/context';
import { route } from '@/lib/api/route';
import { pauseExperiment } from '@/lib/experiments/commands';
import { pathKey } from '@/lib/experiments/http';
import { toExperimentJson } from '@/lib/experiments/schema';

/** Users fall back to the default strategy until the experiment resumes; it keeps its slots. */
export const POST = route('experiments:write', async (_request, context: IdRouteContext, principal) => {
  const key = await pathKey(context);
  const experiment = await pauseExperiment(await getConnection(), principal, key);
  return Response.json(toExperimentJson(experiment));
});
