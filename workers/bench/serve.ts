/**
 * `npm run bench:serve`: the feed endpoint under load, in both ways Tailor runs, side by side.
 *
 * - Production mode: a synthetic world (100,000 items, 50,000 users, 2,000,000 events by
 *   default; the demo world with `--quick`) seeded into a scratch PostgreSQL database, a model
 *   trained and promoted, then the production server with PostgreSQL and Redis (one process, or
 *   a cluster primary and its workers).
 * - The embedded default: the server with no DATABASE_URL, in a temporary data directory; it
 *   seeds the demo world and trains its first model itself.
 *
 * Each server gets the same phases (see `serve-phases.ts`): cached feeds at the ceiling, uncached
 * feeds (each request a user never requested before) at fixed offered rates and at the ceiling,
 * and the health route's ceiling, with server CPU per request and RSS per process. The two
 * set-ups run at the same time; the two measurements one after the other, each server alone.
 * `--quick` (the demo world in both modes, 5 s ceilings) takes under 5 minutes on two cores,
 * not counting a first `next build`.
 *
 *   npm run bench:serve -- [--quick] [--mode production|embedded|both] [--rates 250,500]
 *     [--embedded-rates 250] [--duration <s per rate>] [--max-seconds 20] [--reuse] [--items …]
 *
 * `--reuse` keeps the scratch database from an earlier run when it already has an active model.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { DatabaseConnection } from '@/db/client';
import { demoWorldParamsSchema, type DemoWorldParams } from '@/lib/demo/world';
import { startServerProcess, type ServerProcess } from '../server-process';
import { commandLineOrExit } from '../cli/args';
import { trackProgress, trackStages } from '../cli/progress';
import { describeProcess, parentOf } from './process-tree';
import { planPhases, runPhases } from './serve-phases';
import { printReport, type Mode, type ModeRun } from './serve-report';
import { createScratchDatabase, scratchDatabaseUrl } from './scratch-database';

const rateList = z
  .string()
  .transform((list) => list.split(',').map(Number))
  .pipe(z.array(z.number().positive()).min(1));

const optionsSchema = z.object({
  mode: z.enum(['production', 'embedded', 'both']).default('both'),
  quick: z.boolean().default(false),
  'admin-url': z.string().default('postgres://postgres@127.0.0.1:5432/postgres'),
  'redis-url': z.string().default('redis://127.0.0.1:6379'),
  items: z.coerce.number().int().min(100).optional(),
  users: z.coerce.number().int().min(400).optional(),
  events: z.coerce.number().int().min(1_000).optional(),
  rates: rateList.default([250, 500]),
  'embedded-rates': rateList.default([250]),
  /** Seconds per offered rate; without it, as long as the world's users allow (at most 60 s). */
  duration: z.coerce.number().min(0.5).optional(),
  /** Seconds per ceiling: 20, or 5 with `--quick`. */
  'max-seconds': z.coerce.number().min(1).optional(),
  connections: z.coerce.number().int().min(1).default(32),
  port: z.coerce.number().int().default(3200),
  'web-concurrency': z.coerce.number().int().min(1).optional(),
  reuse: z.boolean().default(false),
});

type Options = z.infer<typeof optionsSchema>;

const BOOLEAN_FLAGS = new Set(['quick', 'reuse']);
const USAGE = `Usage: npm run bench:serve -- [--quick] [--mode production|embedded|both] [--rates 250,500]
  [--embedded-rates 250] [--duration <s per rate>] [--max-seconds 20] [--connections 32] [--port 3200]
  [--web-concurrency N] [--reuse] [--items N] [--users N] [--events N] [--admin-url …] [--redis-url …]`;
const FULL_WORLD = { items: 100_000, users: 50_000, events: 2_000_000 };
const MODEL_WAIT_MS = 30 * 60_000;

async function main(): Promise<void> {
  const options = commandLineOrExit({
    options: Object.fromEntries(Object.keys(optionsSchema.shape).map((key) => [key, { type: BOOLEAN_FLAGS.has(key) ? ('boolean' as const) : ('string' as const) }])),
    schema: optionsSchema,
    usage: USAGE,
  });
  const started = performance.now();
  const runs = await benchModes(options, options.mode === 'both' ? ['production', 'embedded'] : [options.mode]);
  printReport(runs);
  console.log(`\nwhole run: ${seconds(started)} s`);
}

