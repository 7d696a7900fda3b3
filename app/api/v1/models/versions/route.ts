import { getConnection } from '@/db';
import { route } from '@/lib/api/route';
import { listVersions } from '@/lib/models/registry';
import { toModelVersion } from '@/lib/models/versions';

export const GET = route('models:read', async () => Response.json({ versions: (await listVersions(await getConnection())).map(toModelVersion) }, { headers: { 'cache-control': 'no-store' } }));
