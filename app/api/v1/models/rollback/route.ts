import { getConnection } from '@/db';
import { route } from '@/lib/api/route';
import { rollbackModel } from '@/lib/models/commands';
import { toModelVersion } from '@/lib/models/versions';

/** Re-activates the version that was active before the current one, passing over versions that cannot be loaded. */
export const POST = route('models:operate', async (_request, _context, principal) => {
  return Response.json(toModelVersion(await rollbackModel(await getConnection(), principal)));
});
