import { getConnection } from '@/db';
import type { IdRouteContext } from '@/lib/api/context';
import { route } from '@/lib/api/route';
import { recordAudit } from '@/lib/auth/audit';
import { pathKey, withExperimentErrors } from '@/lib/experiments/http';
import { startExperiment } from '@/lib/experiments/lifecycle';
import { toExperimentJson } from '@/lib/experiments/schema';
import { experimentsChanged } from '@/lib/experiments/serving';
import { getExperiment } from '@/lib/experiments/store';

/** Starts a draft (taking its slots in the layer, 409 if they are not free) or resumes a paused experiment. */
export const POST = route('experiments:write', async (_request, context: IdRouteContext, principal) => {
  const key = await pathKey(context);
  const conn = await getConnection();
  // Starting a draft and resuming a paused experiment are different events in the log.
  const resumed = (await getExperiment(conn.db, key))?.status === 'paused';
  const experiment = await withExperimentErrors(() => startExperiment(conn, key));
  const json = toExperimentJson(experiment);
  await recordAudit(conn, principal, { action: resumed ? 'experiment.resume' : 'experiment.start', targetType: 'experiment', targetId: key, details: { layer_range_percent: json.layer_range_percent } });
  experimentsChanged();
  return Response.json(json);
});
