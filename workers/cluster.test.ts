import cluster from 'node:cluster';
import { get } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { log } from '@/lib/runtime/log';
import { within } from '@/lib/testing/within';
import { superviseWebProcesses, type WebProcesses } from './cluster';

let port = 0;
let supervised: WebProcesses | null = null;

beforeAll(async () => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  cluster.setupPrimary({ exec: path.join(import.meta.dirname, '../lib/testing/web-process-fixture.mjs'), execArgv: [] });
  process.env.WEB_FIXTURE_PORT = String(port);
});

afterEach(async () => {
  await supervised?.stop('SIGTERM', 10_000);
  supervised = null;
  delete process.env.WEB_FIXTURE_CRASH;
  delete process.env.WEB_FIXTURE_IGNORE_SIGTERM;
  vi.restoreAllMocks();
});

/** The pid of the web process that answers a request on a new connection. */
function servedBy(): Promise<number> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/', agent: false }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve(Number(body)));
    }).on('error', reject);
  });
}

async function pidsServing(tries: number): Promise<Set<number>> {
  const pids = new Set<number>();
  for (let i = 0; i < tries; i++) pids.add(await servedBy());
  return pids;
}

const running = () => Object.values(cluster.workers ?? {}).filter((worker) => worker && !worker.isDead());

describe('web processes', () => {
  it('share one port, and all exit when the primary passes on SIGTERM', async () => {
    supervised = superviseWebProcesses(2);
    await within(10_000, supervised.ready);
    expect((await pidsServing(40)).size).toBe(2);
    expect(await supervised.stop('SIGTERM', 10_000)).toBe(0);
    expect(running()).toHaveLength(0);
  });

  it('kills a web process still running when the bound is up, and reports it', async () => {
    vi.spyOn(log, 'error').mockImplementation(() => undefined);
    process.env.WEB_FIXTURE_IGNORE_SIGTERM = '1';
    supervised = superviseWebProcesses(1);
    await within(10_000, supervised.ready);
    const started = Date.now();
    expect(await within(5_000, supervised.stop('SIGTERM', 500))).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(running()).toHaveLength(0);
  });

  it('replaces a web process that dies', async () => {
    vi.spyOn(log, 'error').mockImplementation(() => undefined);
    supervised = superviseWebProcesses(1);
    await within(10_000, supervised.ready);
    const first = await servedBy();
    const replaced = new Promise((resolve) => cluster.once('listening', resolve));
    process.kill(first, 'SIGKILL');
    await within(10_000, replaced);
    expect(await servedBy()).not.toBe(first);
  });

  it('restarts a process that keeps crashing at start-up ever more slowly, not in a tight loop', async () => {
    vi.spyOn(log, 'error').mockImplementation(() => undefined);
    process.env.WEB_FIXTURE_CRASH = '1';
    let forks = 0;
    const count = () => (forks += 1);
    cluster.on('fork', count);
    try {
      supervised = superviseWebProcesses(1);
      await new Promise((resolve) => setTimeout(resolve, 3_500));
      // Forked at once, then after 1 s and 2 more: a tight loop would have forked hundreds.
      expect(forks).toBeGreaterThanOrEqual(2);
      expect(forks).toBeLessThanOrEqual(3);
    } finally {
      cluster.off('fork', count);
    }
  });
});
