import { getConnection } from '@/db';
import { readBody } from '@/lib/api/body';
import type { IdRouteContext } from '@/lib/api/context';
import { route } from '@/lib/api/route';
import { numericPathId, parseInput } from '@/lib/api/validate';
import { deleteConsoleUser, updateConsoleUser } from '@/lib/auth/commands';
import { consoleUserPatchSchema } from '@/lib/auth/schema';

export const PATCH = route('access:manage', async (request, context: IdRouteContext, principal) => {
  const id = await numericPathId(context, 'console user');
  const { value } = await readBody(request, { maxBytes: 16 * 1024, formats: ['json'] });
  const patch = parseInput(consoleUserPatchSchema, value, 'console user');
  return Response.json(await updateConsoleUser(await getConnection(), principal, id, patch));
});

/** Refused for one's own account and for the last admin. */
export const DELETE = route('access:manage', async (_request, context: IdRouteContext, principal) => {
  const id = await numericPathId(context, 'console user');
  return Response.json(await deleteConsoleUser(await getConnection(), principal, id));
});
