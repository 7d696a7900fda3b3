import { getConnection } from '@/db';
import { readBody } from '@/lib/api/body';
import { route } from '@/lib/api/route';
import { parseInput } from '@/lib/api/validate';
import { strategyInputSchema, toStrategyJson } from '@/lib/experiments/strategy-schema';
import { createStrategy } from '@/lib/strategies/commands';
import { listStrategies } from '@/lib/strategies/store';

const MAX_BODY_BYTES = 1024 * 1024;

export const GET = route('experiments:read', async () => {
  const { strategies, defaultKey } = await listStrategies(await getConnection());
  return Response.json({ strategies: strategies.map((strategy) => toStrategyJson(strategy, defaultKey)), default: defaultKey });
});

export const POST = route('experiments:write', async (request, _context, principal) => {
  const { value } = await readBody(request, { maxBytes: MAX_BODY_BYTES });
  const input = parseInput(strategyInputSchema, value, 'strategy');
  return Response.json(await createStrategy(await getConnection(), principal, input), { status: 201 });
});
