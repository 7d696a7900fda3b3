import { getConnection } from '@/db';
import type { IdRouteContext } from '@/lib/api/context';
import { route } from '@/lib/api/route';
import { numericPathId } from '@/lib/api/validate';
import { promoteModel } from '@/lib/models/commands';
import { toModelVersion } from '@/lib/models/versions';

/**
 * Makes this version the active one. It is loaded whole first (409, and marked failed, when it
 * cannot be); promoting the active version verifies it the same way and otherwise changes nothing.
 */
export const POST = route('models:operate', async (_request, context: IdRouteContext, principal) => {
  const id = await numericPathId(context, 'model version');
  return Response.json(toModelVersion(await promoteModel(await getConnection(), principal, id)));
});
