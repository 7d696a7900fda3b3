import { getConnection } from '@/db';
import { withRegistryErrors } from '@/lib/api/registry-errors';
import { route } from '@/lib/api/route';
import { rollbackVersion } from '@/lib/models/registry';
import { toModelVersion } from '@/lib/models/versions';

/** Re-activates the version that was active before the current one. */
export const POST = route('models:operate', async () => Response.json(toModelVersion(await withRegistryErrors(async () => rollbackVersion(await getConnection())))));
