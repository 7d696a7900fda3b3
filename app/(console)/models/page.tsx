import { ModelsView } from '@/components/models/models-view';
import { getConnection } from '@/db';
import { requireConsoleUser } from '@/lib/auth/guard';
import { can } from '@/lib/auth/principal';
import { listVersions } from '@/lib/models/registry';
import { toModelVersion } from '@/lib/models/versions';
import { listRuns, toTrainingRun } from '@/lib/training/runs';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Models' };

export default async function ModelsPage() {
  const user = await requireConsoleUser('models:read', '/models');
  const conn = await getConnection();
  const [runs, versions] = await Promise.all([listRuns(conn), listVersions(conn)]);
  return <ModelsView initialRuns={runs.map(toTrainingRun)} initialVersions={versions.map(toModelVersion)} canOperate={can(user, 'models:operate')} />;
}
