// @ts-check
const { execSync } = require('node:child_process');
const path = require('node:path');

/**
 * The version and build that health reports: package.json's version and the commit built from.
 * Inlined at build time into the app (next.config.js) and the compiled server (workers/build.mjs).
 * @param {string} root
 */
function buildInfo(root) {
  const { version } = require(path.join(root, 'package.json'));
  return { version, build: `${version}+${commit(root)}` };
}

/** @param {string} root */
function commit(root) {
  try {
    return execSync('git rev-parse --short HEAD', { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return 'unknown';
  }
}

module.exports = { buildInfo };
