import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startServerProcess } from '@/workers/server-process';

const PORT = 3456;

/** The production server on a fresh embedded database, seeded with a small demo world. */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tailor-e2e-'));
  const server = await startServerProcess(
    { DATABASE_URL: '', REDIS_URL: '', TAILOR_DATA_DIR: dataDir, TAILOR_SEED_DEMO: 'true', TAILOR_DEMO_SCALE: '0.2', TAILOR_LOG_LEVEL: 'warn' },
    PORT,
  );
  project.provide('baseUrl', server.url);
  return async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
