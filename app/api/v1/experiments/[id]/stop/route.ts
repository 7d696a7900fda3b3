import { getConnection } from '@/db';
import type { IdRouteContext } from '@/lib/api/context';
import { route } from '@/lib/api/route';
import { stopExperiment } from '@/lib/experiments/commands';
import { pathKey } from '@/lib/experiments/http';
import { toExperimentJson } from '@/lib/experiments/schema';

/** Ends a running or paused experiment for good: its slots are freed and its results stay. */
export const POST = route('experiments:write', async (_request, context: IdRouteContext, principal) => {
  const key = await pathKey(context);
  const experiment = await stopExperiment(await getConnection(), principal, key);
  return Response.json(toExperimentJson(experiment));
});
