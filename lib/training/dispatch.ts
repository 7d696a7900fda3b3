import 'server-only';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { getConnection } from '@/db';
import { getConfig } from '@/lib/config';
import { log } from '@/lib/runtime/log';
import { processSingleton, takeProcessSingleton } from '@/lib/runtime/singleton';
import type { DatabaseConnection } from '@/db/client';
import { queueRun, type TrainingTrigger } from './runs';

export const TRAINING_QUEUE = 'tailor-training';

/** Where a queued run goes to be executed. */
interface TrainingQueue {
  enqueue(runId: number): Promise<void>;
  close(): Promise<void>;
}

type RunExecutor = (conn: DatabaseConnection, runId: number, onProgress: undefined, signal: AbortSignal) => Promise<void>;

/** Embedded mode: runs execute one after another inside this process. */
class InProcessQueue implements TrainingQueue {
  private chain: Promise<void> = Promise.resolve();
  private readonly stopping = new AbortController();

  constructor(private readonly execute: RunExecutor) {}

  async enqueue(runId: number): Promise<void> {
    this.chain = this.chain.then(async () => {
      try {
        await this.execute(await getConnection(), runId, undefined, this.stopping.signal);
      } catch (error) {
        if (this.stopping.signal.aborted) log.info(`training run ${runId} interrupted by shutdown`);
        else log.error(`training run ${runId} failed`, error);
      }
    });
  }

  /** Interrupts the run in progress (a fit can take minutes; shutdown cannot wait that long). */
  close(): Promise<void> {
    this.stopping.abort(new Error('the server is shutting down'));
    return this.chain;
  }
}

/** With Redis: runs become BullMQ jobs that `npm run worker` processes. */
class BullTrainingQueue implements TrainingQueue {
  private readonly queue: Queue;

  constructor(redisUrl: string, prefix: string) {
    this.queue = new Queue(TRAINING_QUEUE, { connection: new Redis(redisUrl, { maxRetriesPerRequest: null }), prefix: `${prefix}bull` });
  }

  async enqueue(runId: number): Promise<void> {
    await this.queue.add('train', { runId }, { jobId: `run-${runId}`, attempts: 1, removeOnComplete: 200, removeOnFail: 200 });
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}

/**
 * The embedded server installs its executor at start-up. Route code only ever enqueues, so the
 * training code (and its worker thread) stays out of the web bundles.
 */
export function installInProcessTraining(execute: RunExecutor): void {
  processSingleton<TrainingQueue>('training-queue', () => new InProcessQueue(execute));
}

function trainingQueue(): TrainingQueue {
  return processSingleton<TrainingQueue>('training-queue', () => {
    const { redis } = getConfig();
    if (redis) return new BullTrainingQueue(redis.url, redis.prefix);
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

export async function closeTrainingQueue(): Promise<void> {
  await takeProcessSingleton<TrainingQueue>('training-queue')?.close();
}
