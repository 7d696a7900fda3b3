'use client';

import { useState } from 'react';
import { durationAxisFormat, formatPercent, formatRate } from '@/components/charts/format';
import { TimeSeriesChart, type TimePoint } from '@/components/charts/time-series-chart';
import type { InstanceDashboard } from '@/lib/metrics/dashboard';
import { ChartPanel } from './chart-panel';

const ALL_ENDPOINTS = '';

/** The in-process series: traffic, latency (overall or one endpoint), errors, cache, ingest and lag. */
export function InstanceCharts({ data }: { data: InstanceDashboard }) {
  const [endpoint, setEndpoint] = useState(ALL_ENDPOINTS);
  const pick = (toPoint: (point: InstanceDashboard['points'][number]) => Record<string, number | null>): TimePoint[] =>
    data.points.map((point) => ({ time: point.time, ...toPoint(point) }));
  const latency = pick((point) => {
    const percentiles = endpoint === ALL_ENDPOINTS ? point.latency_ms : (point.endpoints[endpoint]?.latency_ms ?? null);
    return { p50: percentiles?.p50 ?? null, p95: percentiles?.p95 ?? null, p99: percentiles?.p99 ?? null };
  });

  const lag = pick((point) => ({ p50: point.lag_ms?.p50 ?? null, p95: point.lag_ms?.p95 ?? null }));

  return (
    <>
      <ChartPanel title="Requests per second">
        <TimeSeriesChart data={pick((point) => ({ qps: point.qps }))} lines={[{ key: 'qps', name: 'Requests/s', color: '#4f46e5' }]} format={(value) => formatRate(value, '')} />
      </ChartPanel>
      <ChartPanel
        title="Latency"
        aside={
          <select className="select" value={endpoint} onChange={(event) => setEndpoint(event.target.value)} aria-label="Endpoint">
            <option value={ALL_ENDPOINTS}>All endpoints</option>
            {data.endpoints.map((row) => (
              <option key={row.endpoint} value={row.endpoint}>
                {row.endpoint}
              </option>
            ))}
          </select>
        }
      >
        <TimeSeriesChart
          data={latency}
          lines={[
            { key: 'p50', name: 'p50', color: '#0ea5e9' },
            { key: 'p95', name: 'p95', color: '#4f46e5' },
            { key: 'p99', name: 'p99', color: '#ef4444', dashed: true },
          ]}
          format={durationAxisFormat(latency.flatMap((point) => [point.p50, point.p95, point.p99]))}
        />
      </ChartPanel>
      <ChartPanel title="Error rate" aside="5xx share of requests">
        <TimeSeriesChart
          data={pick((point) => ({ errors: point.error_rate }))}
          lines={[{ key: 'errors', name: 'Error rate', color: '#d92d20' }]}
          format={(value) => formatPercent(value)}
          domain={[0, (highest: number) => Math.max(highest, 0.01)]}
        />
      </ChartPanel>
      <ChartPanel title="Cache hit rate" aside="cacheable first pages">
        <TimeSeriesChart data={pick((point) => ({ hits: point.cache_hit_rate }))} lines={[{ key: 'hits', name: 'Hit rate', color: '#10b981' }]} format={(value) => formatPercent(value, 0)} domain={[0, 1]} />
      </ChartPanel>
      <ChartPanel title="Event ingest rate">
        <TimeSeriesChart data={pick((point) => ({ events: point.events_per_second }))} lines={[{ key: 'events', name: 'Events/s', color: '#0ea5e9' }]} format={(value) => formatRate(value, '')} />
      </ChartPanel>
      <ChartPanel title="Event-to-feature lag" aside="event time to profile update">
        <TimeSeriesChart
          data={lag}
          lines={[
            { key: 'p50', name: 'p50', color: '#0ea5e9' },
            { key: 'p95', name: 'p95', color: '#f59e0b' },
          ]}
          format={durationAxisFormat(lag.flatMap((point) => [point.p50, point.p95]))}
        />
      </ChartPanel>
    </>
  );
}
