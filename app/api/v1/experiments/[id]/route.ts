import { getConnection } from '@/db';
import { readBody } from '@/lib/api/body';
import type { IdRouteContext } from '@/lib/api/context';
import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/route';
import { parseInput } from '@/lib/api/validate';
import { recordAudit } from '@/lib/auth/audit';
import { pathKey, withExperimentErrors } from '@/lib/experiments/http';
import { deleteExperiment, updateExperiment } from '@/lib/experiments/lifecycle';
import { experimentPatchSchemaFor, toExperimentJson } from '@/lib/experiments/schema';
import { experimentsChanged } from '@/lib/experiments/serving';
import { getExperiment } from '@/lib/experiments/store';

const MAX_BODY_BYTES = 1024 * 1024;

export const GET = route('experiments:read', async (_request, context: IdRouteContext) => {
  const key = await pathKey(context);
  const experiment = await getExperiment((await getConnection()).db, key);
  if (!experiment) throw ApiError.notFound('experiment', key);
  return Response.json(toExperimentJson(experiment));
});

/** Only the fields present change. A running or paused experiment keeps its variants, layer, targeting and type (409). */
export const PATCH = route('experiments:write', async (request, context: IdRouteContext, principal) => {
  const key = await pathKey(context);
  const { value } = await readBody(request, { maxBytes: MAX_BODY_BYTES });
  const conn = await getConnection();
  const current = await getExperiment(conn.db, key);
  if (!current) throw ApiError.notFound('experiment', key);
  const patch = parseInput(experimentPatchSchemaFor(current), value, 'experiment patch');
  const experiment = await withExperimentErrors(() => updateExperiment(conn, key, patch));
  experimentsChanged();
  await recordAudit(conn, principal, { action: 'experiment.update', targetType: 'experiment', targetId: key, details: { changed: Object.keys(patch) } });
  return Response.json(toExperimentJson(experiment));
});

/** Drafts only (409 otherwise): an experiment that ran is a record that its data refers to. */
export const DELETE = route('experiments:write', async (_request, context: IdRouteContext, principal) => {
  const key = await pathKey(context);
  const conn = await getConnection();
  const experiment = await withExperimentErrors(() => deleteExperiment(conn, key));
  await recordAudit(conn, principal, { action: 'experiment.delete', targetType: 'experiment', targetId: key, details: { name: experiment.name } });
  return Response.json(toExperimentJson(experiment));
});
