import { getConnection } from '@/db';
import type { IdRouteContext } from '@/lib/api/context';
import { route } from '@/lib/api/route';
import { recordAudit } from '@/lib/auth/audit';
import { pathKey, withExperimentErrors } from '@/lib/experiments/http';
import { pauseExperiment } from '@/lib/experiments/lifecycle';
import { toExperimentJson } from '@/lib/experiments/schema';
import { experimentsChanged } from '@/lib/experiments/serving';

/** Users fall back to the default strategy until the experiment resumes; it keeps its slots. */
export const POST = route('experiments:write', async (_request, context: IdRouteContext, principal) => {
  const key = await pathKey(context);
  const conn = await getConnection();
  const experiment = await withExperimentErrors(() => pauseExperiment(conn, key));
  await recordAudit(conn, principal, { action: 'experiment.pause', targetType: 'experiment', targetId: key });
  experimentsChanged();
  return Response.json(toExperimentJson(experiment));
});
