'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { DataTable, type Column } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { consoleApi, unwrap } from '@/lib/console/api-client';
import type { StrategyJson } from '@/lib/experiments/strategy-schema';
import styles from './experiments.module.css';
import { enabledSources } from './strategy-config';

interface StrategyListProps {
  strategies: StrategyJson[];
  inUse: Record<string, string[]>;
  canWrite: boolean;
}

export function StrategyList({ strategies, inUse, canWrite }: StrategyListProps) {
  const router = useRouter();
  const [search, setSearch] = useState('');
  const makeDefault = useMutation({
    mutationFn: (key: string) => unwrap(consoleApi.POST('/api/v1/strategies/{id}/default', { params: { path: { id: key } } })),
    onSuccess: () => router.refresh(),
  });
  const needle = search.trim().toLowerCase();

  const columns: Column<StrategyJson>[] = [
    {
      key: 'key',
      header: 'Strategy',
      sortValue: (row) => row.key,
      render: (row) => (
        <div>
          <Link href={`/experiments/strategies/${row.key}`} style={{ fontWeight: 550 }}>
            {row.name}
          </Link>{' '}
          {row.is_default && <span className="badge badge-good">default</span>} {row.preset && <span className="badge badge-muted">preset</span>}
          <div className="subtle">
            <code>{row.key}</code> · v{row.version}
          </div>
        </div>
      ),
    },
    { key: 'description', header: 'Description', render: (row) => <span className="subtle">{row.description || '—'}</span> },
    {
      key: 'sources',
      header: 'Sources',
      render: (row) => (
        <div className="tags">
          {enabledSources(row.config).map((source) => (
            <span key={source} className="badge badge-muted">
              {source}
            </span>
          ))}
        </div>
      ),
    },
    { key: 'ranker', header: 'Ranker', sortValue: (row) => row.config.ranker, render: (row) => (row.config.ranker === 'active' ? 'Learned' : 'Blend') },
    { key: 'diversity', header: 'Diversity λ', numeric: true, sortValue: (row) => row.config.diversityLambda, render: (row) => row.config.diversityLambda?.toFixed(2) ?? <span className="subtle">default</span> },
    { key: 'exploration', header: 'Exploration', numeric: true, sortValue: (row) => row.config.explorationShare, render: (row) => `${Math.round(row.config.explorationShare * 100)}%` },
    {
      key: 'use',
      header: 'Live experiments',
      sortValue: (row) => inUse[row.key]?.length ?? 0,
      render: (row) =>
        inUse[row.key] ? (
          <div className="tags">
            {inUse[row.key]!.map((experiment) => (
              <Link key={experiment} className="badge" href={`/experiments/${experiment}`}>
                {experiment}
              </Link>
            ))}
          </div>
        ) : (
          <span className="subtle">—</span>
        ),
    },
    ...(canWrite
      ? [
          {
            key: 'actions',
            header: '',
            render: (row: StrategyJson) =>
              !row.is_default && (
                <button type="button" className={`button button-secondary button-small ${styles.nowrap}`} disabled={makeDefault.isPending} onClick={() => makeDefault.mutate(row.key)}>
                  Make default
                </button>
              ),
          },
        ]
      : []),
  ];

  if (strategies.length === 0) return <EmptyState title="No strategies">Every preset was deleted; create a strategy to serve.</EmptyState>;
  return (
    <>
      <div className="toolbar">
        <input className="input" type="search" placeholder="Search strategies" aria-label="Search strategies" value={search} onChange={(event) => setSearch(event.target.value)} />
        {makeDefault.error && (
          <span className="error-box" role="alert" style={{ padding: '6px 10px' }}>
            {makeDefault.error.message}
          </span>
        )}
      </div>
      <div className="card" style={{ padding: 0 }}>
        <DataTable
          rows={strategies}
          columns={columns}
          rowKey={(row) => row.key}
          initialSort={{ key: 'key', direction: 'asc' }}
          filter={(row) => needle === '' || `${row.key} ${row.name} ${row.description}`.toLowerCase().includes(needle)}
          empty={<EmptyState title="No strategies match" />}
        />
      </div>
    </>
  );
}
