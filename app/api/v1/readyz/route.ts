import { route } from '@/lib/api/route';
import { checkReadiness } from '@/lib/health/check';

export const dynamic = 'force-dynamic';

/** 200 while this process should receive traffic; 503 with the reasons while it should not (database gone, model loading, draining). */
export const GET = route('public', async () => {
  const { ready, reasons } = await checkReadiness();
  return Response.json(ready ? { status: 'ready' } : { status: 'not_ready', reasons }, { status: ready ? 200 : 503, headers: { 'cache-control': 'no-store' } });
});
