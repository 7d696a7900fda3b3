import { route } from '@/lib/api/route';
import { withServingErrors } from '@/lib/api/serving-errors';
import { parseQuery } from '@/lib/api/validate';
import { explainItem } from '@/lib/serving/inspect';
import { explainQuerySchema } from '@/lib/serving/schema';

export const dynamic = 'force-dynamic';

/** Why an item would or would not be shown to a user: position, score breakdown, reasons. */
export const GET = route('feeds:explain', async (request) => {
  const { user, item } = parseQuery(explainQuerySchema, new URL(request.url).searchParams);
  return Response.json(await withServingErrors(() => explainItem(user, item)), { headers: { 'cache-control': 'no-store' } });
});
