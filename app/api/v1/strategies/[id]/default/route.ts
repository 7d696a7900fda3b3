import { getConnection } from '@/db';
import type { IdRouteContext } from '@/lib/api/context';
import { route } from '@/lib/api/route';
import { pathKey } from '@/lib/experiments/http';
import { makeDefaultStrategy } from '@/lib/strategies/commands';

/** Makes this strategy the one everyone outside an experiment is served. */
export const POST = route('experiments:write', async (_request, context: IdRouteContext, principal) => {
  const key = await pathKey(context);
  return Response.json(await makeDefaultStrategy(await getConnection(), principal, key));
});
