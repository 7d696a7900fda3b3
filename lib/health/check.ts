import 'server-only';
import { getConnection } from '@/db';
import { getCache } from '@/lib/cache';
import { getConfig } from '@/lib/config';

export interface DependencyHealth {
  status: 'up' | 'down';
  kind: string;
  latency_ms: number | null;
  error?: string;
}

export interface Health {
  status: 'ok' | 'degraded' | 'down';
  version: string;
  build: string;
  started_at: string;
  uptime_seconds: number;
  database: DependencyHealth;
  cache: DependencyHealth;
}

const CHECK_TIMEOUT_MS = 2_000;

export async function checkHealth(): Promise<Health> {
  const config = getConfig();
  const [database, cache] = await Promise.all([
    probe(config.database.kind, async () => {
      const started = performance.now();
      await (await getConnection()).query('select 1');
      return performance.now() - started;
    }),
    probe(config.redis ? 'redis' : 'memory', () => getCache().ping()),
  ]);
  const uptime = process.uptime();
  return {
    // Without the database nothing works; without the cache requests still succeed, only slower.
    status: database.status === 'down' ? 'down' : cache.status === 'down' ? 'degraded' : 'ok',
    version: config.version,
    build: config.build,
    started_at: new Date(Date.now() - uptime * 1000).toISOString(),
    uptime_seconds: Math.round(uptime),
    database,
    cache,
  };
}

async function probe(kind: string, measure: () => Promise<number>): Promise<DependencyHealth> {
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
