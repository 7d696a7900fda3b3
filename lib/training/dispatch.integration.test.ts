import { Worker } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { getConfig } from '@/lib/config';
import { within } from '@/lib/testing/within';
import { bullOptions, closeTrainingQueue, requestTraining, TRAINING_QUEUE } from './dispatch';

describe.runIf(getConfig().redis)('training queue in Redis', () => {
  it('hands a requested run to a worker, on one server or a cluster', async () => {
    let receive: (data: unknown) => void = () => undefined;
    const received = new Promise((resolve) => (receive = resolve));
    const options = bullOptions(getConfig().redis!);
    const worker = new Worker(TRAINING_QUEUE, async (job) => receive(job.data), options);
    try {
      const run = await requestTraining('manual');
      expect(await within(10_000, received)).toEqual({ runId: run.id });
    } finally {
      await worker.close();
      await options.connection.quit();
      await closeTrainingQueue();
    }
  });
});
