import { getConnection } from '@/db';
import type { IdRouteContext } from '@/lib/api/context';
import { route } from '@/lib/api/route';
import { numericPathId } from '@/lib/api/validate';
import { revokeApiKey } from '@/lib/auth/commands';

/** Revokes the key: requests with it are refused from now on. */
export const DELETE = route('access:manage', async (_request, context: IdRouteContext, principal) => {
  const id = await numericPathId(context, 'API key');
  return Response.json(await revokeApiKey(await getConnection(), principal, id));
});
