import { getConnection } from '@/db';
import type { IdRouteContext } from '@/lib/api/context';
import { route } from '@/lib/api/route';
import { pathKey, withExperimentErrors } from '@/lib/experiments/http';
import { pauseExperiment } from '@/lib/experiments/lifecycle';
import { toExperimentJson } from '@/lib/experiments/schema';
import { experimentsChanged } from '@/lib/experiments/serving';

/** Users fall back to the default strategy until the experiment resumes; it keeps its slots. */
export const POST = route('experiments:write', async (_request, context: IdRouteContext) => {
  const key = await pathKey(context);
  const experiment = await withExperimentErrors(async () => pauseExperiment(await getConnection(), key));
  experimentsChanged();
  return Response.json(toExperimentJson(experiment));
});
