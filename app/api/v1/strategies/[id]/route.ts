import { getConnection } from '@/db';
import { readBody } from '@/lib/api/body';
import type { IdRouteContext } from '@/lib/api/context';
import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/route';
import { parseInput } from '@/lib/api/validate';
import { pathKey } from '@/lib/experiments/http';
import { strategyPatchSchema, toStrategyJson, toStrategyVersionJson } from '@/lib/experiments/strategy-schema';
import { deleteStrategy, updateStrategy } from '@/lib/strategies/commands';
import { defaultStrategyKey, getStrategy, strategyHistory } from '@/lib/strategies/store';

const MAX_BODY_BYTES = 1024 * 1024;

/** The strategy with its versions, newest first. */
export const GET = route('experiments:read', async (_request, context: IdRouteContext) => {
  const key = await pathKey(context);
  const conn = await getConnection();
  const strategy = await getStrategy(conn, key);
  if (!strategy) throw ApiError.notFound('strategy', key);
  const [versions, defaultKey] = await Promise.all([strategyHistory(conn, key), defaultStrategyKey(conn.db)]);
  return Response.json({ ...toStrategyJson(strategy, defaultKey), versions: versions.map(toStrategyVersionJson) });
});

/** Every edit is a new version; `config` is merged into the stored one. 409 while a running or paused experiment serves it. */
export const PATCH = route('experiments:write', async (request, context: IdRouteContext, principal) => {
  const key = await pathKey(context);
  const { value } = await readBody(request, { maxBytes: MAX_BODY_BYTES });
  const patch = parseInput(strategyPatchSchema, value, 'strategy patch');
  return Response.json(await updateStrategy(await getConnection(), principal, key, patch));
});

/** 409 while the strategy is the default or a running or paused experiment serves it. */
export const DELETE = route('experiments:write', async (_request, context: IdRouteContext, principal) => {
  const key = await pathKey(context);
  return Response.json(await deleteStrategy(await getConnection(), principal, key));
});
