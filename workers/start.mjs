/**
 * `npm start` (and `npm run worker`, with `worker`): runs the compiled server (.next/tailor/server.js)
 * or worker in this process, so signals reach its graceful shutdown. A checkout that was never
 * built, or whose sources changed since, is built first (`npm run build`), so
 * `npm install && npm start` works from a fresh clone.
 */
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { build, canBuild, compiledEntry, needsBuild } from './build.mjs';

const root = process.cwd();
const entry = compiledEntry(root, process.argv[2] === 'worker' ? 'worker' : 'server');

// A forked web process runs what its primary checked (and built).
if (cluster.isPrimary && needsBuild(root)) {
  if (canBuild(root)) {
    console.log('Building Tailor (first start, or sources changed)…');
    await build(root);
  } else if (existsSync(entry)) {
    console.warn('Sources changed since the build; serving that build (an install without devDependencies cannot rebuild).');
  } else {
    console.error('Tailor is not built, and an install without devDependencies cannot build it: run `npm run build` before `npm install --omit=dev`.');
    process.exit(1);
  }
}
await import(pathToFileURL(entry).href);
