import { getConnection } from '@/db';
import { route } from '@/lib/api/route';
import { parseQuery } from '@/lib/api/validate';
import { modelVersionsQuerySchema } from '@/lib/models/schema';
import { listVersions } from '@/lib/models/registry';
import { toModelVersion } from '@/lib/models/versions';

export const GET = route('models:read', async (request) => {
  const { limit } = parseQuery(modelVersionsQuerySchema, new URL(request.url).searchParams);
  return Response.json({ versions: (await listVersions(await getConnection(), limit)).map(toModelVersion) }, { headers: { 'cache-control': 'no-store' } });
});
