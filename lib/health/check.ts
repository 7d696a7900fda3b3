import 'server-only';
import { getConnection } from '@/db';
import { getCache } from '@/lib/cache';
import { signInCounter, type SignInCountingHealth } from '@/lib/auth/sign-in-counter';
import { getConfig } from '@/lib/config';
import { getFeatureStore } from '@/lib/realtime';
import { isShuttingDown } from '@/lib/runtime/shutdown';
import { servingModel, servingModelFallback, servingStateErrors } from '@/lib/serving/state';

export interface DependencyHealth {
  status: 'up' | 'down';
  kind: string;
  latency_ms: number | null;
  error?: string;
}

export interface Health {
  /** `stopping`: the process received SIGTERM and is draining; send no new requests here. */
  status: 'ok' | 'degraded' | 'down' | 'stopping';
  version: string;
  build: string;
  started_at: string;
  uptime_seconds: number;
  database: DependencyHealth;
  cache: DependencyHealth;
  /** Where sign-in attempts are counted: in-process while the shared cache is down. */
  sign_in_limits: SignInCountingHealth;
  serving: ServingHealth;
}

export interface CircuitReport {
  kind: string;
  state: string;
  last_error: string | null;
}

/** What recommendations are served from right now, and which fallbacks are in force. */
export interface ServingHealth {
  model_version: number | null;
  /** Degraded when the version served is not the active one, because that one cannot be loaded. */
  model: { degraded: boolean; active_version: number | null; serving_version: number | null; reason: string | null };
  /** Circuit of the real-time feature store: open means requests are served without it. */
  feature_store: CircuitReport;
  /** Circuit of the response cache: open means every feed is computed, none read from the cache. */
  response_cache: CircuitReport;
  fallbacks: string[];
}

const CHECK_TIMEOUT_MS = 2_000;

/** Whether a load balancer should send this process requests; `reasons` says why not. */
export interface Readiness {
  ready: boolean;
  reasons: string[];
}

/**
 * Ready when the database answers, the serving model state is loaded (a model, or no model at all:
 * a process with no trained model yet, or whose active version cannot be loaded, serves its
 * intended fallback) and the process is not draining. Cheaper than `checkHealth`: no cache ping,
 * no fallback list.
 */
export async function checkReadiness(): Promise<Readiness> {
  const config = getConfig();
  const [database, model] = await Promise.all([probe(config.database.kind, pingDatabase), probe('model', loadServingModel)]);
  const reasons = [
    ...(database.status === 'down' ? [`database: ${database.error}`] : []),
    ...(model.status === 'down' ? [`model: not loaded yet (${model.error})`] : []),
    // Read last, so a check under way when the signal came answers that the process is stopping.
    ...(isShuttingDown() ? ['stopping: the process is draining'] : []),
  ];
  return { ready: reasons.length === 0, reasons };
}

/** Resolves once the serving model state is loaded, whatever it holds; the latency is not reported. */
async function loadServingModel(): Promise<number> {
  await servingModel();
  return 0;
}

async function pingDatabase(): Promise<number> {
  const started = performance.now();
  await (await getConnection()).query('select 1');
  return performance.now() - started;
}

export async function checkHealth(): Promise<Health> {
  const config = getConfig();
  const [database, cache] = await Promise.all([
    probe(config.database.kind, pingDatabase),
    probe(config.redis ? 'redis' : 'memory', () => getCache().ping()),
  ]);
  const serving = await servingHealth();
  const uptime = process.uptime();
  return {
    status: overallStatus(database, cache, serving),
    version: config.version,
    build: config.build,
    started_at: new Date(Date.now() - uptime * 1000).toISOString(),
    uptime_seconds: Math.round(uptime),
    database,
    cache,
    serving,
    sign_in_limits: signInCounter().health(),
  };
}

function overallStatus(database: DependencyHealth, cache: DependencyHealth, serving: ServingHealth): Health['status'] {
  // Read last, so a check that was under way when the signal came answers that the process is stopping.
  if (isShuttingDown()) return 'stopping';
  // Without the database nothing works; without the cache or a model requests still succeed, from fallbacks.
  if (database.status === 'down') return 'down';
  return cache.status === 'down' || serving.fallbacks.length > 0 ? 'degraded' : 'ok';
}

async function servingHealth(): Promise<ServingHealth> {
  const store = getFeatureStore();
  const circuit = store.health();
  const cache = getCache();
  const cacheCircuit = cache.health();
  const model = await servingModel().catch(() => null);
  const modelFallback = await servingModelFallback().catch(() => null);
  const errors = servingStateErrors();
  const fallbacks = [
    ...(model ? [] : ['no_model: serving popular items']),
    ...(modelFallback ? [`model: serving ${model ? `version ${model.versionId}` : 'no version'} in place of the active one (${modelFallback.reason})`] : []),
    ...(model && !model.ranker ? ['ranker: serving candidate scores'] : []),
    ...(circuit.state === 'closed' ? [] : ['feature_store: serving without real-time features']),
    ...(cacheCircuit.state === 'closed' ? [] : ['response_cache: computing every response']),
    ...(errors.catalog ? ['catalog: serving the last catalogue read'] : []),
  ];
  return {
    model_version: model?.versionId ?? null,
    model: {
      degraded: modelFallback !== null,
      active_version: modelFallback ? modelFallback.activeVersion : (model?.versionId ?? null),
      serving_version: model?.versionId ?? null,
      reason: modelFallback?.reason ?? null,
    },
    feature_store: { kind: store.kind, state: circuit.state, last_error: circuit.lastError },
    response_cache: { kind: cache.kind, state: cacheCircuit.state, last_error: cacheCircuit.lastError },
    fallbacks,
  };
}

export async function probe(kind: string, measure: () => Promise<number>): Promise<DependencyHealth> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    const latency = await Promise.race([measure(), timeout]);
    return { status: 'up', kind, latency_ms: Math.round(latency * 100) / 100 };
  } catch (error) {
    return { status: 'down', kind, latency_ms: null, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
