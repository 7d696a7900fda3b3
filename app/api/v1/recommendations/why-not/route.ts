import { route } from '@/lib/api/route';
import { withServingErrors } from '@/lib/api/serving-errors';
import { parseQuery } from '@/lib/api/validate';
import { whyNotQuerySchema } from '@/lib/recommend/why-not';
import { explainWhyNot } from '@/lib/serving/inspect';

export const dynamic = 'force-dynamic';

/** Why an item is not among the first `n` of a user's feed: unavailable, blocked, seen, not a candidate, or ranked below the cut. */
export const GET = route('feeds:explain', async (request) => {
  const { user, item, n } = parseQuery(whyNotQuerySchema, new URL(request.url).searchParams);
  return Response.json(await withServingErrors(() => explainWhyNot(user, item, n)), { headers: { 'cache-control': 'no-store' } });
});
