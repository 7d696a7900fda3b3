import { route } from '@/lib/api/route';
import { parseQuery } from '@/lib/api/validate';
import { explainFeedQuerySchema } from '@/lib/recommend/why-not';
import { explainFeed } from '@/lib/serving/inspect';

export const dynamic = 'force-dynamic';

/** The user's feed as it would be served now, each item with reasons, sources and its score breakdown; nothing is logged. */
export const GET = route('feeds:explain', async (request) => {
  const { user, n } = parseQuery(explainFeedQuerySchema, new URL(request.url).searchParams);
  return Response.json(await explainFeed(user, n), { headers: { 'cache-control': 'no-store' } });
});
