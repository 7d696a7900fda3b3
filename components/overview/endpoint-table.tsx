'use client';

import { useState } from 'react';
import { formatMs, formatPercent, formatRate } from '@/components/charts/format';
import { DataTable, type Column } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import type { EndpointSummary } from '@/lib/metrics/dashboard';
import styles from './overview.module.css';

const COLUMNS: Column<EndpointSummary>[] = [
  { key: 'endpoint', header: 'Endpoint', render: (row) => <span className={styles.endpoint}>{row.endpoint}</span>, sortValue: (row) => row.endpoint },
  { key: 'requests', header: 'Requests', numeric: true, render: (row) => row.requests.toLocaleString('en-US'), sortValue: (row) => row.requests },
  { key: 'qps', header: 'Req/s', numeric: true, render: (row) => formatRate(row.qps, ''), sortValue: (row) => row.qps },
  { key: 'errors', header: '5xx', numeric: true, render: (row) => row.errors.toLocaleString('en-US'), sortValue: (row) => row.errors },
  { key: 'client', header: '4xx', numeric: true, render: (row) => row.client_errors.toLocaleString('en-US'), sortValue: (row) => row.client_errors },
  { key: 'error_rate', header: 'Error rate', numeric: true, render: (row) => formatPercent(row.error_rate, 2), sortValue: (row) => row.error_rate },
  { key: 'p50', header: 'p50', numeric: true, render: (row) => formatMs(row.latency_ms?.p50), sortValue: (row) => row.latency_ms?.p50 ?? null },
  { key: 'p95', header: 'p95', numeric: true, render: (row) => formatMs(row.latency_ms?.p95), sortValue: (row) => row.latency_ms?.p95 ?? null },
  { key: 'p99', header: 'p99', numeric: true, render: (row) => formatMs(row.latency_ms?.p99), sortValue: (row) => row.latency_ms?.p99 ?? null },
];

/** Per-endpoint traffic and latency percentiles over the selected range. */
export function EndpointTable({ rows }: { rows: EndpointSummary[] }) {
  const [search, setSearch] = useState('');
  const needle = search.trim().toLowerCase();
  return (
    <section className={`card ${styles.panel}`} aria-label="Endpoints">
      <div className={styles.panelHeader}>
        <h2>Endpoints</h2>
        <input className="input" type="search" placeholder="Filter endpoints" value={search} onChange={(event) => setSearch(event.target.value)} aria-label="Filter endpoints" />
      </div>
      {rows.length === 0 ? (
        <EmptyState title="No API requests in this range">Requests to /api/v1 appear here within a minute.</EmptyState>
      ) : (
        <DataTable rows={rows} columns={COLUMNS} rowKey={(row) => row.endpoint} initialSort={{ key: 'requests', direction: 'desc' }} filter={needle ? (row) => row.endpoint.toLowerCase().includes(needle) : undefined} />
      )}
    </section>
  );
}
