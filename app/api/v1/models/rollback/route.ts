import { getConnection } from '@/db';
import { withRegistryErrors } from '@/lib/api/registry-errors';
import { route } from '@/lib/api/route';
import { recordAudit } from '@/lib/auth/audit';
import { activeVersion, rollbackVersion } from '@/lib/models/registry';
import { toModelVersion } from '@/lib/models/versions';

/** Re-activates the version that was active before the current one, passing over versions that cannot be loaded. */
export const POST = route('models:operate', async (_request, _context, principal) => {
  const conn = await getConnection();
  const previous = await activeVersion(conn);
  const restored = await withRegistryErrors(async () => rollbackVersion(conn, principal));
  await recordAudit(conn, principal, { action: 'model.rollback', targetType: 'model_version', targetId: restored.id, details: { from_version: previous?.id ?? null } });
  return Response.json(toModelVersion(restored));
});
