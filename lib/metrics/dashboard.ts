import 'server-only';
import { currentGauges } from './gauges';
import type { Percentiles } from './percentiles';
import { instanceWindow, rangeWindow, type TimeRange } from './ranges';
import { metricsTimeSeries, RETENTION_MINUTES, type EndpointPoint, type MetricsPoint, type MetricsTimeSeries } from './timeseries';

const MINUTE_MS = 60_000;

/** One chart point of this process's traffic, as the console's API shows it. */
export interface InstancePoint {
  time: number;
  qps: number;
  error_rate: number | null;
  latency_ms: Percentiles | null;
  cache_hit_rate: number | null;
  events_per_second: number;
  lag_ms: Percentiles | null;
  /** Per `METHOD /route`, for the latency chart's endpoint picker. */
  endpoints: Record<string, { qps: number; latency_ms: Percentiles | null }>;
}

export interface EndpointSummary {
  endpoint: string;
  requests: number;
  qps: number;
  errors: number;
  client_errors: number;
  error_rate: number | null;
  latency_ms: Percentiles | null;
}

export interface InstanceOverview {
  range: TimeRange;
  step_seconds: number;
  /** What the numbers cover: this process, from `from` (its start, or the series' retention) to `to`. */
  instance: { started_at: string; from: string; to: string; partial: boolean };
  totals: {
    requests: number;
    qps: number;
    errors: number;
    error_rate: number | null;
    latency_ms: Percentiles | null;
    cache_hits: number;
    cache_misses: number;
    cache_hit_rate: number | null;
    events_ingested: number;
    events_per_second: number;
    lag_ms: Percentiles | null;
  };
  /** Busiest first; percentiles over the whole range, merged exactly from the minute histograms. */
  endpoints: EndpointSummary[];
  points: InstancePoint[];
}

export interface ConsoleGauges {
  /** The active model version and its age; null while none is active. */
  model: { version: number; created_at: string; age_seconds: number } | null;
  /** Distinct items this process served in the last hour, of those servable now. */
  coverage: { served_items: number; servable_items: number | null; ratio: number };
}

export type InstanceDashboard = InstanceOverview & { gauges: ConsoleGauges };

/** The overview's instance half: traffic over the range and the current gauges. */
export async function instanceDashboard(range: TimeRange): Promise<InstanceDashboard> {
  const gauges = await currentGauges();
  return {
    ...instanceOverview(range),
    gauges: {
      model: gauges.model && { version: gauges.model.version, created_at: gauges.model.createdAt, age_seconds: gauges.model.ageSeconds },
      coverage: { served_items: gauges.coverage.servedItems, servable_items: gauges.coverage.servableItems, ratio: gauges.coverage.ratio },
    },
  };
}

/** When this process started: the in-process series begins empty there. */
export function processStartedAt(): number {
  return Date.now() - process.uptime() * 1000;
}

/** This process's traffic over a range: the rates, ratios and percentiles the overview charts. */
export function instanceOverview(range: TimeRange, now = Date.now(), series: MetricsTimeSeries = metricsTimeSeries(), startedAt = processStartedAt()): InstanceOverview {
  const window = instanceWindow(rangeWindow(range, now), startedAt, RETENTION_MINUTES);
  const points = series.series({ from: window.from, to: now, stepMinutes: window.stepMinutes }, now);
  // One step spanning the whole window merges every minute's histograms into exact range-wide percentiles.
  const [whole] = series.series({ from: window.from, to: now, stepMinutes: Math.ceil((now - window.from) / MINUTE_MS) + 1 }, now);
  return {
    range,
    step_seconds: window.stepMinutes * 60,
    instance: { started_at: new Date(startedAt).toISOString(), from: new Date(window.from).toISOString(), to: new Date(now).toISOString(), partial: window.partial },
    totals: whole ? totalsOf(whole) : totalsOf(null),
    endpoints: whole ? endpointSummaries(whole) : [],
    points: points.map(instancePoint),
  };
}

function totalsOf(point: MetricsPoint | null): InstanceOverview['totals'] {
  return {
    requests: point?.requests ?? 0,
    qps: point?.qps ?? 0,
    errors: point?.errors ?? 0,
    error_rate: point?.errorRate ?? null,
    latency_ms: point?.latencyMs ?? null,
    cache_hits: point?.cache.hits ?? 0,
    cache_misses: point?.cache.misses ?? 0,
    cache_hit_rate: point?.cache.hitRate ?? null,
    events_ingested: point?.events.ingested ?? 0,
    events_per_second: point?.events.perSecond ?? 0,
    lag_ms: point?.events.lagMs ?? null,
  };
}

export function endpointSummaries(point: MetricsPoint): EndpointSummary[] {
  return Object.entries(point.endpoints)
    .map(([endpoint, stats]: [string, EndpointPoint]) => ({
      endpoint,
      requests: stats.requests,
      qps: stats.qps,
      errors: stats.errors,
      client_errors: stats.clientErrors,
      error_rate: stats.errorRate,
      latency_ms: stats.latencyMs,
    }))
    .sort((a, b) => b.requests - a.requests || a.endpoint.localeCompare(b.endpoint));
}

function instancePoint(point: MetricsPoint): InstancePoint {
  return {
    time: point.time,
    qps: point.qps,
    error_rate: point.errorRate,
    latency_ms: point.latencyMs,
    cache_hit_rate: point.cache.hitRate,
    events_per_second: point.events.perSecond,
    lag_ms: point.events.lagMs,
    endpoints: Object.fromEntries(Object.entries(point.endpoints).map(([key, stats]) => [key, { qps: stats.qps, latency_ms: stats.latencyMs }])),
  };
}
