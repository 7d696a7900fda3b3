import { getConnection } from '@/db';
import { route } from '@/lib/api/route';
import { parseQuery } from '@/lib/api/validate';
import { listAudit } from '@/lib/auth/audit';
import { auditQuerySchema } from '@/lib/auth/schema';

/** Who changed what, newest first. */
export const GET = route('access:manage', async (request) => {
  const query = parseQuery(auditQuerySchema, new URL(request.url).searchParams);
  const { entries, total } = await listAudit(await getConnection(), query);
  return Response.json({ entries, total, limit: query.limit, offset: query.offset });
});
