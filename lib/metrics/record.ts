import 'server-only';
import type { NewEvent } from '@/lib/events/schema';
import { log } from '@/lib/runtime/log';
import { processSingleton } from '@/lib/runtime/singleton';
import type { CatalogMirror } from '@/lib/serving/catalog';
import { noteServedItems } from './coverage';
import { BoundedMap } from './recent';
import { tailorMetrics } from './registry';
import { OTHER_ROUTE, routePattern } from './route-pattern';
import { metricsTimeSeries } from './timeseries';

/**
 * The recording side of the server's instrumentation: each call updates both the Prometheus
 * registry (scraped, summed across instances) and this process's per-minute series (the console).
 * Recording never throws: a metrics bug must not cost a request its answer.
 */

/**
 * Recommendation ids of recently served lists → their strategy, so a click can be credited to it
 * without a database lookup on ingest. Per process: behind a load balancer a click reaches the
 * instance that served its list only by chance, and those clicks count as unattributed; so do
 * clicks on lists older than the last 100,000 served here, and clicks after a restart.
 */
const MAX_REMEMBERED_LISTS = 100_000;
/** Route patterns are bounded by the route files; this guards against a pattern the normaliser misses. */
const MAX_ROUTE_LABELS = 200;
const UNKNOWN_STRATEGY = 'unknown';

interface RecordingState {
  strategies: BoundedMap<string, string>;
  routes: Set<string>;
}

function recordingState(): RecordingState {
  return processSingleton<RecordingState>('metrics-recording', () => ({ strategies: new BoundedMap(MAX_REMEMBERED_LISTS), routes: new Set() }));
}

function safely(what: string, record: () => void): void {
  try {
    record();
  } catch (error) {
    log.warn(`metrics: recording ${what} failed`, error);
  }
}

/** One answered API request. `durationMs` is the handler's time, from the wrapper's start to its response. */
export function recordHttpRequest(request: Request, status: number, durationMs: number): void {
  safely('a request', () => {
    const pattern = routePattern(request.url);
    if (pattern === null) return;
    const route = boundedRoute(pattern);
    const { method } = request;
    const metrics = tailorMetrics();
    metrics.httpRequests.inc({ route, method, status: String(status) });
    metrics.httpRequestDuration.observe({ route, method }, durationMs / 1000);
    metricsTimeSeries().recordRequest(`${method} ${route}`, status, durationMs);
  });
}

function boundedRoute(pattern: string): string {
  const { routes } = recordingState();
  if (routes.has(pattern)) return pattern;
  if (routes.size >= MAX_ROUTE_LABELS) return OTHER_ROUTE;
  routes.add(pattern);
  return pattern;
}

/** Whether a cacheable first page was answered from the response cache. */
export function recordRecommendationCache(hit: boolean): void {
  safely('a cache lookup', () => {
    tailorMetrics().recommendationCache.inc({ result: hit ? 'hit' : 'miss' });
    metricsTimeSeries().recordCache(hit);
  });
}

/** Where a list was served: the personal feed, an anonymous session, an item's similar items, or trending. */
export type ServingSurface = 'feed' | 'session' | 'similar' | 'trending';

export interface ServedList {
  recommendationId: string;
  surface: ServingSurface;
  strategy: string;
  fallback: string | null;
  itemIds: readonly string[];
  /** The catalogue the list was checked against: coverage's denominator. */
  catalog: CatalogMirror;
}

/** One served page of recommendations: impressions for CTR, the strategy for later clicks, items for coverage. */
export function recordRecommendationServed(list: ServedList): void {
  safely('a served list', () => {
    const metrics = tailorMetrics();
    metrics.recommendationsServed.inc({ surface: list.surface, strategy: list.strategy, fallback: list.fallback ?? 'none' });
    metrics.itemsServed.inc(list.itemIds.length);
    metricsTimeSeries().recordServed(list.strategy, list.itemIds.length);
    recordingState().strategies.set(list.recommendationId, list.strategy);
    noteServedItems(list.itemIds, list.catalog);
  });
}

/**
 * Newly stored events (duplicates excluded), once their users' real-time profiles are updated at
 * `featuresAt`: ingest rate per type, clicks on recommendations per strategy, and each event's
 * lag from when it happened to when serving can see it. An event timestamped later than its
 * arrival (client clock skew) counts as no lag.
 */
export function recordEventsIngested(events: readonly NewEvent[], featuresAt = Date.now()): void {
  safely('ingested events', () => {
    if (events.length === 0) return;
    const metrics = tailorMetrics();
    const series = metricsTimeSeries();
    const { strategies } = recordingState();
    const byType = new Map<string, number>();
    const clicks = new Map<string | null, number>();
    const lagsMs: number[] = [];
    for (const event of events) {
      byType.set(event.type, (byType.get(event.type) ?? 0) + 1);
      if (event.type === 'click' && event.recommendationId !== null) {
        const strategy = strategies.get(event.recommendationId) ?? null;
        clicks.set(strategy, (clicks.get(strategy) ?? 0) + 1);
      }
      const lagMs = Math.max(0, featuresAt - event.occurredAt.getTime());
      lagsMs.push(lagMs);
      metrics.eventFeatureLag.observe(lagMs / 1000);
    }
    for (const [type, count] of byType) metrics.eventsIngested.inc({ type }, count);
    for (const [strategy, count] of clicks) {
      metrics.recommendationClicks.inc({ strategy: strategy ?? UNKNOWN_STRATEGY }, count);
      series.recordClicks(strategy, count);
    }
    series.recordIngest(events.length, lagsMs);
  });
}

/** A training run this process executed, finished: its duration by outcome. */
export function recordTrainingRun(outcome: 'succeeded' | 'failed', startedAt: Date, finishedAt: Date): void {
  safely('a training run', () => tailorMetrics().trainingDuration.observe({ outcome }, (finishedAt.getTime() - startedAt.getTime()) / 1000));
}
