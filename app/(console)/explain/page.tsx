import { PageHeader } from '@/components/ui/page-header';
import { ExplainView } from '@/components/explain/explain-view';
import { requireConsoleUser } from '@/lib/auth/guard';
import { can } from '@/lib/auth/principal';
import { getConnection } from '@/db';
import { listStrategies } from '@/lib/strategies/store';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Explain' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ExplainPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requireConsoleUser('feeds:explain', '/explain');
  const { user } = await searchParams;
  // Roles that may not read experiments type strategy keys instead of choosing from the list.
  const strategies = can(viewer, 'experiments:read') ? await strategyOptions() : null;
  return (
    <>
      <PageHeader title="Explain" subtitle="What a user sees, and why: their profile, live session and feed, item by item." />
      <ExplainView user={typeof user === 'string' && user.trim() !== '' ? user.trim() : null} canReadUsers={can(viewer, 'users:read')} strategies={strategies} />
    </>
  );
}

async function strategyOptions() {
  const { strategies, defaultKey } = await listStrategies(await getConnection());
  return strategies.map((strategy) => ({ key: strategy.key, name: strategy.name, isDefault: strategy.key === defaultKey }));
}
