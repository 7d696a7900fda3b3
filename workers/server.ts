/**
 * `npm start`: the production server (compiled by `npm run build`; workers/start.mjs builds a
 * missing or stale build first). It migrates the database, seeds the demo world into an empty
 * embedded database, then serves the console and the API: in this process, or, with PostgreSQL
 * and Redis, in one forked web process per core sharing the port. On SIGTERM or SIGINT it
 * reports itself stopping, stops accepting, answers the requests it holds, drains pending
 * writes, closes its connections and exits 0, all within TAILOR_SHUTDOWN_SECONDS.
 */
import cluster from 'node:cluster';
import { createServer } from 'node:http';
import { getConfig, type Config } from '@/lib/config';
import { closeConnection, getConnection } from '@/db';
import { ensureDemoKey, issueSetupPath } from '@/lib/auth/setup';
import { closeCache } from '@/lib/cache';
import { drainEventIngestor } from '@/lib/events/ingestor';
import { startBanditSchedule } from '@/lib/experiments/bandit';
import { drainExposureWriter } from '@/lib/experiments/exposure';
import { drainImpressionWriter } from '@/lib/impressions';
import { closeFeatureStore } from '@/lib/realtime';
import { prepareStorage } from '@/lib/runtime/bootstrap';
import { closeChanges } from '@/lib/runtime/changes';
import { beginShutdown } from '@/lib/runtime/shutdown';
import { reloadServingModel, servingCatalog, watchServingModel } from '@/lib/serving/state';
import { startEmbeddedTraining } from '@/lib/training/embedded';
import { closeTrainingQueue } from '@/lib/training/dispatch';
import { trackStages } from './cli/progress';
import { superviseWebProcesses } from './cluster';
import { directRoute, serveDirect } from './direct-routes';
import { gracefulClose } from './http-drain';
import { onShutdown, runMain } from './lifecycle';
import { guardRequest } from './request-guard';

const root = process.cwd();
/** The primary outlasts its web processes' own bound by this much, to collect their exit codes. */
const SUPERVISOR_MARGIN_MS = 2_000;

async function main(): Promise<void> {
  const config = getConfig();
  if (cluster.isWorker) {
    await serveWeb(config);
    return;
  }
  const setupPath = await prepare(config);
  if (config.server.webProcesses > 1) {
    await superviseWeb(config, setupPath);
    return;
  }
  await serveWeb(config);
  announce(config, setupPath);
}

/** The one-time work before serving: migrations, demo seed, the first admin's link. */
async function prepare(config: Config): Promise<string | null> {
  const seeding = trackStages();
  await prepareStorage(seeding.report);
  seeding.finish();
  const conn = await getConnection();
  if (config.seedDemo) await ensureDemoKey(conn);
  return issueSetupPath(conn);
}

async function superviseWeb(config: Config, setupPath: string | null): Promise<void> {
  // The web processes open their own connections; the primary only supervises them.
  await closeConnection();
  const web = superviseWebProcesses(config.server.webProcesses);
  const boundMs = config.shutdownSeconds * 1000;
  onShutdown(async (signal) => {
    console.log(`${signal} received: stopping ${config.server.webProcesses} web processes…`);
    const unclean = await web.stop(signal, boundMs + SUPERVISOR_MARGIN_MS / 2);
    if (unclean > 0) throw new Error(`${unclean} web process(es) did not stop cleanly`);
  }, boundMs + SUPERVISOR_MARGIN_MS);
  await web.ready;
  announce(config, setupPath);
}

/** Loads serving state, then listens: the first request must not pay for loading the model and the catalogue. */
async function serveWeb(config: Config): Promise<void> {
  // Registered first: a signal during start-up (the process is young, or the port is slow to come up) also stops cleanly.
  const stops: (() => void)[] = [];
  let closeServer: () => Promise<void> = async () => undefined;
  onShutdown(async (signal) => {
    // Health answers 503 from now on, so a load balancer sends nothing new here.
    beginShutdown();
    if (cluster.isPrimary) console.log(`${signal} received: answering open requests, draining and shutting down…`);
    for (const stop of stops) stop();
    await closeServer();
    // Every request is answered: what they queued can now be written out for good.
    await closeTrainingQueue();
    await drainEventIngestor();
    await drainImpressionWriter();
    await drainExposureWriter();
    await Promise.allSettled([closeCache(), closeFeatureStore(), closeChanges(), closeConnection()]);
  }, config.shutdownSeconds * 1000);

  await Promise.all([reloadServingModel(), servingCatalog()]);
  stops.push(watchServingModel());
  // With Redis, `npm run worker` processes own training and bandits; embedded, this process does.
  if (!config.redis) stops.push(await startEmbeddedTraining(), startBanditSchedule(getConnection));

  // Next reads NODE_ENV when it loads; the production server must not start in dev mode.
  Object.assign(process.env, { NODE_ENV: 'production' });
  const { default: next } = await import('next');
  const app = next({ dev: false, dir: root, hostname: config.server.hostname, port: config.server.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((request, response) => {
    if (guardRequest(request, response)) return;
    const direct = directRoute(request);
    if (direct) void serveDirect(direct, request, response);
    else void handle(request, response);
  });
  server.keepAliveTimeout = 65_000;
  closeServer = gracefulClose(server);
  await new Promise<void>((resolve) => server.listen(config.server.port, config.server.hostname, resolve));
  // A web process whose primary is gone (killed outright) must not serve on alone.
  if (cluster.isWorker) process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}

function announce(config: Config, setupPath: string | null): void {
  const host = config.server.hostname === '0.0.0.0' ? 'localhost' : config.server.hostname;
  const origin = `http://${host}:${config.server.port}`;
  const processes = config.server.webProcesses > 1 ? `, ${config.server.webProcesses} web processes` : '';
  console.log(`Tailor is ready at ${origin} (database: ${config.database.kind}, cache: ${config.redis ? 'redis' : 'memory'}${processes})`);
  if (setupPath) console.log(`No console users yet. Create the first admin (one-time link, valid 24 h): ${origin}${setupPath}`);
}

runMain(main);
