import { route } from '@/lib/api/route';

export const dynamic = 'force-dynamic';

/** 200 whenever the process answers at all: a liveness probe restarts the process only when this fails. */
export const GET = route('public', async () => Response.json({ status: 'alive' }, { headers: { 'cache-control': 'no-store' } }));
