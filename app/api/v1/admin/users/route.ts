import { getConnection } from '@/db';
import { readBody } from '@/lib/api/body';
import { route } from '@/lib/api/route';
import { parseInput } from '@/lib/api/validate';
import { createConsoleUser } from '@/lib/auth/commands';
import { listConsoleUsers } from '@/lib/auth/console-users';
import { consoleUserInputSchema } from '@/lib/auth/schema';

export const GET = route('access:manage', async () => {
  return Response.json({ users: await listConsoleUsers(await getConnection()) });
});

export const POST = route('access:manage', async (request, _context, principal) => {
  const { value } = await readBody(request, { maxBytes: 16 * 1024, formats: ['json'] });
  const input = parseInput(consoleUserInputSchema, value, 'console user');
  return Response.json(await createConsoleUser(await getConnection(), principal, input), { status: 201 });
});
