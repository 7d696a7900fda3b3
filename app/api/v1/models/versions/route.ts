import { z } from 'zod';
import { getConnection } from '@/db';
import { pageLimit } from '@/lib/api/fields';
import { route } from '@/lib/api/route';
import { parseQuery } from '@/lib/api/validate';
import { listVersions } from '@/lib/models/registry';
import { toModelVersion } from '@/lib/models/versions';

const versionsQuerySchema = z.object({ limit: pageLimit(200, 50) }).strict();

export const GET = route('models:read', async (request) => {
  const { limit } = parseQuery(versionsQuerySchema, new URL(request.url).searchParams);
  return Response.json({ versions: (await listVersions(await getConnection(), limit)).map(toModelVersion) }, { headers: { 'cache-control': 'no-store' } });
});
