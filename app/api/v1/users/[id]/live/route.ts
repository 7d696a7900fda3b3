import { getConnection } from '@/db';
import type { IdRouteContext } from '@/lib/api/context';
import { route } from '@/lib/api/route';
import { pathId } from '@/lib/api/validate';
import { liveProfile } from '@/lib/users/store';

export const dynamic = 'force-dynamic';

/** The real-time profile serving reads: recent interactions, the current session, category affinities now. */
export const GET = route('users:read', async (_request, context: IdRouteContext) => {
  const id = await pathId(context);
  return Response.json(await liveProfile(await getConnection(), id), { headers: { 'cache-control': 'no-store' } });
});
