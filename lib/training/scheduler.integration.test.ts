import { Queue } from 'bullmq';
import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { beforeEach, describe, expect, it } from 'vitest';
import { getConnection } from '@/db';
import { modelVersions, trainingRuns } from '@/db/schema';
import { seedDemoWorld } from '@/lib/demo/seed';
import { getConfig } from '@/lib/config';
import { registerVersion } from '@/lib/models/registry';
import { requestTraining, TRAINING_QUEUE } from './dispatch';
import { listRuns, queueRun, type TrainingTrigger } from './runs';
import { dueTrigger, trainIfNoActiveModel } from './scheduler';

async function versionTrainedUpTo(lastEventId: number, status: 'active' | 'candidate'): Promise<void> {
  const conn = await getConnection();
  const row = await registerVersion(conn, { bytes: new Uint8Array([1]), params: {}, metrics: {}, counts: { last_event_id: lastEventId }, dataFrom: null, dataTo: null, trainingRunId: null }, null);
  await conn.db.update(modelVersions).set({ status }).where(eq(modelVersions.id, row.id));
}

describe('the "after N events" trigger', () => {
  it('counts from the last run’s data, also when that run’s model was kept as a candidate', async () => {
    const conn = await getConnection();
    await seedDemoWorld(conn, { items: 20, users: 10, events: 200, seed: 3 });
    const [row] = await conn.query<{ last: number }>('select max(id)::int as last from events');
    const last = row!.last;
    const everyTenEvents = { everyMinutes: 0, afterEvents: 10 };
    await versionTrainedUpTo(last - 150, 'active');
    expect(await dueTrigger(conn, everyTenEvents)).toBe('events');
    // The run that followed kept its model as a candidate: its data is what the next run starts from.
    await versionTrainedUpTo(last - 4, 'candidate');
    expect(await dueTrigger(conn, everyTenEvents)).toBeNull();
    expect(await dueTrigger(conn, { everyMinutes: 0, afterEvents: 4 })).toBe('events');
  });
});

describe('training at start-up without an active model (the embedded server and `npm run worker`)', () => {
  const queue = async (trigger: TrainingTrigger) => (await queueRun(await getConnection(), trigger)).run;

  beforeEach(async () => {
    const conn = await getConnection();
    await conn.db.update(modelVersions).set({ status: 'candidate' }).where(eq(modelVersions.status, 'active'));
    await conn.db.delete(trainingRuns);
  });

  it('queues a run when no model is active, and asks once however many processes start', async () => {
    const conn = await getConnection();
    const run = await trainIfNoActiveModel(conn, { onStart: true }, queue);
    expect(run).toMatchObject({ trigger: 'startup', status: 'queued' });
    // A second worker starting meanwhile finds that run rather than queueing another.
    expect(await trainIfNoActiveModel(conn, { onStart: true }, queue)).toMatchObject({ id: run!.id });
    expect(await listRuns(conn)).toHaveLength(1);
  });

  it.runIf(getConfig().redis)('with Redis, hands the run to the worker queue as a job', async () => {
    const { redis } = getConfig();
    const queue = new Queue(TRAINING_QUEUE, { connection: new Redis(redis!.url, { maxRetriesPerRequest: null }), prefix: `${redis!.prefix}bull` });
    try {
      const run = await trainIfNoActiveModel(await getConnection(), { onStart: true }, (trigger) => requestTraining(trigger));
      expect(await queue.getJob(`run-${run!.id}`)).toMatchObject({ name: 'train', data: { runId: run!.id } });
    } finally {
      await queue.close();
    }
  });

  it('queues nothing when a model is active, or when training on start is turned off', async () => {
    const conn = await getConnection();
    expect(await trainIfNoActiveModel(conn, { onStart: false }, queue)).toBeNull();
    await versionTrainedUpTo(0, 'active');
    expect(await trainIfNoActiveModel(conn, { onStart: true }, queue)).toBeNull();
    expect(await listRuns(conn)).toEqual([]);
  });
});
