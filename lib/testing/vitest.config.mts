import path from 'node:path';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const root = path.resolve(import.meta.dirname, '../..');
// Route tests exercise behaviour, not access; lib/api/v1/access.integration.test.ts turns this off.
const OPEN_API = { TAILOR_ANONYMOUS_SCOPES: 'admin' };
// Every request logs a line at info; tests that read logs direct them (logToForTests).
const QUIET = { TAILOR_LOG_LEVEL: 'warn' };
const servicesConfigured = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
// `.ci/redis-cluster.sh start` prints one: redis+cluster://127.0.0.1:7000,...
const clusterUrl = process.env.REDIS_CLUSTER_URL;

const embedded: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: 'embedded',
    include: ['lib/**/*.test.ts', 'db/**/*.test.ts', 'workers/**/*.test.ts'],
    // Empty means unset: this pass must not touch the services even when CI exports their URLs.
    env: { DATABASE_URL: '', REDIS_URL: '', TAILOR_DATA_DIR: 'memory://', TAILOR_SEED_DEMO: 'false', ...OPEN_API, ...QUIET },
  },
};

// Only the tests that touch storage need the second pass; pure code runs once.
const services: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: 'services',
    include: ['lib/**/*.integration.test.ts', 'db/**/*.integration.test.ts', 'workers/**/*.integration.test.ts'],
    env: { TAILOR_SEED_DEMO: 'false', TAILOR_TEST_SERVICES: '1', ...OPEN_API, ...QUIET },
    globalSetup: [path.join(root, 'lib/testing/services-global-setup.ts')],
  },
};

// The tests whose Redis keys, scripts, queues or channels a Redis Cluster treats differently, again
// with REDIS_URL naming the cluster: a small third pass, not the whole services suite.
const cluster: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: 'cluster',
    include: [
      'lib/cache/**/*.integration.test.ts',
      'lib/realtime/**/*.integration.test.ts',
      'lib/runtime/changes.integration.test.ts',
      'lib/training/dispatch.integration.test.ts',
      'lib/users/forget.integration.test.ts',
      'lib/users/artifacts.integration.test.ts',
      'lib/api/v1/changes.integration.test.ts',
    ],
    env: { ...services.test!.env, REDIS_URL: clusterUrl },
    globalSetup: services.test!.globalSetup,
  },
};

export default defineConfig({
  root,
  resolve: {
    alias: {
      '@': root,
      // The marker only matters to Next's client bundles; tests run server code directly.
      'server-only': path.join(root, 'lib/testing/server-only.ts'),
    },
  },
  test: {
    setupFiles: [path.join(root, 'lib/testing/setup.ts')],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: servicesConfigured ? [embedded, services, ...(clusterUrl ? [cluster] : [])] : [embedded],
  },
});
