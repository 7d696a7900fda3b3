import { getConnection } from '@/db';
import type { IdRouteContext } from '@/lib/api/context';
import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/route';
import { numericPathId } from '@/lib/api/validate';
import { revokeApiKey } from '@/lib/auth/api-keys';
import { recordAudit } from '@/lib/auth/audit';

/** Revokes the key: requests with it are refused from now on. */
export const DELETE = route('access:manage', async (_request, context: IdRouteContext, principal) => {
  const id = await numericPathId(context, 'API key');
  const conn = await getConnection();
  const key = await revokeApiKey(conn, id);
  if (!key) throw ApiError.notFound('API key', String(id));
  await recordAudit(conn, principal, { action: 'api_key.revoke', targetType: 'api_key', targetId: id, details: { name: key.name } });
  return Response.json(key);
});
