import { getConnection } from '@/db';
import { readBody } from '@/lib/api/body';
import { route } from '@/lib/api/route';
import { parseInput, parseQuery } from '@/lib/api/validate';
import { createExperiment } from '@/lib/experiments/commands';
import { experimentInputSchema, experimentListQuerySchema, toExperimentJson } from '@/lib/experiments/schema';
import { listExperiments } from '@/lib/experiments/store';

const MAX_BODY_BYTES = 1024 * 1024;

export const GET = route('experiments:read', async (request) => {
  const query = parseQuery(experimentListQuerySchema, new URL(request.url).searchParams);
  const { experiments, total } = await listExperiments(await getConnection(), query);
  return Response.json({ experiments: experiments.map(toExperimentJson), total, limit: query.limit, offset: query.offset });
});

/** Creates a draft; nothing is served until it starts. */
export const POST = route('experiments:write', async (request, _context, principal) => {
  const { value } = await readBody(request, { maxBytes: MAX_BODY_BYTES });
  const input = parseInput(experimentInputSchema, value, 'experiment');
  const experiment = await createExperiment(await getConnection(), principal, input);
  return Response.json(toExperimentJson(experiment), { status: 201 });
});
