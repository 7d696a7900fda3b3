import { getConnection } from '@/db';
import { readBody } from '@/lib/api/body';
import { route } from '@/lib/api/route';
import { parseInput } from '@/lib/api/validate';
import { listApiKeys } from '@/lib/auth/api-keys';
import { createApiKey } from '@/lib/auth/commands';
import { apiKeyInputSchema } from '@/lib/auth/schema';

export const GET = route('access:manage', async () => {
  return Response.json({ keys: await listApiKeys(await getConnection()) });
});

/** The response is the only place the key's secret ever appears. */
export const POST = route('access:manage', async (request, _context, principal) => {
  const { value } = await readBody(request, { maxBytes: 16 * 1024, formats: ['json'] });
  const input = parseInput(apiKeyInputSchema, value, 'API key');
  const { key, secret } = await createApiKey(await getConnection(), principal, input);
  return Response.json({ ...key, secret }, { status: 201 });
});
