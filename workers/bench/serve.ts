/**
 * `npm run bench:serve`: the feed endpoint under load, on the production server with PostgreSQL
 * and Redis. It seeds a synthetic world (100,000 items, 50,000 users, 2,000,000 events by
 * default) into a scratch database, trains and promotes a model, starts the server, then drives
 * `GET /api/v1/recommendations` at fixed rates over many distinct users, and the health route
 * for the server's own ceiling.
 *
 *   npm run bench:serve -- [--rates 250,500] [--duration 60] [--reuse] [--events 2000000] ...
 *
 * `--reuse` keeps the scratch database from an earlier run when it already has an active model.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startServerProcess } from '../server-process';
import { trackProgress } from '../cli/progress';
import { fixedRate, maxRate, type LoadResult } from './load';
import { createScratchDatabase, scratchDatabaseUrl } from './scratch-database';

const optionsSchema = z.object({
  'admin-url': z.string().default('postgres://postgres@127.0.0.1:5432/postgres'),
  'redis-url': z.string().default('redis://127.0.0.1:6379'),
  items: z.coerce.number().int().min(100).default(100_000),
  users: z.coerce.number().int().min(100).default(50_000),
  events: z.coerce.number().int().min(1_000).default(2_000_000),
  rates: z
    .string()
    .default('250,500')
    .transform((list) => list.split(',').map(Number))
    .pipe(z.array(z.number().positive()).min(1)),
  duration: z.coerce.number().int().min(1).default(60),
  'max-seconds': z.coerce.number().int().min(1).default(20),
  connections: z.coerce.number().int().min(1).default(32),
  port: z.coerce.number().int().default(3200),
  reuse: z.boolean().default(false),
});

type Options = z.infer<typeof optionsSchema>;

const DATABASE = 'tailor_bench_serve';

async function prepareWorld(options: Options, url: string): Promise<void> {
  process.env.DATABASE_URL = url;
  // Imported after DATABASE_URL is set: the config module reads the environment once.
  const { getConnection, closeConnection } = await import('@/db');
  const { seedDemoWorld } = await import('@/lib/demo/seed');
  const { activeVersion } = await import('@/lib/models/registry');
  const { executeRun } = await import('@/lib/training/execute');
  const { queueRun } = await import('@/lib/training/runs');
  const conn = await getConnection();
  try {
    if (options.reuse && (await activeVersion(conn))) {
      console.log('reusing the seeded and trained scratch database');
      return;
    }
    const seeding = trackProgress('seeding events', options.events);
    await seedDemoWorld(conn, { items: options.items, users: options.users, events: options.events }, (progress) => {
      if (progress.stage === 'events') seeding.update(progress.done);
    });
    seeding.finish();
    const { run } = await queueRun(conn, 'manual');
    const training = trackProgress('training', 1000);
    const started = performance.now();
    await executeRun(conn, run.id, (progress) => training.update(Math.round(progress.fraction * 1000)));
    training.finish();
    console.log(`trained in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    if (!(await activeVersion(conn))) throw new Error('training did not produce an active model');
  } finally {
    await closeConnection();
  }
}

function randomUser(users: number): () => string {
  const digits = Math.max(5, String(users).length);
  return () => `/api/v1/recommendations?user=user-${String(1 + Math.floor(Math.random() * users)).padStart(digits, '0')}&n=20`;
}

function row(label: string, result: LoadResult, target?: string) {
  return {
    load: label,
    'achieved/s': Math.round(result.achievedRate),
    p50: result.latencyMs.p50.toFixed(1),
    p95: result.latencyMs.p95.toFixed(1),
    p99: result.latencyMs.p99.toFixed(1),
    max: result.latencyMs.max.toFixed(1),
    errors: result.errors,
    ...(target && { target }),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: Object.fromEntries(Object.keys(optionsSchema.shape).map((key) => [key, { type: key === 'reuse' ? ('boolean' as const) : ('string' as const) }])),
  });
  const options = optionsSchema.parse(values);
  const url = options.reuse ? scratchDatabaseUrl(options['admin-url'], DATABASE) : (await createScratchDatabase(options['admin-url'], DATABASE)).url;
  await prepareWorld(options, url);

  const server = await startServerProcess({ DATABASE_URL: url, REDIS_URL: options['redis-url'], TAILOR_REDIS_PREFIX: `tailor:bench:${Date.now()}:`, TAILOR_LOG_LEVEL: 'warn', TAILOR_ANONYMOUS_SCOPES: 'recommend' }, options.port);
  try {
    const feed = randomUser(options.users);
    await fixedRate({ url: server.url, path: feed, rate: 100, durationSeconds: 5 });
    const rows = [];
    const stages: Record<string, LoadResult['serverTiming']> = {};
    for (const rate of options.rates) {
      console.log(`feed at ${rate}/s for ${options.duration} s…`);
      const result = await fixedRate({ url: server.url, path: feed, rate, durationSeconds: options.duration });
      rows.push(row(`feed @ ${rate}/s`, result, rate === 500 ? 'p99 ≤ 25 ms, 0 errors' : undefined));
      stages[`feed @ ${rate}/s`] = result.serverTiming;
    }
    console.log('feed and health at their ceilings…');
    const feedMax = await maxRate({ url: server.url, path: feed, connections: options.connections, durationSeconds: options['max-seconds'] });
    const healthMax = await maxRate({ url: server.url, path: () => '/api/v1/health', connections: options.connections, durationSeconds: options['max-seconds'] });
    rows.push(row('feed, max', feedMax), row('health, max', healthMax));
    console.table(rows);
    console.log(`feed ceiling / health ceiling: ${((100 * feedMax.achievedRate) / healthMax.achievedRate).toFixed(0)}% (target ≥ 40%)`);
    console.log('\nper-stage server time (ms, computed responses; cached ones skip the pipeline):');
    console.table(
      Object.fromEntries(
        Object.entries(stages).map(([label, timing]) => [label, Object.fromEntries(Object.entries(timing).map(([stage, { mean, p99 }]) => [stage, `${mean.toFixed(2)} (p99 ${p99.toFixed(1)})`]))]),
      ),
    );
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof z.ZodError ? z.prettifyError(error) : error);
  process.exitCode = 1;
});
