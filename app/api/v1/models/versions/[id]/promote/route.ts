import { getConnection } from '@/db';
import type { IdRouteContext } from '@/lib/api/context';
import { withRegistryErrors } from '@/lib/api/registry-errors';
import { route } from '@/lib/api/route';
import { numericPathId } from '@/lib/api/validate';
import { promoteVersion } from '@/lib/models/registry';
import { toModelVersion } from '@/lib/models/versions';

/** Makes this version the active one; its artifact is verified first. */
export const POST = route('models:operate', async (_request, context: IdRouteContext) => {
  const id = await numericPathId(context);
  const version = await withRegistryErrors(async () => promoteVersion(await getConnection(), id));
  return Response.json(toModelVersion(version));
});
