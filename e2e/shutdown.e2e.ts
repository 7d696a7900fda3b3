import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { processTree } from '@/workers/bench/process-tree';
import { createScratchDatabase } from '@/workers/bench/scratch-database';
import { startServerProcess, type ServerProcess } from '@/workers/server-process';
import { adminUrl, deleteRedisKeys, redisUrl, servicesReachable } from './services';

/**
 * SIGTERM under load, against the production server in both deployments: every request gets
 * an answer, every acknowledged event is stored, readiness turns 503 while the server drains,
 * and the process exits 0 within TAILOR_SHUTDOWN_SECONDS.
 */

const BOUND_SECONDS = 15;
const LOAD_BEFORE_SIGNAL_MS = 2_000;
const EVENT_SENDERS = 6;
const EVENTS_PER_BATCH = 200;
const FEED_READERS = 3;
const HEALTH_POLLERS = 3;
const HEALTH_POLL_MS = 20;
/** Start-up (migrations, web processes loading), two seconds of load and the drain, on a slow machine. */
const TEST_TIMEOUT_MS = 180_000;

const servicesUp = await servicesReachable();
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

type Kind = 'events' | 'feed' | 'health';

interface Outcome {
  kind: Kind;
  sentAt: number;
  /** The HTTP status, or the socket error's code when no answer came. */
  status: number | null;
  /** Sent over a connection kept alive from an earlier request (which the server had accepted). */
  reused: boolean;
  error: string | null;
  body: string;
  eventIds: string[];
}

describe('shutdown under load', () => {
  it('embedded (PGlite), stopped by SIGTERM to `npm start`: nothing dropped, no process left behind', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tailor-shutdown-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const server = await startServerProcess({ ...quietServer(), DATABASE_URL: '', REDIS_URL: '', TAILOR_DATA_DIR: dataDir }, 3471, { viaNpm: true });
    const tree = processTree(server.pid);
    expect(tree.length).toBeGreaterThan(1); // npm and the server it runs

    const run = await stopUnderLoad(server);

    expectNothingDropped(run);
    const db = new PGlite(path.join(dataDir, 'pglite'));
    try {
      expect(await storedCount((sql, ids) => db.query<{ count: number }>(sql, [ids]).then((result) => Number(result.rows[0]?.count)), run.acknowledgedEventIds)).toBe(run.acknowledgedEventIds.length);
    } finally {
      await db.close();
    }
    await expectGone(tree);
    await expect(fetch(server.url)).rejects.toThrow();
  }, TEST_TIMEOUT_MS);

  it.skipIf(!servicesUp)('PostgreSQL and Redis, two web processes, SIGTERM to the server: nothing dropped', async () => {
    const scratch = await createScratchDatabase(adminUrl, `tailor_shutdown_${process.pid}`);
    const prefix = `tailor:shutdown:${process.pid}:`;
    cleanups.push(scratch.drop, () => deleteRedisKeys(prefix));
    const server = await startServerProcess(
      { ...quietServer(), DATABASE_URL: scratch.url, REDIS_URL: redisUrl, TAILOR_REDIS_PREFIX: prefix, TAILOR_WEB_CONCURRENCY: '2', TAILOR_ANONYMOUS_SCOPES: 'recommend,events' },
      3472,
    );

    const run = await stopUnderLoad(server);

    expectNothingDropped(run);
    const sql = postgres(scratch.url, { max: 1, onnotice: () => undefined });
    try {
      expect(await storedCount((text, ids) => sql.unsafe(text, [ids]).then((rows) => Number(rows[0]?.count)), run.acknowledgedEventIds)).toBe(run.acknowledgedEventIds.length);
    } finally {
      await sql.end();
    }
  }, TEST_TIMEOUT_MS);
});

function quietServer(): Record<string, string> {
  return { TAILOR_SEED_DEMO: 'false', TAILOR_TRAIN_ON_START: 'false', TAILOR_LOG_LEVEL: 'warn', TAILOR_SHUTDOWN_SECONDS: String(BOUND_SECONDS) };
}

