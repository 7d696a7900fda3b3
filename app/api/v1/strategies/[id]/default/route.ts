import { getConnection } from '@/db';
import type { IdRouteContext } from '@/lib/api/context';
import { route } from '@/lib/api/route';
import { recordAudit } from '@/lib/auth/audit';
import { pathKey, withExperimentErrors } from '@/lib/experiments/http';
import { experimentsChanged } from '@/lib/experiments/serving';
import { toStrategyJson } from '@/lib/experiments/strategy-schema';
import { makeDefaultStrategy } from '@/lib/strategies/store';

/** Makes this strategy the one everyone outside an experiment is served. */
export const POST = route('experiments:write', async (_request, context: IdRouteContext, principal) => {
  const key = await pathKey(context);
  const conn = await getConnection();
  const strategy = await withExperimentErrors(() => makeDefaultStrategy(conn, key));
  experimentsChanged();
  await recordAudit(conn, principal, { action: 'strategy.make_default', targetType: 'strategy', targetId: key, details: { version: strategy.version } });
  return Response.json(toStrategyJson(strategy, strategy.key));
});
