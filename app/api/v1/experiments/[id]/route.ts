import { getConnection } from '@/db';
import { readBody } from '@/lib/api/body';
import type { IdRouteContext } from '@/lib/api/context';
import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/route';
import { parseInput } from '@/lib/api/validate';
import { deleteExperiment, updateExperiment } from '@/lib/experiments/commands';
import { pathKey } from '@/lib/experiments/http';
import { experimentPatchSchemaFor, toExperimentJson } from '@/lib/experiments/schema';
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
  const experiment = await updateExperiment(await getConnection(), principal, key, (current) => parseInput(experimentPatchSchemaFor(current), value, 'experiment patch'));
  return Response.json(toExperimentJson(experiment));
});

/** Drafts only (409 otherwise): an experiment that ran is a record that its data refers to. */
export const DELETE = route('experiments:write', async (_request, context: IdRouteContext, principal) => {
  const key = await pathKey(context);
  const experiment = await deleteExperiment(await getConnection(), principal, key);
  return Response.json(toExperimentJson(experiment));
});
