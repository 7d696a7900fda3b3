import { getConnection } from '@/db';
import type { IdRouteContext } from '@/lib/api/context';
import { route } from '@/lib/api/route';
import { recordAudit } from '@/lib/auth/audit';
import { pathKey, withExperimentErrors } from '@/lib/experiments/http';
import { stopExperiment } from '@/lib/experiments/lifecycle';
import { toExperimentJson } from '@/lib/experiments/schema';
import { experimentsChanged } from '@/lib/experiments/serving';

/** Ends a running or paused experiment for good: its slots are freed and its results stay. */
export const POST = route('experiments:write', async (_request, context: IdRouteContext, principal) => {
  const key = await pathKey(context);
  const conn = await getConnection();
  const experiment = await withExperimentErrors(() => stopExperiment(conn, key));
  await recordAudit(conn, principal, { action: 'experiment.stop', targetType: 'experiment', targetId: key });
  experimentsChanged();
  return Response.json(toExperimentJson(experiment));
});
