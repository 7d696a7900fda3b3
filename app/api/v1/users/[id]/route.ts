import { getConnection } from '@/db';
import { readBody } from '@/lib/api/body';
import type { IdRouteContext } from '@/lib/api/context';
import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/route';
import { recordAudit } from '@/lib/auth/audit';
import { parseInput, parseQuery, pathId, withPathId } from '@/lib/api/validate';
import { userHistoryQuerySchema, userInputSchema } from '@/lib/users/schema';
import { forgetReadBack } from '@/lib/serving/read-back';
import { forgetServingUser, usersChanged } from '@/lib/serving/users';
import { deleteUser, getUser, getUserHistory, upsertUser } from '@/lib/users/store';

const MAX_BODY_BYTES = 256 * 1024;

/** The user with their most recent interactions, newest first. */
export const GET = route('users:read', async (request, context: IdRouteContext) => {
  const id = await pathId(context);
  const { history: limit } = parseQuery(userHistoryQuerySchema, new URL(request.url).searchParams);
  const conn = await getConnection();
  const user = await getUser(conn, id);
  if (!user) throw ApiError.notFound('user', id);
  return Response.json({ ...user, history: await getUserHistory(conn, id, limit) });
});

/**
 * Creates the user or replaces their preferences and data-sharing level. Not audited: clients sync
 * profiles as routinely as they send events, and the log is for people's changes.
 */
export const PUT = route('users:write', async (request, context: IdRouteContext) => {
  const id = await pathId(context);
  const { value } = await readBody(request, { maxBytes: MAX_BODY_BYTES });
  const input = parseInput(userInputSchema, withPathId(value, id), 'user');
  const conn = await getConnection();
  const { user, created } = await upsertUser(conn, input);
  usersChanged();
  return Response.json(user, { status: created ? 201 : 200 });
});

/** The right to be forgotten: removes the user and every event of theirs. */
export const DELETE = route('users:delete', async (_request, context: IdRouteContext, principal) => {
  const id = await pathId(context);
  const conn = await getConnection();
  const deleted = await deleteUser(conn, id);
  if (!deleted) throw ApiError.notFound('user', id);
  await forgetServingUser(id);
  forgetReadBack(id);
  await recordAudit(conn, principal, { action: 'user.delete', targetType: 'user', targetId: id, details: { deleted_events: deleted.deletedEvents } });
  return Response.json({ id, deleted: true, deleted_events: deleted.deletedEvents });
});
