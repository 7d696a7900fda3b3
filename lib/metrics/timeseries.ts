import 'server-only';
import { processSingleton } from '@/lib/runtime/singleton';
import { addCounts, bucketIndex, emptyCounts, LAG_BOUNDS_MS, LATENCY_BOUNDS_MS, percentiles, type Percentiles } from './percentiles';

/**
 * The console's charts, from this process's own traffic: per-minute buckets in a ring that holds
 * the last 24 hours. Each bucket's latencies are fixed-bucket histograms, so memory is bounded
 * by retention × endpoints × buckets whatever the traffic, and any range merges exactly.
 *
 * Per process: with several web instances each sees only its share of the traffic (rates are
 * that share; ratios and percentiles estimate the whole). Prometheus (`GET /api/metrics`) is
 * the view across instances. A restart starts the series empty.
 */

const MINUTE_MS = 60_000;
export const RETENTION_MINUTES = 24 * 60;
/** Strategy keys are editor-made; past this many in one minute the rest are pooled. */
const MAX_STRATEGIES_PER_MINUTE = 50;
export const OTHER_STRATEGY = 'other';

interface EndpointStats {
  requests: number;
  /** 5xx: the server failed. */
  errors: number;
  /** 4xx: the client sent something wrong; reported apart so bad clients do not look like outages. */
  clientErrors: number;
  latency: Uint32Array;
}

interface StrategyStats {
  /** Recommendation lists (pages) served. */
  lists: number;
  /** Items shown: CTR's denominator, as in experiment results. */
  impressions: number;
  clicks: number;
}

interface MinuteBucket {
  /** Minutes since the epoch: tells a current slot from one left over from a day ago. */
  minute: number;
  endpoints: Map<string, EndpointStats>;
  cacheHits: number;
  cacheMisses: number;
  eventsIngested: number;
  lag: Uint32Array;
  strategies: Map<string, StrategyStats>;
  /** Clicks whose recommendation id this process did not serve (another instance, or forgotten). */
  unattributedClicks: number;
}

export interface EndpointPoint {
  requests: number;
  qps: number;
  errors: number;
  clientErrors: number;
  /** 5xx share of requests; null without requests. */
  errorRate: number | null;
  latencyMs: Percentiles | null;
}

export interface StrategyPoint {
  lists: number;
  impressions: number;
  clicks: number;
  ctr: number | null;
}

export interface MetricsPoint {
  /** Start of the interval, epoch ms. */
  time: number;
  /** Seconds the interval covers so far (less than the step for the interval still running). */
  seconds: number;
  requests: number;
  qps: number;
  errors: number;
  clientErrors: number;
  errorRate: number | null;
  latencyMs: Percentiles | null;
  /** Keyed `METHOD /route/pattern`. */
  endpoints: Record<string, EndpointPoint>;
  cache: { hits: number; misses: number; hitRate: number | null };
  events: { ingested: number; perSecond: number; lagMs: Percentiles | null };
  ctr: {
    impressions: number;
    /** Every click carrying a recommendation id, attributed to a strategy or not. */
    clicks: number;
    unattributedClicks: number;
    ctr: number | null;
    /** Only clicks on lists this process served can be attributed. */
    byStrategy: Record<string, StrategyPoint>;
  };
}

export interface SeriesRange {
  from: Date | number;
  to: Date | number;
  /** Minutes per point (default 1); points merge their minutes exactly. */
  stepMinutes?: number;
}

export class MetricsTimeSeries {
  private readonly ring: (MinuteBucket | undefined)[];

  constructor(private readonly retentionMinutes = RETENTION_MINUTES) {
    this.ring = new Array<MinuteBucket | undefined>(retentionMinutes);
  }

  recordRequest(endpoint: string, status: number, durationMs: number, now = Date.now()): void {
    const bucket = this.bucketAt(now);
    let stats = bucket.endpoints.get(endpoint);
    if (!stats) bucket.endpoints.set(endpoint, (stats = { requests: 0, errors: 0, clientErrors: 0, latency: emptyCounts(LATENCY_BOUNDS_MS) }));
    stats.requests += 1;
    if (status >= 500) stats.errors += 1;
    else if (status >= 400) stats.clientErrors += 1;
    stats.latency[bucketIndex(LATENCY_BOUNDS_MS, durationMs)]! += 1;
  }

  recordCache(hit: boolean, now = Date.now()): void {
    const bucket = this.bucketAt(now);
    if (hit) bucket.cacheHits += 1;
    else bucket.cacheMisses += 1;
  }

  recordServed(strategy: string, items: number, now = Date.now()): void {
    const stats = this.strategyStats(this.bucketAt(now), strategy);
    stats.lists += 1;
    stats.impressions += items;
  }

  /** `strategy` null: the click's list was not served by this process, or was forgotten. */
  recordClicks(strategy: string | null, clicks: number, now = Date.now()): void {
    const bucket = this.bucketAt(now);
    if (strategy === null) bucket.unattributedClicks += clicks;
    else this.strategyStats(bucket, strategy).clicks += clicks;
  }

  recordIngest(events: number, lagsMs: Iterable<number>, now = Date.now()): void {
    const bucket = this.bucketAt(now);
    bucket.eventsIngested += events;
    for (const lag of lagsMs) bucket.lag[bucketIndex(LAG_BOUNDS_MS, lag)]! += 1;
  }

