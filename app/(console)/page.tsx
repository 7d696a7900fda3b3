import { DailyEventsChart } from '@/components/charts/daily-events-chart';
import { RankedBarChart } from '@/components/charts/ranked-bar-chart';
import { OverviewDashboard } from '@/components/overview/overview-dashboard';
import styles from '@/components/overview/overview.module.css';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Stat } from '@/components/ui/stat';
import { getReadConnection } from '@/db';
import { catalogTotals, dailyEvents, eventTypeMix } from '@/lib/console/overview';
import { requireConsoleUser } from '@/lib/auth/guard';
import { checkHealth } from '@/lib/health/check';
import { overviewStatus } from '@/lib/console/status';
import { instanceOverview } from '@/lib/metrics/dashboard';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Overview' };

export default async function OverviewPage() {
  await requireConsoleUser('metrics:read', '/');
  const conn = await getReadConnection();
  const [totals, daily, mix, health] = await Promise.all([catalogTotals(conn), dailyEvents(conn, 30), eventTypeMix(conn, 30), checkHealth()]);
  const status = overviewStatus(health, instanceOverview('1h').totals.lag_ms?.p95 ?? null);
  return (
    <>
      <PageHeader
        title="Overview"
        subtitle="How Tailor is serving, and what it knows."
        actions={
          <span className={`badge badge-${status.tone}`} title={status.reasons.join('\n') || undefined} data-testid="status-badge">
            <span className="dot" /> {status.label}
          </span>
        }
      />
      <OverviewDashboard />
      <h2 className={styles.sectionTitle}>Data</h2>
      <div className="grid grid-stats" style={{ marginBottom: 16 }}>
        <Stat label="Items" value={totals.items} note={`${totals.hiddenItems.toLocaleString('en-US')} hidden · ${totals.categories} categories`} />
        <Stat label="Users" value={totals.users} />
        <Stat label="Events" value={totals.events} note={`${totals.eventsLastDay.toLocaleString('en-US')} in the last 24 h`} />
        <Stat label="Storage" value={health.database.kind === 'pglite' ? 'Embedded' : 'PostgreSQL'} note={`database ${health.database.status} · cache ${health.cache.kind} ${health.cache.status}`} />
      </div>
      {totals.events === 0 ? (
        <div className="card">
          <EmptyState title="No events yet">
            Send interactions to <code>POST /api/v1/events</code>, or load a dataset with <code>npm run import</code>.
          </EmptyState>
        </div>
      ) : (
        <div className="grid grid-2">
          <section className="card">
            <h2>Events per day, last 30 days</h2>
            <DailyEventsChart data={daily} />
          </section>
          <section className="card">
            <h2>Event types, last 30 days</h2>
            <RankedBarChart data={mix.map((entry) => ({ label: entry.type, value: entry.events }))} name="Events" />
          </section>
        </div>
      )}
    </>
  );
}
