import type { IdRouteContext } from '@/lib/api/context';
import { route } from '@/lib/api/route';
import { recommendationJson, withServingErrors } from '@/lib/api/serving-errors';
import { parseQuery, pathId } from '@/lib/api/validate';
import { similarTo } from '@/lib/serving/lists';
import { similarQuerySchema } from '@/lib/serving/schema';

export const dynamic = 'force-dynamic';

/** "You may also like": neighbours and content matches, so new items have answers too. */
export const GET = route('recommend', async (request, context: IdRouteContext) => {
  const id = await pathId(context);
  const query = parseQuery(similarQuerySchema, new URL(request.url).searchParams);
  return recommendationJson(await withServingErrors(() => similarTo(id, query)));
});
