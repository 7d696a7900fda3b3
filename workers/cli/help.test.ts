import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const scripts: Record<string, string> = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts;
/** Every command-line tool among the npm scripts, as `[script, entry file]`. */
const tools = Object.entries(scripts).flatMap(([name, command]) => {
  const entry = command.match(/^(?:tsx --conditions=react-server|node) (workers\/\S+\.(?:ts|mjs))$/)?.[1];
  return entry ? [[name, entry] as const] : [];
});
const scratch = mkdtempSync(path.join(tmpdir(), 'tailor-help-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('--help', () => {
  it('is offered by every tool', () => {
    expect(tools.map(([name]) => name)).toEqual(expect.arrayContaining(['build', 'train', 'eval', 'import', 'simulate', 'user:create', 'sdk:generate', 'bench:als', 'bench:train', 'bench:ingest', 'bench:serve']));
  });

  it.each(tools)('npm run %s -- --help prints the usage and does nothing else', (name, entry) => {
    const dataDir = path.join(scratch, name.replace(':', '-'));
    const loader = entry.endsWith('.ts') ? ['--conditions=react-server', '--import', 'tsx'] : [];
    const result = spawnSync(process.execPath, [...loader, entry, '--help'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 20_000,
      // Storage a tool would open (and create) if it started working.
      env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', TAILOR_DATA_DIR: dataDir, TAILOR_SEED_DEMO: 'false' },
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run /);
    expect(existsSync(dataDir)).toBe(false);
  });
});
