import { createServer, type Server } from 'node:http';
import { Queue, type Worker } from 'bullmq';
import { Histogram, Gauge } from 'prom-client';
import { Redis } from 'ioredis';
import { getConnection } from '@/db';
import { probe } from '@/lib/health/check';
import { tailorMetrics } from '@/lib/metrics/registry';
import { log } from '@/lib/runtime/log';
import { isShuttingDown } from '@/lib/runtime/shutdown';

/** Seconds a job waits in `active`: scrubs take a moment, training runs minutes. */
const JOB_DURATION_BUCKETS = [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200];
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
const QUEUE_DEPTH_METRIC = 'tailor_queue_jobs';
const JOB_DURATION_METRIC = 'tailor_queue_job_duration_seconds';

export interface WorkerHttpOptions {
  port: number;
  hostname?: string;
  redisUrl: string;
  /** BullMQ's key prefix, as the worker uses it. */
  prefix: string;
}

export interface WorkerHttp {
  /** The port listened on (useful when 0 asked the system for one). */
  port: number;
  close(): Promise<void>;
}

/**
 * The worker's probes and metrics: `/livez` (the process answers), `/readyz` (the database and
 * Redis answer and the worker is not stopping; 503 with the reasons otherwise) and `/metrics`
 * (this process's Prometheus registry, with the queue's depth and job durations added).
 */
export async function startWorkerHttp(worker: Worker, options: WorkerHttpOptions): Promise<WorkerHttp> {
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(worker.name, { connection: redis, prefix: options.prefix });
  const stopRecording = recordQueueMetrics(worker, queue);
  const server = createServer((request, response) => {
    answer(request.method ?? 'GET', (request.url ?? '/').split('?')[0]!, queue, redis).then(
      ({ status, type, body }) => response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body),
      (error: unknown) => {
        log.error('worker http: answering failed', error);
        response.writeHead(500, { 'content-type': 'text/plain' }).end('internal error\n');
      },
    );
  });
  const port = await listen(server, options.port, options.hostname);
  log.info(`worker probes and metrics on port ${port}: /livez, /readyz, /metrics`);
  return {
    port,
    close: async () => {
      stopRecording();
      server.closeAllConnections();
      await Promise.allSettled([new Promise((resolve) => server.close(resolve)), queue.close().then(() => redis.quit())]);
    },
  };
}

interface Answer {
  status: number;
  type: string;
  body: string;
}

async function answer(method: string, path: string, queue: Queue, redis: Redis): Promise<Answer> {
  if (method !== 'GET' && method !== 'HEAD') return json(405, { error: 'only GET' });
  switch (path) {
    case '/livez':
      return json(200, { status: 'alive' });
    case '/readyz': {
      const reasons = await readinessProblems(redis);
      return reasons.length === 0 ? json(200, { status: 'ready' }) : json(503, { status: 'not_ready', reasons });
    }
    case '/metrics': {
      const { registry } = tailorMetrics();
      return { status: 200, type: registry.contentType, body: await registry.metrics() };
    }
    default:
      return json(404, { error: `no ${path} here: /livez, /readyz or /metrics` });
  }
}

async function readinessProblems(redis: Redis): Promise<string[]> {
  const [database, store] = await Promise.all([
    probe('database', async () => {
      await (await getConnection()).query('select 1');
      return 0;
    }),
    probe('redis', async () => {
      await redis.ping();
      return 0;
    }),
  ]);
  return [
    ...(database.status === 'down' ? [`database: ${database.error}`] : []),
    ...(store.status === 'down' ? [`redis: ${store.error}`] : []),
    ...(isShuttingDown() ? ['stopping: the worker takes no new job'] : []),
  ];
}

function json(status: number, body: unknown): Answer {
  return { status, type: 'application/json', body: `${JSON.stringify(body)}\n` };
}

/** Queue depth by state (read from Redis at each scrape) and the duration of each job this worker finishes. */
function recordQueueMetrics(worker: Worker, queue: Queue): () => void {
  const { registry } = tailorMetrics();
  const registers = [registry];
  new Gauge({
    name: QUEUE_DEPTH_METRIC,
    help: 'Jobs in the BullMQ queue, by queue and state (waiting, active, delayed, failed).',
    labelNames: ['queue', 'state'] as const,
    registers,
    async collect() {
      const counts = await queue.getJobCounts(...QUEUE_STATES);
      for (const state of QUEUE_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
    },
  });
  const durations = new Histogram({
    name: JOB_DURATION_METRIC,
    help: 'Time from a job starting to its end on this worker, by queue, job name and outcome (completed, failed).',
    labelNames: ['queue', 'job', 'outcome'] as const,
    buckets: JOB_DURATION_BUCKETS,
    registers,
  });
  const observe = (outcome: 'completed' | 'failed') => (job: { name: string; processedOn?: number; finishedOn?: number } | undefined) => {
    if (job?.processedOn === undefined) return;
    durations.observe({ queue: queue.name, job: job.name, outcome }, ((job.finishedOn ?? Date.now()) - job.processedOn) / 1000);
  };
  const onCompleted = observe('completed');
  const onFailed = observe('failed');
  worker.on('completed', onCompleted);
  worker.on('failed', onFailed);
  return () => {
    worker.off('completed', onCompleted);
    worker.off('failed', onFailed);
    registry.removeSingleMetric(QUEUE_DEPTH_METRIC);
    registry.removeSingleMetric(JOB_DURATION_METRIC);
  };
}

function listen(server: Server, port: number, hostname?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}
