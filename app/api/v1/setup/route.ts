import { getConnection } from '@/db';
import { readBody } from '@/lib/api/body';
import { route } from '@/lib/api/route';
import { parseInput } from '@/lib/api/validate';
import { setUpFirstAdmin } from '@/lib/auth/commands';
import { setupRequestSchema } from '@/lib/auth/schema';

/** Spends the one-time set-up token on the first admin account. */
export const POST = route('public', async (request) => {
  const { value } = await readBody(request, { maxBytes: 16 * 1024, formats: ['json'] });
  const { token, ...account } = parseInput(setupRequestSchema, value, 'set-up request');
  return Response.json(await setUpFirstAdmin(await getConnection(), token, account), { status: 201 });
});
