import cluster, { type Worker } from 'node:cluster';
import { log } from '@/lib/runtime/log';

/** A web process that dies sooner than this after starting counts as a crash at start-up. */
const QUICK_DEATH_MS = 30_000;
const RESTART_DELAY_MS = 1_000;
const MAX_RESTART_DELAY_MS = 30_000;

export interface WebProcesses {
  /** Resolves once every web process listens. */
  ready: Promise<void>;
  /**
   * Passes `signal` on to every web process and resolves when all have exited, with how many
   * did not exit cleanly (a non-zero code, or still running after `withinMs` and killed).
   */
  stop(signal: NodeJS.Signals, withinMs: number): Promise<number>;
}

/**
 * The primary of `npm start` in production: forks `count` web processes that share the port
 * (node's cluster module hands each new connection to one of them) and replaces one that dies.
 * A process that keeps dying at start-up is restarted ever more slowly, not in a tight loop.
 */
export function superviseWebProcesses(count: number): WebProcesses {
  let stopping = false;
  let quickDeaths = 0;
  const startedAt = new Map<Worker, number>();
  let listening = 0;
  let announceReady!: () => void;
  const ready = new Promise<void>((resolve) => (announceReady = resolve));

  const fork = () => {
    // A fork runs this same entry (workers/start.mjs, or workers/server.ts under tsx) with process.execArgv.
    const worker = cluster.fork();
    startedAt.set(worker, Date.now());
    worker.once('listening', () => {
      listening += 1;
      if (listening === count) announceReady();
    });
    worker.once('exit', (code, signal) => {
      const lived = Date.now() - (startedAt.get(worker) ?? 0);
      startedAt.delete(worker);
      if (stopping) return;
      quickDeaths = lived < QUICK_DEATH_MS ? quickDeaths + 1 : 0;
      const delay = Math.min(MAX_RESTART_DELAY_MS, RESTART_DELAY_MS * 2 ** Math.max(0, quickDeaths - 1));
      log.error(`web process ${worker.process.pid} exited (${signal ?? `code ${code}`}) after ${Math.round(lived / 1000)} s; starting another in ${delay / 1000} s`);
      setTimeout(() => {
        if (!stopping) fork();
      }, delay);
    });
  };

  for (let i = 0; i < count; i++) fork();

  return {
    ready,
    async stop(signal, withinMs) {
      stopping = true;
      const running = [...startedAt.keys()].filter((worker) => !worker.isDead());
      const clean = await Promise.all(running.map((worker) => stopWorker(worker, signal, withinMs)));
      return clean.filter((stoppedCleanly) => !stoppedCleanly).length;
    },
  };
}

/** Resolves true when the process exits 0 by itself within `withinMs`. */
function stopWorker(worker: Worker, signal: NodeJS.Signals, withinMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const killer = setTimeout(() => {
      log.error(`web process ${worker.process.pid} still running ${withinMs / 1000} s after ${signal}: killing it`);
      worker.process.kill('SIGKILL');
    }, withinMs);
    worker.once('exit', (code, exitSignal) => {
      clearTimeout(killer);
      if (code !== 0) log.error(`web process ${worker.process.pid} stopped with ${exitSignal ?? `code ${code}`}`);
      resolve(code === 0);
    });
    worker.process.kill(signal);
  });
}
