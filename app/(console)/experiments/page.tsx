import Link from 'next/link';
import { ExperimentList } from '@/components/experiments/experiment-list';
import { PageHeader } from '@/components/ui/page-header';
import { getReadConnection } from '@/db';
import { requireConsoleUser } from '@/lib/auth/guard';
import { can } from '@/lib/auth/principal';
import { experimentSummaries, LIFTS_PER_LIST } from '@/lib/experiments/summaries';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Experiments' };

export default async function ExperimentsPage() {
  const user = await requireConsoleUser('experiments:read', '/experiments');
  const canWrite = can(user, 'experiments:write');
  const { experiments, total, liftsOmitted } = await experimentSummaries(await getReadConnection());
  const running = experiments.filter((experiment) => experiment.status === 'running').length;
  return (
    <>
      <PageHeader
        title="Experiments"
        subtitle={`${total.toLocaleString('en-US')} ${total === 1 ? 'experiment' : 'experiments'}, ${running} running. Lift: the primary metric of the leading variant against control, with its always-valid interval.`}
        actions={
          <>
            <Link className="button button-secondary" href="/experiments/strategies">
              Strategies
            </Link>
            {canWrite && (
              <Link className="button" href="/experiments/new">
                New experiment
              </Link>
            )}
          </>
        }
      />
      <ExperimentList experiments={experiments} canWrite={canWrite} />
      {liftsOmitted > 0 && (
        <p className="subtle">
          Lifts are shown for the {LIFTS_PER_LIST} most relevant experiments; open an experiment for the results of the other {liftsOmitted}.
        </p>
      )}
    </>
  );
}
