import { getReadConnection } from '@/db';
import { route } from '@/lib/api/route';
import { parseQuery } from '@/lib/api/validate';
import { planExperiment } from '@/lib/experiments/planning';
import { planQuerySchema } from '@/lib/experiments/schema';

/** The creation form's sample size and duration: `?metric=ctr&mde=0.05&coverage_percent=100&variants=2`. */
export const GET = route('experiments:read', async (request) => {
  const query = parseQuery(planQuerySchema, new URL(request.url).searchParams);
  return Response.json(await planExperiment(await getReadConnection(), query));
});
