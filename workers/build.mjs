/**
 * `npm run build`: builds the Next app, then compiles the server, the worker, the training thread
 * and the operations CLIs to plain JavaScript in `.next/tailor/`, so `npm start` and
 * `npm run worker` run `node` alone (no tsx, no devDependencies at run time). Plain JavaScript
 * itself, because `npm start` (workers/start.mjs) calls it before anything is compiled.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { buildInfo } = require('./build-info.cjs');

export const COMPILED_DIR = path.join('.next', 'tailor');

/** Entry points compiled to `.next/tailor/<name>.js`. */
const ENTRIES = {
  server: 'workers/server.ts',
  worker: 'workers/worker.ts',
  'training-thread': 'workers/training-thread.ts',
  'cli/train': 'workers/cli/train.ts',
  'cli/eval': 'workers/cli/eval.ts',
  'cli/import': 'workers/cli/import.ts',
  'cli/user-create': 'workers/cli/user-create.ts',
};

const SOURCES = ['app', 'components', 'lib', 'db', 'workers', 'public', 'next.config.js', 'package.json', 'tsconfig.json'];

const USAGE = `Usage: npm run build [-- --if-needed]

Builds the Next app (.next/) and compiles the server, worker and CLIs to .next/tailor/.
  --if-needed  only when the build is missing or older than a source file`;

/** @param {'server' | 'worker'} name */
export function compiledEntry(root, name) {
  return path.join(root, COMPILED_DIR, `${name}.js`);
}

/** A build is missing, or stale: a source it is made from changed after it. */
export function needsBuild(root) {
  const marker = path.join(root, '.next', 'BUILD_ID');
  if (!existsSync(marker) || !existsSync(compiledEntry(root, 'server'))) return true;
  const builtAt = statSync(marker).mtimeMs;
  return SOURCES.some((source) => newestChange(path.join(root, source)) > builtAt);
}

function newestChange(target) {
  if (!existsSync(target)) return 0;
  const stats = statSync(target);
  if (!stats.isDirectory()) return target.endsWith('.test.ts') ? 0 : stats.mtimeMs;
  return readdirSync(target).reduce((newest, entry) => Math.max(newest, newestChange(path.join(target, entry))), stats.mtimeMs);
}

/**
 * Building takes the devDependencies (TypeScript for Next, esbuild for the server); a tree
 * installed with `npm install --omit=dev` has neither, and runs the build it was shipped with.
 */
export function canBuild(root) {
  const resolve = createRequire(path.join(root, 'package.json')).resolve;
  try {
    resolve('esbuild');
    resolve('typescript');
    return true;
  } catch {
    return false;
  }
}

export async function build(root) {
  await runNextBuild(root);
  await compileServer(root);
}

function runNextBuild(root) {
  return new Promise((resolve, reject) => {
    const next = createRequire(path.join(root, 'package.json')).resolve('next/dist/bin/next');
    const child = spawn(process.execPath, [next, 'build'], { cwd: root, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build exited with code ${code}`))));
  });
}

/**
 * `server-only` guards Next's client bundles; in a compiled server it is an empty module, bundled,
 * so the output runs without `--conditions=react-server`.
 */
const serverOnlyMarker = {
  name: 'server-only',
  setup(build) {
    build.onResolve({ filter: /^server-only$/ }, () => ({ path: 'server-only', namespace: 'empty' }));
    build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: '' }));
  },
};

/**
 * One bundle per entry with the project's own code inside (the `@/` alias resolved, `server-only`
 * emptied) and every other package left to Node at run time: the native addons
 * and Next must load from node_modules. The version and build are inlined as Next inlines them in
 * the app (next.config.js), so health reports the same values from either.
 */
export async function compileServer(root) {
  const esbuild = await import('esbuild');
  const { version, build } = buildInfo(root);
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, source]) => [name, path.join(root, source)])),
    outdir: path.join(root, COMPILED_DIR),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    plugins: [serverOnlyMarker],
    tsconfig: path.join(root, 'tsconfig.json'),
    sourcemap: true,
    logLevel: 'warning',
    define: {
      'process.env.TAILOR_VERSION': JSON.stringify(version),
      'process.env.TAILOR_BUILD': JSON.stringify(build),
      // lib/training/thread.ts starts this compiled thread rather than the tsx one.
      TAILOR_COMPILED_THREAD: JSON.stringify(path.join(COMPILED_DIR, 'training-thread.js')),
    },
  });
}

async function main(argv) {
  if (argv.includes('--help') || argv.includes('-h')) return console.log(USAGE);
  const unknown = argv.filter((arg) => arg !== '--if-needed');
  if (unknown.length > 0) {
    console.error(`error: unknown option ${unknown[0]}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const root = process.cwd();
  if (argv.includes('--if-needed') && !needsBuild(root)) return;
  await build(root);
  console.log(`Compiled the server, worker and CLIs to ${COMPILED_DIR}/`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
