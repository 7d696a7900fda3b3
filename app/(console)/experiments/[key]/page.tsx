import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ExperimentActions } from '@/components/experiments/experiment-actions';
import { ExperimentResults } from '@/components/experiments/experiment-results';
import { ExperimentSetup } from '@/components/experiments/experiment-setup';
import { shortDate } from '@/components/experiments/format';
import { StatusBadge } from '@/components/experiments/status-badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { getConnection } from '@/db';
import { requireConsoleUser } from '@/lib/auth/guard';
import { can } from '@/lib/auth/principal';
import { slug, toExperimentJson } from '@/lib/experiments/schema';
import { getExperiment } from '@/lib/experiments/store';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Experiment' };

export default async function ExperimentPage({ params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const user = await requireConsoleUser('experiments:read', `/experiments/${encodeURIComponent(key)}`);
  const parsed = slug.safeParse(key);
  if (!parsed.success) notFound();
  const found = await getExperiment((await getConnection()).db, parsed.data);
  if (!found) notFound();
  const experiment = toExperimentJson(found);
  const canWrite = can(user, 'experiments:write');

  return (
    <>
      <PageHeader
        title={experiment.name}
        subtitle={
          <>
            <Link href="/experiments">Experiments</Link> / <code>{experiment.key}</code> · <StatusBadge status={experiment.status} />
            {experiment.started_at && ` · started ${shortDate(experiment.started_at)}`}
            {experiment.stopped_at && ` · stopped ${shortDate(experiment.stopped_at)}`}
          </>
        }
        actions={canWrite && <ExperimentActions experimentKey={experiment.key} status={experiment.status} />}
      />
      {experiment.shipped_variant && (
        <div className="success-box" style={{ marginBottom: 16 }}>
          Shipped: variant <strong>{experiment.shipped_variant}</strong> (strategy <code>{experiment.variants.find((variant) => variant.key === experiment.shipped_variant)?.strategy}</code>) was made the default for everyone.
        </div>
      )}
      <ExperimentSetup experiment={experiment} />
      {experiment.status === 'draft' ? (
        <div className="card">
          <EmptyState title="Not started yet">Results appear here once the experiment starts and users are served its variants.</EmptyState>
        </div>
      ) : (
        <ExperimentResults experiment={experiment} canWrite={canWrite} />
      )}
    </>
  );
}
