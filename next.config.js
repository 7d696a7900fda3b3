// @ts-check
const { buildInfo } = require('./workers/build-info.cjs');

const { version, build } = buildInfo(__dirname);

/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `forbidden()` answers 403 for pages a role may not open (lib/auth/guard.ts).
  experimental: { authInterrupts: true },
  // Native addons and the WASM database cannot be bundled; Node loads them at run time.
  serverExternalPackages: [
    'hnswlib-node',
    'onnxruntime-node',
    '@electric-sql/pglite',
    'postgres',
    'ioredis',
    'bullmq',
    'prom-client',
    // pino's optional transports run in worker threads, which must load from node_modules, not a bundle.
    'pino',
    'pino-pretty',
    'thread-stream',
    'drizzle-orm',
  ],
  env: {
    TAILOR_VERSION: version,
    TAILOR_BUILD: build,
  },
};
