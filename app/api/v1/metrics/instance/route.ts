import { route } from '@/lib/api/route';
import { parseQuery } from '@/lib/api/validate';
import { currentGauges } from '@/lib/metrics/gauges';
import { instanceOverview } from '@/lib/metrics/dashboard';
import { rangeQuerySchema } from '@/lib/metrics/ranges';

export const dynamic = 'force-dynamic';

/**
 * This process's own traffic over `range` (1h, 6h, 24h, 7d): rates, error rate, latency
 * percentiles per endpoint, cache hit rate, ingest rate and lag, plus the active model's age and
 * catalogue coverage. Per instance and since its start; `GET /api/metrics` is the Prometheus view.
 */
export const GET = route('metrics:read', async (request) => {
  const { range } = parseQuery(rangeQuerySchema, new URL(request.url).searchParams);
  const gauges = await currentGauges();
  return Response.json(
    {
      ...instanceOverview(range),
      gauges: {
        model: gauges.model && { version: gauges.model.version, created_at: gauges.model.createdAt, age_seconds: gauges.model.ageSeconds },
        coverage: { served_items: gauges.coverage.servedItems, servable_items: gauges.coverage.servableItems, ratio: gauges.coverage.ratio },
      },
    },
    { headers: { 'cache-control': 'no-store' } },
  );
});
