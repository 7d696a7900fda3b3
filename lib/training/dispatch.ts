import 'server-only';
import { Queue } from 'bullmq';
import { getConnection } from '@/db';
import { connectRedis, type RedisClient } from '@/lib/cache/redis';
import { parseRedisUrl } from '@/lib/cache/redis-url';
import { getConfig, type Config } from '@/lib/config';
import { log } from '@/lib/runtime/log';
import { processSingleton, takeProcessSingleton } from '@/lib/runtime/singleton';
import type { DatabaseConnection } from '@/db/client';
import { queueRun, type TrainingTrigger } from './runs';

export const TRAINING_QUEUE = 'tailor-training';

/** The background job that scrubs forgotten users out of stored model artifacts (lib/users/artifacts.ts). */
export const SCRUB_JOB = 'scrub-artifacts';

/**
 * Requests for a scrub pass within this window share one pass, run at its end: a burst of
 * deletions rewrites each artifact once. A request made while a pass runs gets a pass of its own.
 */
const SCRUB_BATCH_MS = 10_000;

/**
 * BullMQ's connection and key prefix, for the queue and the worker alike. On a cluster `{bull}` is
 * a hash tag: BullMQ's scripts use several keys of a queue at once, which a Redis Cluster allows
 * only within one slot. One server keeps the untagged prefix, so jobs queued before an upgrade
 * are still found (a queued run without its job would hold back every later one).
 */
export function bullOptions(redis: NonNullable<Config['redis']>): { connection: RedisClient; prefix: string } {
  const cluster = parseRedisUrl(redis.url).kind === 'cluster';
  // BullMQ waits on blocking commands and retries by itself: no per-command limits here.
  return { connection: connectRedis(redis.url, { maxRetriesPerRequest: null }), prefix: `${redis.prefix}${cluster ? '{bull}' : 'bull'}` };
}

/** Where a queued run (or scrub pass) goes to be executed. */
interface TrainingQueue {
  enqueue(runId: number): Promise<void>;
  enqueueScrub(): Promise<void>;
  close(): Promise<void>;
}

type RunExecutor = (conn: DatabaseConnection, runId: number, onProgress: undefined, signal: AbortSignal) => Promise<void>;
type ScrubExecutor = (conn: DatabaseConnection) => Promise<unknown>;

/** Embedded mode: runs execute one after another inside this process. */
class InProcessQueue implements TrainingQueue {
  private chain: Promise<void> = Promise.resolve();
  private readonly stopping = new AbortController();
  private scrubTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly execute: RunExecutor,
    private readonly scrub: ScrubExecutor,
  ) {}

  async enqueue(runId: number): Promise<void> {
    this.chain = this.chain.then(async () => {
      try {
        await this.execute(await getConnection(), runId, undefined, this.stopping.signal);
      } catch (error) {
        if (this.stopping.signal.aborted) log.info('training run interrupted by shutdown', { runId });
        else log.error('training run failed', { runId, err: error });
      }
    });
  }

  async enqueueScrub(): Promise<void> {
    if (this.scrubTimer) return;
    this.scrubTimer = setTimeout(() => {
      this.scrubTimer = null;
      this.chain = this.chain.then(async () => {
        try {
          await this.scrub(await getConnection());
        } catch (error) {
          log.error('scrubbing forgotten users out of stored models failed; the next pass tries again', error);
        }
      });
    }, SCRUB_BATCH_MS);
    this.scrubTimer.unref();
  }

  /**
   * Interrupts the run in progress (a fit can take minutes; shutdown cannot wait that long). A
   * scrub pass still waiting for its batch is dropped, not awaited: the next start runs one (see
   * startEmbeddedTraining).
   */
  close(): Promise<void> {
    this.stopping.abort(new Error('the server is shutting down'));
    if (this.scrubTimer) clearTimeout(this.scrubTimer);
    this.scrubTimer = null;
    return this.chain;
  }
}

/** With Redis: runs become BullMQ jobs that `npm run worker` processes. */
class BullTrainingQueue implements TrainingQueue {
  private readonly queue: Queue;
  private readonly connection: RedisClient;

  constructor(redis: NonNullable<Config['redis']>) {
    const options = bullOptions(redis);
    this.connection = options.connection;
    this.queue = new Queue(TRAINING_QUEUE, options);
  }

  async enqueue(runId: number): Promise<void> {
    await this.queue.add('train', { runId }, { jobId: `run-${runId}`, attempts: 1, removeOnComplete: 200, removeOnFail: 200 });
  }

  /** One job per batch window, delayed to its end: later requests in the window find it there. */
  async enqueueScrub(): Promise<void> {
    const batch = Math.floor(Date.now() / SCRUB_BATCH_MS) + 1;
    await this.queue.add(SCRUB_JOB, {}, { jobId: `${SCRUB_JOB}-${batch}`, delay: batch * SCRUB_BATCH_MS - Date.now(), attempts: 3, backoff: { type: 'exponential', delay: SCRUB_BATCH_MS }, removeOnComplete: 20, removeOnFail: 20 });
  }

  /** BullMQ leaves a connection it was given open. */
  async close(): Promise<void> {
    await this.queue.close();
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}

/**
 * The embedded server installs its executor at start-up. Route code only ever enqueues, so the
 * training code (and its worker thread) stays out of the web bundles.
 */
export function installInProcessTraining(execute: RunExecutor, scrub: ScrubExecutor): void {
  processSingleton<TrainingQueue>('training-queue', () => new InProcessQueue(execute, scrub));
}

function trainingQueue(): TrainingQueue {
  return processSingleton<TrainingQueue>('training-queue', () => {
    const { redis } = getConfig();
    if (redis) return new BullTrainingQueue(redis);
    throw new TrainingUnavailableError();
  });
}

export class TrainingUnavailableError extends Error {
  constructor() {
    super('this process does not train: start Tailor with `npm start` (embedded) or run `npm run worker` (with REDIS_URL)');
    this.name = 'TrainingUnavailableError';
  }
}

/** Queues a training run, or returns the one already waiting or working. */
export async function requestTraining(trigger: TrainingTrigger, params: Record<string, unknown> = {}) {
  // Resolved first: a run row with nowhere to go would block every later one.
  const queue = trainingQueue();
  const { run, created } = await queueRun(await getConnection(), trigger, params);
  if (created) await queue.enqueue(run.id);
  return run;
}

/**
 * Queues a pass that scrubs forgotten users out of stored model artifacts, batched with the other
 * requests of the next few seconds. A process that neither trains nor reaches a worker queue leaves
 * it to the next worker start (which runs one) and says so.
 */
export async function requestArtifactScrub(): Promise<void> {
  try {
    await trainingQueue().enqueueScrub();
  } catch (error) {
    log.warn('no scrub of stored model artifacts could be queued: forgotten users stay masked at every load until the worker next starts', (error as Error).message);
  }
}

export async function closeTrainingQueue(): Promise<void> {
  await takeProcessSingleton<TrainingQueue>('training-queue')?.close();
}
