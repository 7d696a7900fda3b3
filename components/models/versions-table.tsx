'use client';

import { useState } from 'react';
import { formatNumber, formatPercent } from '@/components/charts/format';
import { DataTable, type Column } from '@/components/ui/data-table';
import { offlineMetrics, type ModelVersion } from '@/lib/models/versions';
import { LocalTime } from './local-time';
import styles from './models.module.css';
import { StatusBadge } from './status-badge';

interface VersionsTableProps {
  versions: ModelVersion[];
  /** Present when the viewer may promote: the button per promotable version. */
  renderPromote?: (version: ModelVersion) => React.ReactNode;
}

const STATUS_FILTERS = ['all', 'active', 'candidate', 'archived', 'failed'] as const;

function AnnRecall({ recall, ef }: { recall: number | null; ef: number | null }) {
  if (recall === null) return '—';
  return (
    <span className={styles.nowrap}>
      {formatPercent(recall)}
      {ef !== null && <span className={styles.stage}> · ef {ef}</span>}
    </span>
  );
}

/** Every version with its offline metrics and ANN recall; filter by status, sort by any metric. */
export function VersionsTable({ versions, renderPromote }: VersionsTableProps) {
  const [status, setStatus] = useState<(typeof STATUS_FILTERS)[number]>('all');
  const columns: Column<ModelVersion>[] = [
    { key: 'id', header: 'Version', render: (version) => `v${version.id}`, sortValue: (version) => version.id },
    { key: 'status', header: 'Status', render: (version) => <StatusBadge status={version.status} />, sortValue: (version) => version.status },
    { key: 'ndcg', header: 'NDCG@10', numeric: true, render: (version) => formatNumber(offlineMetrics(version).ndcg, 4), sortValue: (version) => offlineMetrics(version).ndcg },
    {
      key: 'popularity_ndcg',
      header: 'Popularity NDCG@10',
      numeric: true,
      render: (version) => formatNumber(offlineMetrics(version).popularityNdcg, 4),
      sortValue: (version) => offlineMetrics(version).popularityNdcg,
    },
    { key: 'recall', header: 'Recall@10', numeric: true, render: (version) => formatNumber(offlineMetrics(version).recall, 4), sortValue: (version) => offlineMetrics(version).recall },
    { key: 'precision', header: 'Precision@10', numeric: true, render: (version) => formatNumber(offlineMetrics(version).precision, 4), sortValue: (version) => offlineMetrics(version).precision },
    {
      key: 'ann_factors',
      header: 'ANN recall (CF)',
      numeric: true,
      render: (version) => <AnnRecall recall={offlineMetrics(version).annRecallFactors} ef={offlineMetrics(version).annEfFactors} />,
      sortValue: (version) => offlineMetrics(version).annRecallFactors,
    },
    {
      key: 'ann_content',
      header: 'ANN recall (content)',
      numeric: true,
      render: (version) => <AnnRecall recall={offlineMetrics(version).annRecallContent} ef={offlineMetrics(version).annEfContent} />,
      sortValue: (version) => offlineMetrics(version).annRecallContent,
    },
    {
      key: 'data',
      header: 'Trained on',
      numeric: true,
      render: (version) => (version.counts.events ? <span className={styles.nowrap}>{version.counts.events.toLocaleString('en-US')} events</span> : '—'),
      sortValue: (version) => version.counts.events ?? null,
    },
    { key: 'created', header: 'Created', render: (version) => <span className={styles.nowrap}><LocalTime iso={version.created_at} /></span>, sortValue: (version) => version.created_at },
    ...(renderPromote ? [{ key: 'actions', header: '', render: renderPromote }] : []),
  ];
  return (
    <>
      <div className="toolbar">
        <select className="select" value={status} onChange={(event) => setStatus(event.target.value as typeof status)} aria-label="Status">
          {STATUS_FILTERS.map((option) => (
            <option key={option} value={option}>
              {option === 'all' ? 'All statuses' : option}
            </option>
          ))}
        </select>
      </div>
      <DataTable
        rows={versions}
        columns={columns}
        rowKey={(version) => version.id}
        initialSort={{ key: 'id', direction: 'desc' }}
        filter={status === 'all' ? undefined : (version) => version.status === status}
      />
    </>
  );
}
