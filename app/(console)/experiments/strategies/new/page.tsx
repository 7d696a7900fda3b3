import Link from 'next/link';
import { StrategyEditor } from '@/components/experiments/strategy-editor';
import { PageHeader } from '@/components/ui/page-header';
import { getConnection } from '@/db';
import { requireConsoleUser } from '@/lib/auth/guard';
import { can } from '@/lib/auth/principal';
import { slug } from '@/lib/experiments/schema';
import { DEFAULT_STRATEGY_KEY, PRESET_STRATEGIES } from '@/lib/strategies/schema';
import { getStrategy } from '@/lib/strategies/store';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'New strategy' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** `?from=<key>` starts from a copy of that strategy's config. */
export default async function NewStrategyPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireConsoleUser('experiments:write', '/experiments/strategies/new');
  const from = slug.safeParse((await searchParams).from);
  const source = from.success ? await getStrategy(await getConnection(), from.data) : null;
  return (
    <>
      <PageHeader
        title="New strategy"
        subtitle={
          <>
            <Link href="/experiments/strategies">Strategies</Link> / {source ? `Starting from ${source.name} (v${source.version})` : 'Starting from the hybrid preset'}
          </>
        }
      />
      <StrategyEditor initialConfig={source?.config ?? PRESET_STRATEGIES[DEFAULT_STRATEGY_KEY]} suggestUsers={can(user, 'users:read')} />
    </>
  );
}
