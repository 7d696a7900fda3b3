import { getConnection } from '@/db';
import type { IdRouteContext } from '@/lib/api/context';
import { ApiError } from '@/lib/api/errors';
import { route } from '@/lib/api/route';
import { parseQuery, pathId } from '@/lib/api/validate';
import { itemStatsQuerySchema } from '@/lib/catalog/schema';
import { itemStats } from '@/lib/catalog/stats';
import { getItem } from '@/lib/catalog/store';

export const dynamic = 'force-dynamic';

/** Impressions, clicks and CTR per day over the last `days` (30 by default). */
export const GET = route('catalog:read', async (request, context: IdRouteContext) => {
  const id = await pathId(context);
  const { days } = parseQuery(itemStatsQuerySchema, new URL(request.url).searchParams);
  const conn = await getConnection();
  if (!(await getItem(conn, id))) throw ApiError.notFound('item', id);
  return Response.json(await itemStats(conn, id, days));
});
