import { getConnection } from '@/db';
import { readBody } from '@/lib/api/body';
import { route } from '@/lib/api/route';
import { recordAudit } from '@/lib/auth/audit';
import { parseInput } from '@/lib/api/validate';
import { withExperimentErrors } from '@/lib/experiments/http';
import { experimentsChanged } from '@/lib/experiments/serving';
import { strategyInputSchema, toStrategyJson } from '@/lib/experiments/strategy-schema';
import { createStrategy, defaultStrategyKey, listStrategies } from '@/lib/strategies/store';

const MAX_BODY_BYTES = 1024 * 1024;

export const GET = route('experiments:read', async () => {
  const { strategies, defaultKey } = await listStrategies(await getConnection());
  return Response.json({ strategies: strategies.map((strategy) => toStrategyJson(strategy, defaultKey)), default: defaultKey });
});

export const POST = route('experiments:write', async (request, _context, principal) => {
  const { value } = await readBody(request, { maxBytes: MAX_BODY_BYTES });
  const input = parseInput(strategyInputSchema, value, 'strategy');
  const conn = await getConnection();
  const strategy = await withExperimentErrors(() => createStrategy(conn, input));
  experimentsChanged();
  await recordAudit(conn, principal, { action: 'strategy.create', targetType: 'strategy', targetId: strategy.key, details: { version: strategy.version, config: strategy.config } });
  return Response.json(toStrategyJson(strategy, await defaultStrategyKey(conn.db)), { status: 201 });
});
