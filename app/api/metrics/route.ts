import { route } from '@/lib/api/route';
import { tailorMetrics } from '@/lib/metrics/registry';

export const dynamic = 'force-dynamic';

/**
 * Prometheus scrape endpoint: this process's metrics in the text exposition format. Each instance
 * answers for itself; Prometheus sums across instances. Not counted in the request metrics.
 */
export const GET = route('public', async () => {
  const { registry } = tailorMetrics();
  return new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' } });
});
