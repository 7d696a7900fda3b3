import Link from 'next/link';
import { ExperimentForm } from '@/components/experiments/experiment-form';
import { PageHeader } from '@/components/ui/page-header';
import { getConnection } from '@/db';
import { requireConsoleUser } from '@/lib/auth/guard';
import { listStrategies } from '@/lib/strategies/store';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'New experiment' };

export default async function NewExperimentPage() {
  await requireConsoleUser('experiments:write', '/experiments/new');
  const { strategies, defaultKey } = await listStrategies(await getConnection());
  return (
    <>
      <PageHeader
        title="New experiment"
        subtitle={
          <>
            Variants serve <Link href="/experiments/strategies">strategies</Link>; the control usually serves the default, <code>{defaultKey}</code>.
          </>
        }
        actions={
          <Link className="button button-secondary" href="/experiments">
            Cancel
          </Link>
        }
      />
      <ExperimentForm strategies={strategies.map((strategy) => strategy.key)} defaultStrategy={defaultKey} />
    </>
  );
}