interface ShutdownRun {
  outcomes: Outcome[];
  signalAt: number;
  exitAt: number;
  exitCode: number | null;
  acknowledgedEventIds: string[];
}

/** Loads the server, sends SIGTERM mid-load, keeps sending until it refuses connections, and waits for it to exit. */
async function stopUnderLoad(server: ServerProcess): Promise<ShutdownRun> {
  const outcomes: Outcome[] = [];
  let exited = false;
  const exit = server.exited.then((code) => {
    exited = true;
    return { code, at: performance.now() };
  });
  const loops = [
    ...Array.from({ length: EVENT_SENDERS }, (_, sender) => keepSending(server.url, 'events', sender, outcomes, () => exited)),
    ...Array.from({ length: FEED_READERS }, (_, reader) => keepSending(server.url, 'feed', reader, outcomes, () => exited)),
    ...Array.from({ length: HEALTH_POLLERS }, (_, poller) => keepSending(server.url, 'health', poller, outcomes, () => exited)),
  ];
  // A load balancer's probe: its kept-alive connection is idle when the signal comes, so the
  // server keeps it through the grace and answers the next check (the pollers' connections close
  // with the answer that was under way at the signal, and they cannot connect again).
  const probe = new Agent({ keepAlive: true, maxSockets: 1 });
  expect((await send(probe, server.url, 'health', 0, [])).status).not.toBeNull();
  await new Promise((resolve) => setTimeout(resolve, LOAD_BEFORE_SIGNAL_MS));
  const signalAt = performance.now();
  process.kill(server.pid, 'SIGTERM');
  const probed = probeUntilStopping(probe, server.url, outcomes);
  const { code, at } = await exit;
  await Promise.all([...loops, probed]);
  const acknowledgedEventIds = outcomes.filter((outcome) => outcome.kind === 'events' && outcome.status === 200).flatMap((outcome) => outcome.eventIds);
  const after = outcomes.filter((outcome) => outcome.sentAt >= signalAt);
  const tally = new Map<string, number>();
  for (const outcome of outcomes) {
    const key = `${outcome.kind} ${outcome.sentAt < signalAt ? 'before' : 'after'} ${outcome.status ?? outcome.error}`;
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  console.log(
    `shutdown: ${outcomes.length} requests (${after.length} after SIGTERM), ${acknowledgedEventIds.length} events acknowledged; exited ${code} ${Math.round(at - signalAt)} ms after SIGTERM`,
    Object.fromEntries(tally),
  );
  return { outcomes, signalAt, exitAt: at, exitCode: code, acknowledgedEventIds };
}

function expectNothingDropped(run: ShutdownRun): void {
  const answeredBefore = run.outcomes.filter((outcome) => outcome.sentAt < run.signalAt && outcome.status !== null);
  expect(answeredBefore.filter((outcome) => outcome.kind === 'events').length).toBeGreaterThan(EVENT_SENDERS);
  // Answered well: 2xx, or 503 from health once the server is stopping (a check under way when the signal came).
  const badAnswers = run.outcomes.filter(
    (outcome) => outcome.status !== null && outcome.status >= 300 && !(outcome.status === 503 && (outcome.kind === 'health' || outcome.sentAt >= run.signalAt)),
  );
  expect(distinct(badAnswers)).toEqual([]);
  // A request on a connection the server accepted is always answered. Only a new connection may
  // fail, refused or reset while the listener closes, before the server read anything from it.
  const unanswered = run.outcomes.filter((outcome) => outcome.status === null && (outcome.reused || !['ECONNREFUSED', 'ECONNRESET'].includes(outcome.error ?? '')));
  expect(distinct(unanswered)).toEqual([]);
  const stopping = run.outcomes.filter((outcome) => outcome.kind === 'health' && outcome.status === 503);
  expect(stopping.length).toBeGreaterThan(0);
  expect(JSON.parse(stopping[0]!.body)).toMatchObject({ status: 'stopping' });
  expect(run.exitCode).toBe(0);
  expect(run.exitAt - run.signalAt).toBeLessThan(BOUND_SECONDS * 1000);
  expect(run.acknowledgedEventIds.length).toBeGreaterThan(0);
}

/** Each kind of bad outcome once, so a failure reads as a list of problems, not of requests. */
function distinct(outcomes: Outcome[]): string[] {
  return [...new Set(outcomes.map((outcome) => `${outcome.kind}${outcome.reused ? ' (kept-alive connection)' : ''}: ${outcome.status ?? outcome.error} ${outcome.body.slice(0, 200)}`))];
}

/** One client on its own kept-alive connection, sending back to back until the server refuses it or has exited. */
async function keepSending(baseUrl: string, kind: Kind, client: number, outcomes: Outcome[], exited: () => boolean): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    for (let sequence = 0; !exited(); sequence++) {
      const eventIds = kind === 'events' ? Array.from({ length: EVENTS_PER_BATCH }, (_, index) => `shutdown-${client}-${sequence}-${index}`) : [];
      const sentAt = performance.now();
      const answer = await send(agent, baseUrl, kind, client, eventIds);
      outcomes.push({ kind, sentAt, eventIds, ...answer });
      if (answer.error === 'ECONNREFUSED') return;
      if (kind === 'health') await new Promise((resolve) => setTimeout(resolve, HEALTH_POLL_MS));
    }
  } finally {
    agent.destroy();
  }
}

