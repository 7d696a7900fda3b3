import Link from 'next/link';
import { notFound } from 'next/navigation';
import { shortDate } from '@/components/experiments/format';
import { StrategyEditor } from '@/components/experiments/strategy-editor';
import { PageHeader } from '@/components/ui/page-header';
import { getConnection } from '@/db';
import { requireConsoleUser } from '@/lib/auth/guard';
import { can } from '@/lib/auth/principal';
import { slug } from '@/lib/experiments/schema';
import { toStrategyJson } from '@/lib/experiments/strategy-schema';
import { defaultStrategyKey, getStrategy, strategyHistory } from '@/lib/strategies/store';
import { strategiesInUse } from '@/lib/strategies/usage';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Strategy' };

export default async function StrategyPage({ params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const user = await requireConsoleUser('experiments:read', `/experiments/strategies/${encodeURIComponent(key)}`);
  const parsed = slug.safeParse(key);
  if (!parsed.success) notFound();
  const conn = await getConnection();
  const strategy = await getStrategy(conn, parsed.data);
  if (!strategy) notFound();
  const [versions, defaultKey, inUse] = await Promise.all([strategyHistory(conn, strategy.key), defaultStrategyKey(conn.db), strategiesInUse(conn.db)]);
  const json = toStrategyJson(strategy, defaultKey);
  const canWrite = can(user, 'experiments:write');

  return (
    <>
      <PageHeader
        title={strategy.name}
        subtitle={
          <>
            <Link href="/experiments/strategies">Strategies</Link> / <code>{strategy.key}</code> · version {strategy.version}
            {json.is_default && (
              <>
                {' '}
                · <span className="badge badge-good">default</span>
              </>
            )}
          </>
        }
        actions={
          canWrite && (
            <Link className="button button-secondary" href={`/experiments/strategies/new?from=${strategy.key}`}>
              Duplicate
            </Link>
          )
        }
      />
      {canWrite ? (
        <StrategyEditor strategy={json} initialConfig={strategy.config} servedBy={inUse[strategy.key] ?? []} suggestUsers={can(user, 'users:read')} />
      ) : (
        <section className="card" style={{ marginBottom: 16 }}>
          <h2>Config</h2>
          <pre style={{ margin: 0 }}>
            <code>{JSON.stringify(strategy.config, null, 2)}</code>
          </pre>
        </section>
      )}
      <section className="card">
        <h2>Versions</h2>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>Version</th>
                <th>Name</th>
                <th>Saved</th>
                <th>Config</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((version) => (
                <tr key={version.version}>
                  <td>v{version.version}</td>
                  <td>{version.name}</td>
                  <td className="subtle">{shortDate(version.createdAt.toISOString())}</td>
                  <td>
                    <details>
                      <summary className="subtle">show</summary>
                      <pre style={{ margin: 0 }}>
                        <code>{JSON.stringify(version.config, null, 2)}</code>
                      </pre>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
