import { getConnection } from '@/db';
import { route } from '@/lib/api/route';
import { listRuns, toTrainingRun } from '@/lib/training/runs';

export const GET = route('models:read', async () => Response.json({ runs: (await listRuns(await getConnection())).map(toTrainingRun) }, { headers: { 'cache-control': 'no-store' } }));
