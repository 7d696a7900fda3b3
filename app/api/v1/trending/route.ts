import { route } from '@/lib/api/route';
import { recommendationJson, withServingErrors } from '@/lib/api/serving-errors';
import { parseQuery } from '@/lib/api/validate';
import { trending } from '@/lib/serving/lists';
import { trendingQuerySchema } from '@/lib/serving/schema';

export const dynamic = 'force-dynamic';

export const GET = route('recommend', async (request) => {
  const query = parseQuery(trendingQuerySchema, new URL(request.url).searchParams);
  return recommendationJson(await withServingErrors(() => trending(query)));
});
