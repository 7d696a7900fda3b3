import { getReadConnection } from '@/db';
import { route } from '@/lib/api/route';
import { parseQuery } from '@/lib/api/validate';
import { ctrSeries } from '@/lib/console/overview';
import type { CtrSeriesResponse } from '@/lib/metrics/ctr-series';
import { rangeQuerySchema, rangeWindow } from '@/lib/metrics/ranges';

export const dynamic = 'force-dynamic';

/** Click-through rate over `range`, overall and per strategy, from the impressions log (every instance). */
export const GET = route('metrics:read', async (request) => {
  const { range } = parseQuery(rangeQuerySchema, new URL(request.url).searchParams);
  const window = rangeWindow(range, Date.now());
  const series = await ctrSeries(await getReadConnection(), window);
  const body: CtrSeriesResponse = { range, from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString(), step_seconds: window.stepMinutes * 60, ...series };
  return Response.json(body, { headers: { 'cache-control': 'no-store' } });
});
