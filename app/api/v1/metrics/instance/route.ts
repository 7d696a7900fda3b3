import { route } from '@/lib/api/route';
import { parseQuery } from '@/lib/api/validate';
import { instanceDashboard } from '@/lib/metrics/dashboard';
import { rangeQuerySchema } from '@/lib/metrics/ranges';

export const dynamic = 'force-dynamic';

/**
 * This process's own traffic over `range` (1h, 6h, 24h, 7d): rates, error rate, latency
 * percentiles per endpoint, cache hit rate, ingest rate and lag, plus the active model's age and
 * catalogue coverage. Per instance and since its start; `GET /api/metrics` is the Prometheus view.
 */
export const GET = route('metrics:read', async (request) => {
  const { range } = parseQuery(rangeQuerySchema, new URL(request.url).searchParams);
  return Response.json(await instanceDashboard(range), { headers: { 'cache-control': 'no-store' } });
});
