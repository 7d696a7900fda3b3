import { getConnection } from '@/db';
import { readBody } from '@/lib/api/body';
import type { IdRouteContext } from '@/lib/api/context';
import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/route';
import { recordAudit } from '@/lib/auth/audit';
import { parseInput } from '@/lib/api/validate';
import { pathKey, withExperimentErrors } from '@/lib/experiments/http';
import { experimentsChanged } from '@/lib/experiments/serving';
import { strategyPatchSchema, toStrategyJson, toStrategyVersionJson } from '@/lib/experiments/strategy-schema';
import { defaultStrategyKey, deleteStrategy, getStrategy, strategyHistory, updateStrategy } from '@/lib/strategies/store';

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
  const conn = await getConnection();
  const strategy = await withExperimentErrors(() => updateStrategy(conn, key, patch));
  experimentsChanged();
  await recordAudit(conn, principal, { action: 'strategy.update', targetType: 'strategy', targetId: key, details: { version: strategy.version, changed: Object.keys(patch) } });
  return Response.json(toStrategyJson(strategy, await defaultStrategyKey(conn.db)));
});

/** 409 while the strategy is the default or a running or paused experiment serves it. */
export const DELETE = route('experiments:write', async (_request, context: IdRouteContext, principal) => {
  const key = await pathKey(context);
  const conn = await getConnection();
  const strategy = await withExperimentErrors(() => deleteStrategy(conn, key));
  experimentsChanged();
  await recordAudit(conn, principal, { action: 'strategy.delete', targetType: 'strategy', targetId: key, details: { version: strategy.version } });
  return Response.json(toStrategyJson(strategy, await defaultStrategyKey(conn.db)));
});