/** A server up and ready to measure, with what it serves. */
interface LaunchedServer {
  mode: Mode;
  server: ServerProcess;
  world: DemoWorldParams;
  worldName: string;
  fullWorld: boolean;
  close(): Promise<void>;
}

/**
 * The two set-ups overlap: the embedded server seeds and trains in its own process while this
 * one seeds and trains the production world. The measurements never overlap: each server runs
 * alone while it is measured.
 */
async function benchModes(options: Options, modes: Mode[]): Promise<ModeRun[]> {
  const started = performance.now();
  const embedded = modes.includes('embedded') ? launchEmbedded(options) : null;
  // Handled below, once the production world is ready; without this an early failure would crash the process.
  embedded?.catch(() => undefined);
  let productionUrl: string | null = null;
  let productionWorld: DemoWorldParams | null = null;
  try {
    if (modes.includes('production')) [productionUrl, productionWorld] = await prepareProductionWorld(options);
  } catch (error) {
    await embedded?.then((launched) => launched.close(), () => undefined);
    throw error;
  }
  const runs: ModeRun[] = [];
  if (embedded) runs.push(await measure(await embedded, options, started));
  if (productionUrl && productionWorld) runs.unshift(await measure(await launchProduction(options, productionUrl, productionWorld), options, started));
  return runs;
}

async function launchProduction(options: Options, url: string, world: DemoWorldParams): Promise<LaunchedServer> {
  console.log('\n--- production mode: starting the server ---');
  const server = await startServerProcess(
    {
      DATABASE_URL: url,
      REDIS_URL: options['redis-url'],
      TAILOR_REDIS_PREFIX: `tailor:bench:${Date.now()}:`,
      TAILOR_LOG_LEVEL: 'warn',
      TAILOR_ANONYMOUS_SCOPES: 'recommend',
      ...(options['web-concurrency'] && { TAILOR_WEB_CONCURRENCY: String(options['web-concurrency']) }),
    },
    options.port,
  );
  const fullWorld = world.items >= FULL_WORLD.items && world.users >= FULL_WORLD.users;
  return { mode: 'production', server, world, worldName: fullWorld ? 'world' : 'demo world', fullWorld, close: () => server.stop() };
}

async function launchEmbedded(options: Options): Promise<LaunchedServer> {
  console.log('\n--- embedded mode: starting the server (it seeds the demo world, then trains) ---');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'tailor-bench-embedded-'));
  const removeDataDir = () => rm(dataDir, { recursive: true, force: true });
  try {
    // Explicitly unset: this process sets DATABASE_URL for production mode, and the caller's shell may have its own.
    const server = await startServerProcess(
      {
        DATABASE_URL: '',
        REDIS_URL: '',
        TAILOR_MODEL_DIR: '',
        TAILOR_DATA_DIR: dataDir,
        TAILOR_SEED_DEMO: 'true',
        TAILOR_DEMO_SCALE: '1',
        TAILOR_LOG_LEVEL: 'warn',
        TAILOR_ANONYMOUS_SCOPES: 'recommend',
      },
      options.port + 1,
    );
    // The server seeds the default demo world: the schema's defaults at scale 1.
    const world = demoWorldParamsSchema.parse({});
    return { mode: 'embedded', server, world, worldName: 'demo world', fullWorld: false, close: () => server.stop().then(removeDataDir) };
  } catch (error) {
    await removeDataDir();
    throw error;
  }
}

