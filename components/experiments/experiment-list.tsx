'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { DataTable, type Column } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import type { ExperimentSummary } from '@/lib/experiments/summaries';
import { EXPERIMENT_STATUSES, type ExperimentStatus } from '@/lib/experiments/types';
import styles from './experiments.module.css';
import { METRIC_LABELS, shortDate } from './format';
import { LayerAllocation } from './layer-allocation';
import { LiftCell } from './lift-cell';
import { StatusBadge } from './status-badge';

const STATUS_ORDER: Record<ExperimentStatus, number> = { running: 0, paused: 1, draft: 2, stopped: 3 };

const COLUMNS: Column<ExperimentSummary>[] = [
  {
    key: 'name',
    header: 'Experiment',
    sortValue: (row) => row.name.toLowerCase(),
    render: (row) => (
      <div>
        <Link href={`/experiments/${row.key}`} style={{ fontWeight: 550 }}>
          {row.name}
        </Link>
        <div className="subtle">
          <code>{row.key}</code> · {row.variants.length} variants{row.type === 'bandit' && ' · bandit'}
        </div>
      </div>
    ),
  },
  { key: 'status', header: 'Status', sortValue: (row) => STATUS_ORDER[row.status], render: (row) => <StatusBadge status={row.status} /> },
  { key: 'metric', header: 'Primary metric', sortValue: (row) => row.primary_metric, render: (row) => METRIC_LABELS[row.primary_metric as keyof typeof METRIC_LABELS] ?? row.primary_metric },
  { key: 'lift', header: 'Lift vs control', numeric: true, sortValue: (row) => row.primary_lift?.relative_lift ?? null, render: (row) => <LiftCell lift={row.primary_lift} /> },
  { key: 'users', header: 'Users', numeric: true, sortValue: (row) => row.primary_lift?.users ?? null, render: (row) => (row.primary_lift ? row.primary_lift.users.toLocaleString('en-US') : <span className="subtle">—</span>) },
  {
    key: 'layer',
    header: 'Layer',
    sortValue: (row) => row.layer,
    render: (row) => (
      <span>
        {row.layer} <span className="subtle">· {row.coverage_percent}%</span>
      </span>
    ),
  },
  { key: 'started', header: 'Started', sortValue: (row) => row.started_at, render: (row) => <span className="subtle">{shortDate(row.started_at)}</span> },
];

export function ExperimentList({ experiments, canWrite }: { experiments: ExperimentSummary[]; canWrite: boolean }) {
  const [status, setStatus] = useState<ExperimentStatus | 'all'>('all');
  const [search, setSearch] = useState('');
  const counts = useMemo(() => Object.fromEntries(EXPERIMENT_STATUSES.map((value) => [value, experiments.filter((row) => row.status === value).length])), [experiments]);
  const needle = search.trim().toLowerCase();
  const filter = (row: ExperimentSummary) => (status === 'all' || row.status === status) && (needle === '' || `${row.key} ${row.name} ${row.hypothesis}`.toLowerCase().includes(needle));

  if (experiments.length === 0) {
    return (
      <div className="card">
        <EmptyState title="No experiments yet">
          {canWrite ? (
            <p>
              Compare strategies on live traffic: <Link href="/experiments/new">create the first experiment</Link>.
            </p>
          ) : (
            <p>A product manager creates experiments here.</p>
          )}
        </EmptyState>
      </div>
    );
  }

  return (
    <>
      <div className="tabs" role="tablist" aria-label="Status">
        {(['all', ...EXPERIMENT_STATUSES] as const).map((value) => (
          <button key={value} type="button" role="tab" className={`tab ${styles.tabButton}`} aria-selected={status === value} onClick={() => setStatus(value)}>
            {value === 'all' ? `All (${experiments.length})` : `${value[0]!.toUpperCase()}${value.slice(1)} (${counts[value]})`}
          </button>
        ))}
      </div>
      <div className="toolbar">
        <input className="input" type="search" placeholder="Search key, name or hypothesis" aria-label="Search experiments" value={search} onChange={(event) => setSearch(event.target.value)} />
      </div>
      <LayerAllocation experiments={experiments} />
      <div className="card" style={{ padding: 0 }}>
        <DataTable rows={experiments} columns={COLUMNS} rowKey={(row) => row.key} filter={filter} initialSort={{ key: 'status', direction: 'asc' }} empty={<EmptyState title="No experiments match">Try another status or search.</EmptyState>} />
      </div>
    </>
  );
}
