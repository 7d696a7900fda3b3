import { getReadConnection } from '@/db';
import type { IdRouteContext } from '@/lib/api/context';
import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/route';
import { pathId } from '@/lib/api/validate';
import { exportUser } from '@/lib/users/store';

export const dynamic = 'force-dynamic';

/** Everything stored about the user (profile, preferences, events, impressions, experiment exposures, live profile) as a JSON download. */
export const GET = route('users:read', async (_request, context: IdRouteContext) => {
  const id = await pathId(context);
  const data = await exportUser(await getReadConnection(), id);
  if (!data) throw ApiError.notFound('user', id);
  const filename = `user-${id.replace(/[^A-Za-z0-9._-]/g, '_')}.json`;
  return Response.json(data, { headers: { 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' } });
});
