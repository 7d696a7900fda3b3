import { getConnection } from '@/db';
import { readBody } from '@/lib/api/body';
import type { IdRouteContext } from '@/lib/api/context';
import { route } from '@/lib/api/route';
import { parseInput } from '@/lib/api/validate';
import { pathKey, withExperimentErrors } from '@/lib/experiments/http';
import { shipVariant } from '@/lib/experiments/lifecycle';
import { shipInputSchema, toExperimentJson } from '@/lib/experiments/schema';
import { experimentsChanged } from '@/lib/experiments/serving';

/** Ship the winner: `{"variant": "…"}`'s strategy becomes the default, and the experiment stops. */
export const POST = route('experiments:write', async (request, context: IdRouteContext) => {
  const key = await pathKey(context);
  const { value } = await readBody(request, { maxBytes: 64 * 1024 });
  const { variant } = parseInput(shipInputSchema, value, 'ship request');
  const experiment = await withExperimentErrors(async () => shipVariant(await getConnection(), key, variant));
  experimentsChanged();
  return Response.json(toExperimentJson(experiment));
});
