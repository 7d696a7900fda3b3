import { getConnection } from '@/db';
import type { IdRouteContext } from '@/lib/api/context';
import { route } from '@/lib/api/route';
import { pathKey, withExperimentErrors } from '@/lib/experiments/http';
import { stopExperiment } from '@/lib/experiments/lifecycle';
import { toExperimentJson } from '@/lib/experiments/schema';
import { experimentsChanged } from '@/lib/experiments/serving';

/** Ends a running or paused experiment for good: its slots are freed and its results stay. */
export const POST = route('experiments:write', async (_request, context: IdRouteContext) => {
  const key = await pathKey(context);
  const experiment = await withExperimentErrors(async () => stopExperiment(await getConnection(), key));
  experimentsChanged();
  return Response.json(toExperimentJson(experiment));
});
