import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createScratchDatabase } from '@/workers/bench/scratch-database';
import { startServerProcess, type ServerProcess } from '@/workers/server-process';
import { adminUrl, deleteRedisKeys, redisUrl, servicesReachable } from './services';

/**
 * Scale-out: two production web instances (one process each, on their own ports) and one worker
 * share a PostgreSQL database and a Redis prefix. What an operator changes through one instance
 * (a promotion, a catalogue edit, a curation rule) is what the other serves, within a few seconds.
 */

const servicesUp = await servicesReachable();
/** How long instance B may take to honour a change made through A: the change travels over Redis. */
const PROPAGATION_MS = 10_000;
/** Seeding a small world, two training runs by the worker and the checks, on a slow machine. */
const TEST_TIMEOUT_MS = 240_000;
const USER = 'user-00001';
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe.skipIf(!servicesUp)('two web instances and a worker', () => {
  it('honours on instance B a promotion, a catalogue edit and a curation rule made through instance A', async () => {
    const scratch = await createScratchDatabase(adminUrl, `tailor_scaleout_${process.pid}`);
    const prefix = `tailor:scaleout:${process.pid}:`;
    cleanups.push(scratch.drop, () => deleteRedisKeys(prefix));
    const shared = {
      DATABASE_URL: scratch.url,
      REDIS_URL: redisUrl,
      TAILOR_REDIS_PREFIX: prefix,
      TAILOR_WEB_CONCURRENCY: '1',
      TAILOR_TRAIN_ON_START: 'false',
      TAILOR_DEMO_SCALE: '0.1',
      // A scratch deployment on loopback: the test calls the API without keys.
      TAILOR_ANONYMOUS_SCOPES: 'admin',
      TAILOR_LOG_LEVEL: 'warn',
    };
    // A seeds the demo world; B starts on the seeded database, as a second instance would.
    const a = await start({ ...shared, TAILOR_SEED_DEMO: 'true' }, 3481);
    const b = await start({ ...shared, TAILOR_SEED_DEMO: 'false' }, 3482);
    const worker = startWorker(shared);
    cleanups.push(() => stopChild(worker));

    // Two runs on the same data: the second is not worse, so it is promoted.
    await trainThrough(a.url);
    const second = await trainThrough(a.url);
    expect(second.status).toBe('succeeded');
    await eventually(async () => expect((await api(b.url, '/api/v1/health')).serving.model_version).toBe(second.version_id));

    // A promotion through A: B serves the promoted version.
    const first = second.version_id - 1;
    await api(a.url, `/api/v1/models/versions/${first}/promote`, { method: 'POST' });
    await eventually(async () => {
      expect((await api(b.url, '/api/v1/health')).serving.model_version).toBe(first);
      expect((await feed(b.url)).model_version).toBe(first);
    });

    // A catalogue edit through A: B stops recommending the hidden item.
    const before = await feed(b.url);
    const hidden = before.items[0]!.id;
    await api(a.url, `/api/v1/items/${hidden}`, { method: 'PATCH', json: { is_hidden: true } });
    await eventually(async () => expect((await feed(b.url)).items.map((item) => item.id)).not.toContain(hidden));

    // A new item and a curation rule pinning it, both through A: B serves the item first.
    const pinned = `launch-${process.pid}`;
    await api(a.url, '/api/v1/items', { method: 'POST', json: { id: pinned, title: 'Launch week', category: before.items[0]!.category } });
    await api(a.url, '/api/v1/curation/rules', { method: 'POST', json: { kind: 'pin', target_type: 'item', target: pinned, position: 1 } });
    await eventually(async () => expect((await feed(b.url)).items[0]?.id).toBe(pinned));
  }, TEST_TIMEOUT_MS);
});

async function start(env: Record<string, string>, port: number): Promise<ServerProcess> {
  const server = await startServerProcess(env, port);
  cleanups.push(() => server.stop());
  return server;
}

/** `npm run worker`'s command, as the process it execs. */
function startWorker(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'workers/worker.ts'], {
    cwd: process.cwd(),
    env: { ...process.env, ...env, NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

interface TrainingRun {
  id: number;
  status: string;
  version_id: number;
}

/** Queues a run through the instance and waits for the worker to finish it. */
async function trainThrough(url: string): Promise<TrainingRun> {
  const queued = (await api(url, '/api/v1/models/train', { method: 'POST' })) as TrainingRun;
  let run = queued;
  await eventually(async () => {
    run = (await api(url, `/api/v1/models/runs/${queued.id}`)) as TrainingRun;
    expect(run.status).toMatch(/^(succeeded|failed)$/);
  }, 120_000);
  return run;
}

async function feed(url: string): Promise<{ model_version: number | null; items: { id: string; category: string | null }[] }> {
  return api(url, `/api/v1/recommendations?user=${USER}&n=10`);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads a few fields of each answer
async function api(url: string, path: string, init: { method?: string; json?: unknown } = {}): Promise<any> {
  const response = await fetch(`${url}${path}`, {
    method: init.method ?? 'GET',
    headers: init.json === undefined ? {} : { 'content-type': 'application/json' },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function eventually(check: () => Promise<void>, timeoutMs = PROPAGATION_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
