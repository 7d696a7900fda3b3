import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.resolve(import.meta.dirname, '..');

/** Browser tests: one production server for the run, Debian's Chromium driven by playwright-core. */
export default defineConfig({
  root,
  resolve: { alias: { '@': root } },
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: [path.join(root, 'e2e/server-setup.ts')],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
