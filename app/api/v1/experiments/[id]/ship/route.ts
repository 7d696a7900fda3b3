import { getConnection } from '@/db';
import { readBody } from '@/lib/api/body';
import type { IdRouteContext } from '@/lib/api/context';
import { route } from '@/lib/api/route';
import { parseInput } from '@/lib/api/validate';
import { shipExperiment } from '@/lib/experiments/commands';
import { pathKey } from '@/lib/experiments/http';
import { shipInputSchema, toExperimentJson } from '@/lib/experiments/schema';

/**
 * Ship the winner: `{"variant": "…", "note": "…"}`'s strategy becomes the default, and the
 * experiment stops. A losing or guardrail-breaching variant also needs `"confirm_key"` set to the
 * experiment's key (409 otherwise). The audit entry carries the decision note.
 */
export const POST = route('experiments:write', async (request, context: IdRouteContext, principal) => {
  const key = await pathKey(context);
  const { value } = await readBody(request, { maxBytes: 64 * 1024 });
  const input = parseInput(shipInputSchema, value, 'ship request');
  const experiment = await shipExperiment(await getConnection(), principal, key, { variant: input.variant, note: input.note, confirmKey: input.confirm_key });
  return Response.json(toExperimentJson(experiment));
});
