import 'server-only';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { getConnection } from '@/db';
import { databaseUsage } from '@/db/client';
import { impressionWriterStats } from '@/lib/impressions';
import { circuitBreakers, type CircuitState } from '@/lib/runtime/circuit-breaker';
import { lastSucceededRunAt } from '@/lib/training/runs';
import { processSingleton } from '@/lib/runtime/singleton';
import { catalogCoverage } from './coverage';
import { activeModel } from './model-age';

/** 1 ms to 5 s: health answers in about a millisecond, a cold feed or a bulk upsert in seconds. */
const HTTP_DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.015, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5];
/** A few ms when clients send events as they happen, up to an hour for late deliveries. */
const LAG_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];
/** A toy catalogue trains in seconds, a large one in tens of minutes. */
const TRAINING_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200];
const CIRCUIT_STATE_VALUES: Record<CircuitState, number> = { closed: 0, 'half-open': 1, open: 2 };

export interface TailorMetrics {
  registry: Registry;
  httpRequests: Counter<'route' | 'method' | 'status'>;
  httpRequestDuration: Histogram<'route' | 'method'>;
  recommendationCache: Counter<'result'>;
  recommendationsServed: Counter<'surface' | 'strategy' | 'fallback'>;
  itemsServed: Counter;
  recommendationClicks: Counter<'strategy'>;
  eventsIngested: Counter<'type'>;
  eventFeatureLag: Histogram;
  modelAge: Gauge<'version'>;
  catalogCoverage: Gauge;
  trainingDuration: Histogram<'outcome'>;
  trainingLastSuccess: Gauge;
  impressionsQueued: Gauge;
  impressionsDropped: Counter<'reason'>;
  circuitState: Gauge<'circuit'>;
  databaseConnections: Gauge<'state'>;
}

/**
 * One registry per process. Next may load this module once per route bundle, and the production
 * server also loads the hot handlers outside Next: module-level metrics would be split between
 * copies, and each scrape would see only one of them.
 */
export function tailorMetrics(): TailorMetrics {
  return processSingleton('metrics-registry', createMetrics);
}

function createMetrics(): TailorMetrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new Counter({
      name: 'tailor_http_requests_total',
      help: 'API requests answered, by route pattern, method and status.',
      labelNames: ['route', 'method', 'status'] as const,
      registers,
    }),
    httpRequestDuration: new Histogram({
      name: 'tailor_http_request_duration_seconds',
      help: 'Time from the request reaching its route handler to the response, by route pattern and method.',
      labelNames: ['route', 'method'] as const,
      buckets: HTTP_DURATION_BUCKETS,
      registers,
    }),
    recommendationCache: new Counter({
      name: 'tailor_recommendation_cache_total',
      help: 'Cacheable first-page recommendation requests, by whether the response cache had the list.',
      labelNames: ['result'] as const,
      registers,
    }),
    recommendationsServed: new Counter({
      name: 'tailor_recommendations_served_total',
      help: 'Recommendation lists (pages) served, by surface (feed, session, similar, trending), strategy and fallback ("none" when the full pipeline served).',
      labelNames: ['surface', 'strategy', 'fallback'] as const,
      registers,
    }),
    itemsServed: new Counter({
      name: 'tailor_items_served_total',
      help: 'Items shown in served recommendation lists (impressions).',
      registers,
    }),
    recommendationClicks: new Counter({
      name: 'tailor_recommendation_clicks_total',
      help: 'Click events carrying a recommendation id, by the strategy that served the list ("unknown" when this process did not serve it or has forgotten it).',
      labelNames: ['strategy'] as const,
      registers,
    }),
    eventsIngested: new Counter({
      name: 'tailor_events_ingested_total',
      help: 'Events newly stored (duplicates excluded), by type.',
      labelNames: ['type'] as const,
      registers,
    }),
    eventFeatureLag: new Histogram({
      name: 'tailor_event_feature_lag_seconds',
      help: "Time from an event's occurred_at (its arrival when the client sent none) to its user's real-time profile update.",
      buckets: LAG_BUCKETS,
      registers,
    }),
    modelAge: new Gauge({
      name: 'tailor_model_age_seconds',
      help: 'Age of the active model version (since it was created); no sample while no version is active.',
      labelNames: ['version'] as const,
      registers,
      async collect() {
        const active = await activeModel();
        // Only the active version has a sample: a promotion must not leave the previous one behind.
        this.reset();
        if (active) this.set({ version: String(active.version) }, Math.max(0, (Date.now() - active.createdAt.getTime()) / 1000));
      },
    }),
    catalogCoverage: new Gauge({
      name: 'tailor_catalog_coverage_ratio',
      help: 'Distinct items this process served in the last hour, over the servable catalogue.',
      registers,
      collect() {
        this.set(catalogCoverage().ratio);
      },
    }),
    trainingDuration: new Histogram({
      name: 'tailor_training_duration_seconds',
      help: 'Duration of training runs this process executed, by outcome (succeeded, failed).',
      labelNames: ['outcome'] as const,
      buckets: TRAINING_BUCKETS,
      registers,
    }),
    trainingLastSuccess: new Gauge({
      name: 'tailor_training_last_success_timestamp_seconds',
      help: 'When the last training run succeeded, whichever process ran it (Unix time); 0 before the first.',
      registers,
      async collect() {
        // Read from the database, not remembered: a restarted worker must not look as if it never trained.
        this.reset();
        const at = await getConnection()
          .then(lastSucceededRunAt)
          .catch(() => null);
        if (at) this.set(at.getTime() / 1000);
      },
    }),
    impressionsQueued: new Gauge({
      name: 'tailor_impressions_queued',
      help: 'Impressions waiting to be written to the database (queued or in flight).',
      registers,
      async collect() {
        this.set((await impressionWriterStats())?.queued ?? 0);
      },
    }),
    impressionsDropped: new Counter({
      name: 'tailor_impressions_dropped_total',
      help: 'Impressions never written: "overflow" when the queue was full (a long database outage) or closed, "rejected" when the database refused the rows.',
      labelNames: ['reason'] as const,
      registers,
      async collect() {
        const stats = await impressionWriterStats();
        // The writer counts; the counter mirrors it (a new writer, after a drain, starts again from zero).
        this.reset();
        this.inc({ reason: 'overflow' }, stats?.dropped ?? 0);
        this.inc({ reason: 'rejected' }, stats?.rejected ?? 0);
      },
    }),
    circuitState: new Gauge({
      name: 'tailor_circuit_state',
      help: 'State of each circuit breaker: 0 closed (the store is used), 1 half-open (one trial call), 2 open (serving without the store).',
      labelNames: ['circuit'] as const,
      registers,
      collect() {
        this.reset();
        for (const [name, breaker] of circuitBreakers()) this.set({ circuit: name.replaceAll(' ', '_') }, CIRCUIT_STATE_VALUES[breaker.state]);
      },
    }),
    databaseConnections: new Gauge({
      name: 'tailor_database_connections',
      help: 'Database pool: "max" is the pool size (1 for the embedded database), "in_use" the statements in flight through the raw query path (drizzle queries are not counted: the drivers expose no pool statistics).',
      labelNames: ['state'] as const,
      registers,
      collect() {
        const usage = databaseUsage();
        this.reset();
        if (usage === null) return;
        this.set({ state: 'max' }, usage.max);
        this.set({ state: 'in_use' }, usage.inFlight);
      },
    }),
  };
}
