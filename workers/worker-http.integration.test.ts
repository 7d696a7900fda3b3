import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { getConnection } from '@/db';
import { getConfig } from '@/lib/config';
import { beginShutdown } from '@/lib/runtime/shutdown';
import { startWorkerHttp, type WorkerHttp } from './worker-http';

// A file of its own: the last test sets the process's shutdown flag.
describe.runIf(getConfig().redis)('the worker’s probes and metrics', () => {
  const redisUrl = getConfig().redis?.url ?? '';
  const prefix = `${getConfig().redis?.prefix ?? ''}bull`;
  const connection = () => new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queueName = 'probe-test';
  let queue: Queue;
  let worker: Worker;
  let http: WorkerHttp;
  const get = async (path: string) => {
    const response = await fetch(`http://127.0.0.1:${http.port}${path}`);
    return { status: response.status, text: await response.text() };
  };

  afterAll(async () => {
    await http?.close();
    await worker?.close();
    await queue?.close();
  });

  it('answer livez and readyz when the database and Redis answer', async () => {
    await getConnection();
    queue = new Queue(queueName, { connection: connection(), prefix });
    worker = new Worker(queueName, async (job) => (job.name === 'slow' ? new Promise((resolve) => setTimeout(resolve, 50)) : undefined), { connection: connection(), prefix });
    http = await startWorkerHttp(worker, { port: 0, hostname: '127.0.0.1', redisUrl, prefix });
    expect(await get('/livez')).toEqual({ status: 200, text: '{"status":"alive"}\n' });
    expect(await get('/readyz')).toEqual({ status: 200, text: '{"status":"ready"}\n' });
    expect((await get('/nowhere')).status).toBe(404);
  });

  it('export the queue depth and the duration of each job this worker finished', async () => {
    await queue.add('later', {}, { delay: 60_000 });
    const done = new Promise((resolve) => worker.once('completed', resolve));
    await queue.add('slow', {});
    await done;
    const { status, text } = await get('/metrics');
    expect(status).toBe(200);
    expect(text).toContain(`tailor_queue_jobs{queue="${queueName}",state="delayed"} 1`);
    expect(text).toContain(`tailor_queue_jobs{queue="${queueName}",state="waiting"} 0`);
    expect(text).toContain(`tailor_queue_job_duration_seconds_count{queue="${queueName}",job="slow",outcome="completed"} 1`);
    const sum = /tailor_queue_job_duration_seconds_sum\{queue="probe-test",job="slow",outcome="completed"\} ([0-9.e-]+)/.exec(text);
    expect(Number(sum?.[1])).toBeGreaterThanOrEqual(0.04);
    // The process's own registry: the database pool is there too.
    expect(text).toMatch(/tailor_database_connections\{state="max"\} \d+/);
  });

  it('answer readyz 503 once the worker is stopping', async () => {
    beginShutdown();
    expect(await get('/readyz')).toEqual({ status: 503, text: '{"status":"not_ready","reasons":["stopping: the worker takes no new job"]}\n' });
    expect((await get('/livez')).status).toBe(200);
  });
});
