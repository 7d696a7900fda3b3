import Link from 'next/link';
import { StrategyList } from '@/components/experiments/strategy-list';
import { PageHeader } from '@/components/ui/page-header';
import { getConnection } from '@/db';
import { requireConsoleUser } from '@/lib/auth/guard';
import { can } from '@/lib/auth/principal';
import { toStrategyJson } from '@/lib/experiments/strategy-schema';
import { listStrategies } from '@/lib/strategies/store';
import { strategiesInUse } from '@/lib/strategies/usage';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Strategies' };

export default async function StrategiesPage() {
  const user = await requireConsoleUser('experiments:read', '/experiments/strategies');
  const canWrite = can(user, 'experiments:write');
  const conn = await getConnection();
  const [{ strategies, defaultKey }, inUse] = await Promise.all([listStrategies(conn), strategiesInUse(conn.db)]);
  return (
    <>
      <PageHeader
        title="Strategies"
        subtitle={
          <>
            <Link href="/experiments">Experiments</Link> / What each variant serves. Everyone outside an experiment gets the default, <code>{defaultKey}</code>.
          </>
        }
        actions={
          canWrite && (
            <Link className="button" href="/experiments/strategies/new">
              New strategy
            </Link>
          )
        }
      />
      <StrategyList strategies={strategies.map((strategy) => toStrategyJson(strategy, defaultKey))} inUse={inUse} canWrite={canWrite} />
    </>
  );
}
