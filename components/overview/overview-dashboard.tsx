'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDuration, formatMs, formatPercent, formatRate } from '@/components/charts/format';
import { ErrorState, LoadingState } from '@/components/ui/query-state';
import { Stat } from '@/components/ui/stat';
import { consoleApi, unwrap } from '@/lib/console/api-client';
import type { InstanceDashboard } from '@/lib/metrics/dashboard';
import type { TimeRange } from '@/lib/metrics/ranges';
import { CtrChart } from './ctr-chart';
import { EndpointTable } from './endpoint-table';
import { InstanceCharts } from './instance-charts';
import { RangePicker } from './range-picker';
import { RefreshControl } from './refresh-control';
import styles from './overview.module.css';

const REFRESH_SECONDS = 15;

/** The operator's live view: this instance's traffic, CTR from the impressions log, and the serving gauges. */
export function OverviewDashboard() {
  const [range, setRange] = useState<TimeRange>('1h');
  const [autoRefresh, setAutoRefresh] = useState(true);
  const refetchInterval = autoRefresh ? REFRESH_SECONDS * 1000 : false;
  const instance = useQuery({
    queryKey: ['metrics', 'instance', range],
    queryFn: () => unwrap(consoleApi.GET('/api/v1/metrics/instance', { params: { query: { range } } })),
    refetchInterval,
    placeholderData: keepPreviousData,
  });
  const ctr = useQuery({
    queryKey: ['metrics', 'ctr', range],
    queryFn: () => unwrap(consoleApi.GET('/api/v1/metrics/ctr', { params: { query: { range } } })),
    refetchInterval,
    placeholderData: keepPreviousData,
  });

  return (
    <section aria-label="Live metrics" data-range={instance.data?.range ?? ''} data-ctr-range={ctr.data?.range ?? ''}>
      <div className={styles.toolbar}>
        <RangePicker value={range} onChange={setRange} />
        <RefreshControl
          enabled={autoRefresh}
          onToggle={setAutoRefresh}
          intervalSeconds={REFRESH_SECONDS}
          fetching={instance.isFetching || ctr.isFetching}
          updatedAt={Math.max(instance.dataUpdatedAt, ctr.dataUpdatedAt)}
        />
      </div>
      {instance.isPending ? (
        <LoadingState label="Loading metrics…" />
      ) : instance.isError ? (
        <ErrorState error={instance.error} onRetry={() => void instance.refetch()} />
      ) : (
        <>
          <ScopeNote data={instance.data} />
          <div className={`grid grid-stats ${styles.stats}`}>
            <Stat label="Requests per second" value={formatRate(instance.data.totals.qps)} note={`${instance.data.totals.requests.toLocaleString('en-US')} requests`} />
            <Stat label="p95 latency" value={formatMs(instance.data.totals.latency_ms?.p95)} note={`p50 ${formatMs(instance.data.totals.latency_ms?.p50)} · p99 ${formatMs(instance.data.totals.latency_ms?.p99)}`} />
            <Stat label="Error rate (5xx)" value={formatPercent(instance.data.totals.error_rate, 2)} note={`${instance.data.totals.errors.toLocaleString('en-US')} server errors`} />
            <Stat label="Click-through rate" value={formatPercent(ctr.data?.totals.ctr, 2)} note={ctr.data ? `${ctr.data.totals.clicks.toLocaleString('en-US')} clicks, all instances` : 'loading…'} />
            <Stat label="Cache hit rate" value={formatPercent(instance.data.totals.cache_hit_rate)} note={`${(instance.data.totals.cache_hits + instance.data.totals.cache_misses).toLocaleString('en-US')} cacheable lookups`} />
            <Stat label="Event ingest" value={formatRate(instance.data.totals.events_per_second)} note={`${instance.data.totals.events_ingested.toLocaleString('en-US')} events stored`} />
            <Stat label="Event-to-feature lag" value={formatMs(instance.data.totals.lag_ms?.p95)} note={`p95 · p50 ${formatMs(instance.data.totals.lag_ms?.p50)}`} />
            <Stat
              label="Model freshness"
              value={instance.data.gauges.model ? formatDuration(instance.data.gauges.model.age_seconds) : 'No model'}
              note={instance.data.gauges.model ? `active version v${instance.data.gauges.model.version}` : 'serving popular fallback'}
            />
            <Stat
              label="Catalog coverage"
              value={formatPercent(instance.data.gauges.coverage.ratio)}
              note={instance.data.gauges.coverage.servable_items === null ? 'nothing served yet' : `${instance.data.gauges.coverage.served_items.toLocaleString('en-US')} of ${instance.data.gauges.coverage.servable_items.toLocaleString('en-US')} servable, last hour`}
            />
          </div>
          <div className="chart-grid">
            <CtrChart query={ctr} />
            <InstanceCharts data={instance.data} />
          </div>
          <EndpointTable rows={instance.data.endpoints} />
        </>
      )}
    </section>
  );
}

function ScopeNote({ data }: { data: InstanceDashboard }) {
  const uptimeSeconds = (Date.parse(data.instance.to) - Date.parse(data.instance.started_at)) / 1000;
  return (
    <p className={styles.scope}>
      Traffic, latency, errors, cache, ingest and lag cover <strong>this instance</strong>
      {data.instance.partial ? `, since it started ${formatDuration(uptimeSeconds)} ago` : ''} (per-minute series held in memory for 24 h; Prometheus at{' '}
      <code>/api/metrics</code> sums all instances). Click-through rate comes from the impressions log and covers every instance.
    </p>
  );
}
