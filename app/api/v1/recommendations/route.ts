import { route } from '@/lib/api/route';
import { recommendationJson, withServingErrors } from '@/lib/api/serving-errors';
import { parseQuery } from '@/lib/api/validate';
import { recommendFeed } from '@/lib/serving/feed';
import { feedQuerySchema } from '@/lib/serving/schema';

export const dynamic = 'force-dynamic';

/** The personalised feed ("For you"), or an item page's recommendations with context=item. */
export const GET = route('recommend', async (request) => {
  const { user, ...query } = parseQuery(feedQuerySchema, new URL(request.url).searchParams);
  return recommendationJson(await withServingErrors(() => recommendFeed({ userId: user, query, surface: 'feed' })));
});
