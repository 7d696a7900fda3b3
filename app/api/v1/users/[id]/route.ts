import { getConnection } from '@/db';
import { readBody } from '@/lib/api/body';
import type { IdRouteContext } from '@/lib/api/context';
import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/route';
import { parseInput, parseQuery, pathId, withPathId } from '@/lib/api/validate';
import { deleteUser, saveUser } from '@/lib/users/commands';
import { userHistoryQuerySchema, userInputSchema } from '@/lib/users/schema';
import { getUser, getUserExposures, getUserHistory } from '@/lib/users/store';

const MAX_BODY_BYTES = 256 * 1024;

/** The user with their most recent interactions, newest first, and the experiments they were exposed to. */
export const GET = route('users:read', async (request, context: IdRouteContext) => {
  const id = await pathId(context);
  const { history: limit } = parseQuery(userHistoryQuerySchema, new URL(request.url).searchParams);
  const conn = await getConnection();
  const user = await getUser(conn, id);
  if (!user) throw ApiError.notFound('user', id);
  const [history, experiments] = await Promise.all([getUserHistory(conn, id, limit), getUserExposures(conn, id)]);
  return Response.json({ ...user, history, experiments });
});

/** Creates the user or updates the preferences and data-sharing level it names (not audited: see saveUser). */
export const PUT = route('users:write', async (request, context: IdRouteContext) => {
  const id = await pathId(context);
  const { value } = await readBody(request, { maxBytes: MAX_BODY_BYTES });
  const input = parseInput(userInputSchema, withPathId(value, id), 'user');
  const { user, created } = await saveUser(await getConnection(), input);
  return Response.json(user, { status: created ? 201 : 200 });
});

/** The right to be forgotten: removes everything stored about the user, everywhere (see lib/users/forget.ts). */
export const DELETE = route('users:delete', async (_request, context: IdRouteContext, principal) => {
  const id = await pathId(context);
  const deleted = await deleteUser(await getConnection(), principal, id);
  return Response.json({ id, deleted: true, deleted_events: deleted.events });
});
