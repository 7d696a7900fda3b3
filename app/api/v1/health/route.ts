import { route } from '@/lib/api/route';
import { checkHealth } from '@/lib/health/check';

export const dynamic = 'force-dynamic';

/** 200 while requests can be served (even degraded); 503 when the database is gone or the process is shutting down. */
export const GET = route('public', async () => {
  const health = await checkHealth();
  return Response.json(health, { status: health.status === 'down' || health.status === 'stopping' ? 503 : 200, headers: { 'cache-control': 'no-store' } });
});
