import { getConnection } from '@/db';
import { readBody } from '@/lib/api/body';
import type { IdRouteContext } from '@/lib/api/context';
import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/route';
import { numericPathId, parseInput } from '@/lib/api/validate';
import { recordAudit } from '@/lib/auth/audit';
import { deleteConsoleUser, getConsoleUser, listConsoleUsers, updateConsoleUser } from '@/lib/auth/console-users';
import { consoleUserPatchSchema } from '@/lib/auth/schema';

export const PATCH = route('access:manage', async (request, context: IdRouteContext, principal) => {
  const id = await numericPathId(context, 'console user');
  const { value } = await readBody(request, { maxBytes: 16 * 1024, formats: ['json'] });
  const patch = parseInput(consoleUserPatchSchema, value, 'console user');
  const conn = await getConnection();
  if (patch.role && patch.role !== 'admin') await refuseLosingTheLastAdmin(id);
  const user = await updateConsoleUser(conn, id, patch);
  if (!user) throw ApiError.notFound('console user', String(id));
  const changed = Object.keys(patch).map((field) => (field === 'password' ? 'password (not logged)' : field));
  await recordAudit(conn, principal, { action: 'console_user.update', targetType: 'console_user', targetId: id, details: { email: user.email, changed, ...(patch.role && { role: patch.role }) } });
  return Response.json(user);
});

export const DELETE = route('access:manage', async (_request, context: IdRouteContext, principal) => {
  const id = await numericPathId(context, 'console user');
  if (principal.kind === 'user' && principal.id === id) throw ApiError.conflict('you cannot delete your own account; ask another admin');
  await refuseLosingTheLastAdmin(id);
  const conn = await getConnection();
  const user = await deleteConsoleUser(conn, id);
  if (!user) throw ApiError.notFound('console user', String(id));
  await recordAudit(conn, principal, { action: 'console_user.delete', targetType: 'console_user', targetId: id, details: { email: user.email, role: user.role } });
  return Response.json(user);
});

/** The console must keep an admin, or nobody could manage users and keys again. */
async function refuseLosingTheLastAdmin(id: number): Promise<void> {
  const conn = await getConnection();
  const target = await getConsoleUser(conn, id);
  if (target?.role !== 'admin') return;
  const admins = (await listConsoleUsers(conn)).filter((user) => user.role === 'admin');
  if (admins.length <= 1) throw ApiError.conflict('this is the last admin; make another user admin first');
}
