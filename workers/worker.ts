/**
 * `npm run worker`: the background worker for deployments with Redis. It executes training
 * runs queued through BullMQ, checks the training schedule and reallocates bandit experiments. Run as many as you like; BullMQ
 * hands each run to one of them, and the database allows one pending run at a time.
 * On SIGTERM it takes no new job; a run that would not finish within TAILOR_SHUTDOWN_SECONDS is
 * handed back to the queue (and its run queued again) for another worker to take up.
 */
import { WaitingError, Worker } from 'bullmq';
import { closeConnection, getConnection } from '@/db';
import { closeCache } from '@/lib/cache';
import { ConfigError, getConfig } from '@/lib/config';
import { startBanditSchedule } from '@/lib/experiments/bandit';
import { drainExposureWriter } from '@/lib/experiments/exposure';
import { closeChanges } from '@/lib/runtime/changes';
import { log } from '@/lib/runtime/log';
import { beginShutdown } from '@/lib/runtime/shutdown';
import { bullOptions, closeTrainingQueue, requestArtifactScrub, requestTraining, SCRUB_JOB, TRAINING_QUEUE } from '@/lib/training/dispatch';
import { executeRun } from '@/lib/training/execute';
import { startTrainingSchedule, trainIfNoActiveModel } from '@/lib/training/scheduler';
import { scrubForgottenUsersFromArtifacts } from '@/lib/users/artifacts';
import { onShutdown, runMain } from './lifecycle';
import { startWorkerHttp } from './worker-http';

/** Handing a run back (ending its thread, requeueing it, closing connections) needs a few seconds of the bound. */
const HAND_BACK_RESERVE_MS = 5_000;

async function main(): Promise<void> {
  const config = getConfig();
  if (!config.redis) throw new ConfigError(['REDIS_URL: the worker takes its jobs from Redis; without it, `npm start` trains in process']);
  await getConnection();
  const stopping = new AbortController();
  const worker = new Worker<{ runId: number }>(TRAINING_QUEUE, async (job, token) => {
    if (job.name === SCRUB_JOB) return scrubForgottenUsersFromArtifacts(await getConnection());
    try {
      await executeRun(await getConnection(), job.data.runId, undefined, stopping.signal);
    } catch (error) {
      if (!stopping.signal.aborted) throw error;
      await job.moveToWait(token);
      log.info('training run handed back to the queue', { runId: job.data.runId });
      // Tells BullMQ the job was moved back by hand, not failed.
      throw new WaitingError();
    }
  }, {
    ...bullOptions(config.redis),
    concurrency: 1,
    // Training a large catalogue takes minutes; the lock must outlive a slow stage.
    lockDuration: 10 * 60_000,
  });
  worker.on('failed', (job, error) => log.error('training job failed', { jobId: job?.id, runId: job?.data.runId, err: error }));
  const probes = config.workerPort === null ? null : await startWorkerHttp(worker, { port: config.workerPort, redisUrl: config.redis.url, prefix: `${config.redis.prefix}bull` });
  // Catches up on deletions whose scrub of stored models no worker got to.
  await requestArtifactScrub();
  await trainIfNoActiveModel(await getConnection(), config.training, (trigger) => requestTraining(trigger));
  const stopSchedule = startTrainingSchedule(getConnection, config.training, (trigger) => requestTraining(trigger));
  const stopBandits = startBanditSchedule(getConnection);
  log.info(`worker ready: training runs from ${TRAINING_QUEUE}, schedule every ${config.training.everyMinutes} min or ${config.training.afterEvents} new events`);

  const boundMs = config.shutdownSeconds * 1000;
  onShutdown(async (signal) => {
    log.info(`${signal} received: taking no new job; finishing the current one or handing it back`);
    beginShutdown();
    stopSchedule();
    stopBandits();
    const handBack = setTimeout(() => stopping.abort(new Error(`${signal}: the worker is stopping`)), Math.max(0, boundMs - HAND_BACK_RESERVE_MS));
    await worker.close();
    clearTimeout(handBack);
    await drainExposureWriter();
    await Promise.allSettled([closeTrainingQueue(), closeCache(), closeChanges(), closeConnection(), probes?.close()]);
  }, boundMs);
}

runMain(main);
