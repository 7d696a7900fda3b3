import { afterAll, inject } from 'vitest';
import postgres from 'postgres';
import { randomBytes } from 'node:crypto';
import { closeConnection } from '@/db';
import { closeCache } from '@/lib/cache';
import { resetConfigForTests } from '@/lib/config';
import { drainExposureWriter } from '@/lib/experiments/exposure';
import { drainImpressionWriter } from '@/lib/impressions';
import { closeFeatureStore } from '@/lib/realtime';
import { closeChanges } from '@/lib/runtime/changes';
import { closeTrainingQueue } from '@/lib/training/dispatch';

/**
 * Every test file gets storage of its own: an in-memory PGlite in the embedded pass, a clone of
 * the migrated template database and a fresh Redis key prefix in the services pass.
 */
if (process.env.TAILOR_TEST_SERVICES) {
  const run = inject('servicesRun');
  const fileId = randomBytes(4).toString('hex');
  const database = `tailor_test_${run.runId}_${fileId}`;
  const admin = postgres(run.adminUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${database} template ${run.template}`);
  await admin.end();
  const url = new URL(run.adminUrl);
  url.pathname = `/${database}`;
  process.env.DATABASE_URL = url.toString();
  process.env.DATABASE_POOL_SIZE = '4';
  process.env.REDIS_URL = run.redisUrl;
  process.env.TAILOR_REDIS_PREFIX = `tailor:test:${run.runId}:${fileId}:`;
}
resetConfigForTests();

afterAll(async () => {
  await closeTrainingQueue();
  await closeCache();
  await closeFeatureStore();
  await closeChanges();
  await drainImpressionWriter();
  await drainExposureWriter();
  await closeConnection();
});
