import { getConnection } from '@/db';
import { readBody } from '@/lib/api/body';
import type { IdRouteContext } from '@/lib/api/context';
import { route } from '@/lib/api/route';
import { recordAudit } from '@/lib/auth/audit';
import { parseInput } from '@/lib/api/validate';
import { pathKey, withExperimentErrors } from '@/lib/experiments/http';
import { shipVariant } from '@/lib/experiments/lifecycle';
import { shipInputSchema, toExperimentJson } from '@/lib/experiments/schema';
import { experimentsChanged } from '@/lib/experiments/serving';

/** Ship the winner: `{"variant": "…"}`'s strategy becomes the default, and the experiment stops. */
export const POST = route('experiments:write', async (request, context: IdRouteContext, principal) => {
  const key = await pathKey(context);
  const { value } = await readBody(request, { maxBytes: 64 * 1024 });
  const { variant } = parseInput(shipInputSchema, value, 'ship request');
  const conn = await getConnection();
  const experiment = await withExperimentErrors(() => shipVariant(conn, key, variant));
  const strategy = experiment.variants.find((candidate) => candidate.key === variant)?.strategy;
  await recordAudit(conn, principal, { action: 'experiment.ship', targetType: 'experiment', targetId: key, details: { variant, strategy } });
  experimentsChanged();
  return Response.json(toExperimentJson(experiment));
});
