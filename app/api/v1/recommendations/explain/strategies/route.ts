import { route } from '@/lib/api/route';
import { parseQuery } from '@/lib/api/validate';
import { feedsByStrategy } from '@/lib/serving/inspect';
import { strategyFeedsQuerySchema } from '@/lib/serving/schema';

export const dynamic = 'force-dynamic';

/** A user's feed under each of up to three stored strategies, side by side; nothing is served or logged. */
export const GET = route('feeds:explain', async (request) => {
  const { user, strategies, n } = parseQuery(strategyFeedsQuerySchema, new URL(request.url).searchParams);
  return Response.json(await feedsByStrategy(user, strategies, n), { headers: { 'cache-control': 'no-store' } });
});
