import postgres from 'postgres';
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';

/**
 * The services pass: one run id, a migrated template database that each test file clones,
 * and a Redis key prefix per run. Everything the run created is dropped at the end.
 */
export default async function setup(project: TestProject) {
  const adminUrl = process.env.DATABASE_URL;
  // The cluster pass names its own Redis in its project's environment.
  const redisUrl = project.config.env.REDIS_URL || process.env.REDIS_URL;
  if (!adminUrl || !redisUrl) throw new Error('the services pass needs DATABASE_URL and REDIS_URL');
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const template = `tailor_test_${runId}_template`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${template}`);
  const templateUrl = withDatabase(adminUrl, template);
  await migrate(templateUrl);

  project.provide('servicesRun', { runId, template, adminUrl, redisUrl });

  return async () => {
    const databases = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`tailor_test_${runId}_%`}`;
    for (const { datname } of databases) await admin.unsafe(`drop database if exists ${datname} with (force)`);
    await admin.end();
    const { createRedisClient, RedisCache } = await import('@/lib/cache/redis');
    const redis = new RedisCache(createRedisClient(redisUrl, ''));
    await redis.deletePrefixes([`tailor:test:${runId}:`]);
    await redis.close();
  };
}

async function migrate(url: string) {
  const { connect } = await import('@/db/client');
  const connection = await connect({ kind: 'postgres', url, poolSize: 2 });
  await connection.close();
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    servicesRun: { runId: string; template: string; adminUrl: string; redisUrl: string };
  }
}
