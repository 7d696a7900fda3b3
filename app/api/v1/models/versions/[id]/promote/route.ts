import { getConnection } from '@/db';
import type { IdRouteContext } from '@/lib/api/context';
import { withRegistryErrors } from '@/lib/api/registry-errors';
import { route } from '@/lib/api/route';
import { numericPathId } from '@/lib/api/validate';
import { recordAudit } from '@/lib/auth/audit';
import { activeVersion, promoteVersion } from '@/lib/models/registry';
import { toModelVersion } from '@/lib/models/versions';

/**
 * Makes this version the active one. It is loaded whole first (409, and marked failed, when it
 * cannot be); promoting the active version verifies it the same way and otherwise changes nothing.
 */
export const POST = route('models:operate', async (_request, context: IdRouteContext, principal) => {
  const id = await numericPathId(context, 'model version');
  const conn = await getConnection();
  const previous = await activeVersion(conn);
  const version = await withRegistryErrors(async () => promoteVersion(conn, id, principal));
  if (previous?.id !== version.id) {
    await recordAudit(conn, principal, { action: 'model.promote', targetType: 'model_version', targetId: version.id, details: { from_version: previous?.id ?? null } });
  }
  return Response.json(toModelVersion(version));
});