  /**
   * One point per step from `from` to `to` (minutes overlapping the range, the running one
   * included), clamped to what the ring still holds. Minutes without traffic are zero points,
   * so charts show gaps as zeros rather than joining across them.
   */
  series(range: SeriesRange, now = Date.now()): MetricsPoint[] {
    const step = Math.max(1, Math.floor(range.stepMinutes ?? 1));
    const nowMinute = Math.floor(now / MINUTE_MS);
    const first = Math.max(Math.floor(+range.from / MINUTE_MS), nowMinute - this.retentionMinutes + 1);
    const end = Math.min(Math.ceil(+range.to / MINUTE_MS), nowMinute + 1);
    const points: MetricsPoint[] = [];
    for (let start = first; start < end; start += step) {
      const minutes: MinuteBucket[] = [];
      const stop = Math.min(start + step, end);
      for (let minute = start; minute < stop; minute++) {
        const bucket = this.ring[minute % this.retentionMinutes];
        if (bucket?.minute === minute) minutes.push(bucket);
      }
      const seconds = Math.max(1, (Math.min(stop * MINUTE_MS, now) - start * MINUTE_MS) / 1000);
      points.push(summarise(start * MINUTE_MS, seconds, minutes));
    }
    return points;
  }

  private bucketAt(now: number): MinuteBucket {
    const minute = Math.floor(now / MINUTE_MS);
    const slot = minute % this.retentionMinutes;
    const current = this.ring[slot];
    if (current?.minute === minute) return current;
    const fresh: MinuteBucket = {
      minute,
      endpoints: new Map(),
      cacheHits: 0,
      cacheMisses: 0,
      eventsIngested: 0,
      lag: emptyCounts(LAG_BOUNDS_MS),
      strategies: new Map(),
      unattributedClicks: 0,
    };
    this.ring[slot] = fresh;
    return fresh;
  }

  private strategyStats(bucket: MinuteBucket, strategy: string): StrategyStats {
    const key = bucket.strategies.has(strategy) || bucket.strategies.size < MAX_STRATEGIES_PER_MINUTE ? strategy : OTHER_STRATEGY;
    let stats = bucket.strategies.get(key);
    if (!stats) bucket.strategies.set(key, (stats = { lists: 0, impressions: 0, clicks: 0 }));
    return stats;
  }
}

function summarise(time: number, seconds: number, minutes: MinuteBucket[]): MetricsPoint {
  const endpoints = new Map<string, EndpointStats>();
  const strategies = new Map<string, StrategyStats>();
  const lag = emptyCounts(LAG_BOUNDS_MS);
  let hits = 0;
  let misses = 0;
  let ingested = 0;
  let unattributedClicks = 0;
  for (const bucket of minutes) {
    for (const [key, stats] of bucket.endpoints) {
      let merged = endpoints.get(key);
      if (!merged) endpoints.set(key, (merged = { requests: 0, errors: 0, clientErrors: 0, latency: emptyCounts(LATENCY_BOUNDS_MS) }));
      merged.requests += stats.requests;
      merged.errors += stats.errors;
      merged.clientErrors += stats.clientErrors;
      addCounts(merged.latency, stats.latency);
    }
    for (const [key, stats] of bucket.strategies) {
      const merged = strategies.get(key) ?? { lists: 0, impressions: 0, clicks: 0 };
      strategies.set(key, { lists: merged.lists + stats.lists, impressions: merged.impressions + stats.impressions, clicks: merged.clicks + stats.clicks });
    }
    addCounts(lag, bucket.lag);
    hits += bucket.cacheHits;
    misses += bucket.cacheMisses;
    ingested += bucket.eventsIngested;
    unattributedClicks += bucket.unattributedClicks;
  }

  const overall: EndpointStats = { requests: 0, errors: 0, clientErrors: 0, latency: emptyCounts(LATENCY_BOUNDS_MS) };
  const endpointPoints: Record<string, EndpointPoint> = {};
  for (const [key, stats] of endpoints) {
    endpointPoints[key] = endpointPoint(stats, seconds);
    overall.requests += stats.requests;
    overall.errors += stats.errors;
    overall.clientErrors += stats.clientErrors;
    addCounts(overall.latency, stats.latency);
  }

  const byStrategy: Record<string, StrategyPoint> = {};
  let impressions = 0;
  let attributedClicks = 0;
  for (const [key, stats] of strategies) {
    byStrategy[key] = { ...stats, ctr: ratio(stats.clicks, stats.impressions) };
    impressions += stats.impressions;
    attributedClicks += stats.clicks;
  }
  const clicks = attributedClicks + unattributedClicks;

  return {
    time,
    seconds,
    ...endpointPoint(overall, seconds),
    endpoints: endpointPoints,
    cache: { hits, misses, hitRate: ratio(hits, hits + misses) },
    events: { ingested, perSecond: ingested / seconds, lagMs: percentiles(LAG_BOUNDS_MS, lag) },
    ctr: { impressions, clicks, unattributedClicks, ctr: ratio(clicks, impressions), byStrategy },
  };
}

function endpointPoint(stats: EndpointStats, seconds: number): EndpointPoint {
  return {
    requests: stats.requests,
    qps: stats.requests / seconds,
    errors: stats.errors,
    clientErrors: stats.clientErrors,
    errorRate: ratio(stats.errors, stats.requests),
    latencyMs: percentiles(LATENCY_BOUNDS_MS, stats.latency),
  };
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** The process's one series: every route bundle and the direct routes must write the same ring. */
export function metricsTimeSeries(): MetricsTimeSeries {
  return processSingleton('metrics-timeseries', () => new MetricsTimeSeries());
}

/** The console's chart data for a range of the last 24 hours. */
export function metricsSeries(range: SeriesRange): MetricsPoint[] {
  return metricsTimeSeries().series(range);
}
