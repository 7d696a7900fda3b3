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

/**
 * Ship the winner: `{"variant": "…", "note": "…"}`'s strategy becomes the default, and the
 * experiment stops. A losing or guardrail-breaching variant also needs `"confirm_key"` set to the
 * experiment's key (409 otherwise). The audit entry carries the decision note.
 */
export const POST = route('experiments:write', async (request, context: IdRouteContext, principal) => {
  const key = await pathKey(context);
  const { value } = await readBody(request, { maxBytes: 64 * 1024 });
  const input = parseInput(shipInputSchema, value, 'ship request');
  const conn = await getConnection();
  const { experiment, assessment, decision } = await withExperimentErrors(() => shipVariant(conn, key, { variant: input.variant, note: input.note, confirmKey: input.confirm_key }));
  const strategy = experiment.variants.find((candidate) => candidate.key === input.variant)?.strategy;
  await recordAudit(conn, principal, {
    action: 'experiment.ship',
    targetType: 'experiment',
    targetId: key,
    details: { variant: input.variant, strategy, decision, verdict: assessment.verdict, chance_to_beat_control: assessment.chance_to_beat_control, guardrails: assessment.guardrails.map((rail) => ({ metric: rail.metric, breached: rail.breached })), confirmed_risks: assessment.risks },
  });
  experimentsChanged();
  return Response.json(toExperimentJson(experiment));
});
