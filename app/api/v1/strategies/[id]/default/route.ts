import { getConnection } from '@/db';
import type { IdRouteContext } from '@/lib/api/context';
import { route } from '@/lib/api/route';
import { pathKey, withExperimentErrors } from '@/lib/experiments/http';
import { experimentsChanged } from '@/lib/experiments/serving';
import { toStrategyJson } from '@/lib/experiments/strategy-schema';
import { makeDefaultStrategy } from '@/lib/strategies/store';

/** Makes this strategy the one everyone outside an experiment is served. */
export const POST = route('experiments:write', async (_request, context: IdRouteContext) => {
  const key = await pathKey(context);
  const strategy = await withExperimentErrors(async () => makeDefaultStrategy(await getConnection(), key));
  experimentsChanged();
  return Response.json(toStrategyJson(strategy, strategy.key));
});