/** Checks health on `agent`'s connection every 100 ms until it answers 503 or the connection is gone. */
async function probeUntilStopping(agent: Agent, baseUrl: string, outcomes: Outcome[]): Promise<void> {
  try {
    for (let attempt = 0; attempt < 30; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const sentAt = performance.now();
      const answer = await send(agent, baseUrl, 'health', 0, []);
      outcomes.push({ kind: 'health', sentAt, eventIds: [], ...answer });
      if (answer.status !== 200) return;
    }
  } finally {
    agent.destroy();
  }
}

function send(agent: Agent, baseUrl: string, kind: Kind, client: number, eventIds: string[]): Promise<Pick<Outcome, 'status' | 'reused' | 'error' | 'body'>> {
  const user = `shutdown-user-${client}`;
  const target =
    kind === 'events'
      ? { method: 'POST', path: '/api/v1/events', body: JSON.stringify({ events: eventIds.map((id, index) => ({ event_id: id, user_id: user, item_id: `item-${index % 50}`, type: 'view' })) }) }
      : { method: 'GET', path: kind === 'feed' ? `/api/v1/recommendations?user=${user}` : '/api/v1/health', body: undefined };
  return new Promise((resolve) => {
    const outgoing = request(`${baseUrl}${target.path}`, { method: target.method, agent, headers: target.body ? { 'content-type': 'application/json' } : {} }, (incoming) => {
      let body = '';
      incoming.on('data', (chunk: Buffer) => (body += chunk.toString()));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? null, reused: outgoing.reusedSocket, error: null, body }));
      incoming.on('error', (error: NodeJS.ErrnoException) => resolve({ status: null, reused: outgoing.reusedSocket, error: error.code ?? error.message, body }));
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => resolve({ status: null, reused: outgoing.reusedSocket, error: error.code ?? error.message, body: '' }));
    outgoing.end(target.body);
  });
}

async function storedCount(count: (sql: string, ids: string[]) => Promise<number>, ids: string[]): Promise<number> {
  return count('select count(distinct event_id)::int as count from events where event_id = any($1)', ids);
}

/** Every process of the tree (npm, the server, its helpers) has exited: nothing keeps serving or holding the data. */
async function expectGone(pids: number[]): Promise<void> {
  const alive = () => pids.filter((pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  });
  const deadline = Date.now() + 5_000;
  while (alive().length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(alive()).toEqual([]);
}