async function measure(launched: LaunchedServer, options: Options, setUpSince: number): Promise<ModeRun> {
  const { mode, server, world } = launched;
  try {
    await waitForActiveModel(server);
    const plan = planPhases({
      userCount: world.users,
      rates: mode === 'production' ? options.rates : options['embedded-rates'],
      seconds: options.duration,
      ceilingSeconds: options['max-seconds'] ?? (options.quick ? 5 : 20),
      connections: options.connections,
    });
    if (plan.warning) console.warn(`warning: ${plan.warning}`);
    console.log(`\n--- ${mode} mode: ready ${seconds(setUpSince)} s after the start of the run; measuring ---`);
    const measuring = performance.now();
    const phases = await runPhases(server.url, server.pid, world.users, plan, (line) => console.log(`${mode}: ${line}`));
    console.log(`${mode}: phases took ${seconds(measuring)} s`);
    const pids = [...new Set(phases.flatMap((phase) => [...phase.server.maxRssMiB.keys()]))];
    return {
      mode,
      world: describeWorld(launched.worldName, world),
      fullWorld: launched.fullWorld,
      phases,
      processes: pids.map((pid) => ({ pid, parent: parentOf(pid), command: describeProcess(pid) })),
    };
  } finally {
    await launched.close();
  }
}

/** Seeds and trains the production world in a scratch database, or finds it there with `--reuse`. */
async function prepareProductionWorld(options: Options): Promise<[url: string, world: DemoWorldParams]> {
  const database = options.quick ? 'tailor_bench_serve_quick' : 'tailor_bench_serve';
  const url = options.reuse ? scratchDatabaseUrl(options['admin-url'], database) : (await createScratchDatabase(options['admin-url'], database)).url;
  process.env.DATABASE_URL = url;
  // Imported after DATABASE_URL is set: the config module reads the environment once.
  const { getConnection, closeConnection } = await import('@/db');
  const { loadDemoWorldParams, seedDemoWorld } = await import('@/lib/demo/seed');
  const { activeVersion } = await import('@/lib/models/registry');
  const conn = await getConnection();
  try {
    const reused = options.reuse && (await activeVersion(conn)) ? await loadDemoWorldParams(conn) : null;
    if (reused) {
      console.log('production: reusing the seeded and trained scratch database');
      return [url, reused];
    }
    const size = options.quick ? {} : FULL_WORLD;
    const world = { ...size, ...definedOnly({ items: options.items, users: options.users, events: options.events }) };
    const seeding = trackStages();
    const { params } = await seedDemoWorld(conn, world, (progress) => seeding.report({ ...progress, stage: `production ${progress.stage}` }));
    seeding.finish();
    await train(conn);
    return [url, params];
  } finally {
    await closeConnection();
  }
}

async function train(conn: DatabaseConnection): Promise<void> {
  const { activeVersion } = await import('@/lib/models/registry');
  const { executeRun } = await import('@/lib/training/execute');
  const { queueRun } = await import('@/lib/training/runs');
  const { run } = await queueRun(conn, 'manual');
  const training = trackProgress('production training', 1000);
  const started = performance.now();
  await executeRun(conn, run.id, (progress) => training.update(Math.round(progress.fraction * 1000)));
  training.finish();
  console.log(`production: trained in ${seconds(started)} s`);
  if (!(await activeVersion(conn))) throw new Error('training did not produce an active model');
}

/** Until the health route names a model version: the embedded default trains its first one after start. */
async function waitForActiveModel(server: ServerProcess): Promise<void> {
  const healthSchema = z.object({ serving: z.object({ model_version: z.number().nullable() }) });
  const started = performance.now();
  let reportedAt = started;
  while (performance.now() - started < MODEL_WAIT_MS) {
    const health = healthSchema.parse(await (await fetch(`${server.url}/api/v1/health`)).json());
    if (health.serving.model_version !== null) {
      console.log(`serving model version ${health.serving.model_version}`);
      return;
    }
    if (performance.now() - reportedAt > 15_000) {
      console.log(`waiting for the first model to be trained (${seconds(started)} s)…`);
      reportedAt = performance.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error(`no active model after ${MODEL_WAIT_MS / 60_000} minutes`);
}

function describeWorld(name: string, world: DemoWorldParams): string {
  const format = new Intl.NumberFormat('en-US').format;
  return `${name}: ${format(world.items)} items, ${format(world.users)} users, ${format(world.events)} events`;
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}

main().catch((error: unknown) => {
  console.error(error instanceof z.ZodError ? z.prettifyError(error) : error);
  process.exitCode = 1;
});
