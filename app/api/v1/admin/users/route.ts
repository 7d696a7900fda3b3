import { getConnection } from '@/db';
import { readBody } from '@/lib/api/body';
import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/route';
import { parseInput } from '@/lib/api/validate';
import { recordAudit } from '@/lib/auth/audit';
import { createConsoleUser, listConsoleUsers } from '@/lib/auth/console-users';
import { consoleUserInputSchema } from '@/lib/auth/schema';

export const GET = route('access:manage', async () => {
  return Response.json({ users: await listConsoleUsers(await getConnection()) });
});

export const POST = route('access:manage', async (request, _context, principal) => {
  const { value } = await readBody(request, { maxBytes: 16 * 1024, formats: ['json'] });
  const input = parseInput(consoleUserInputSchema, value, 'console user');
  const conn = await getConnection();
  const user = await createConsoleUser(conn, input);
  if (!user) throw ApiError.conflict(`a console user with the email ${input.email} already exists`);
  await recordAudit(conn, principal, { action: 'console_user.create', targetType: 'console_user', targetId: user.id, details: { email: user.email, role: user.role } });
  return Response.json(user, { status: 201 });
});
