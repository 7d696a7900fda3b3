/**
 * `npm run bench:ingest`: event ingest throughput of the production server on PostgreSQL.
 * Concurrent clients post batches of 100 events, then single events; every acknowledged event
 * is counted and checked against the table at the end.
 */
import autocannon from 'autocannon';
import postgres from 'postgres';
import { z } from 'zod';
import { commandLineOrExit } from '../cli/args';
import { createScratchDatabase } from './scratch-database';
import { startServerProcess } from '../server-process';

const optionsSchema = z.object({
  'admin-url': z.string().default('postgres://postgres@127.0.0.1:5432/postgres'),
  duration: z.coerce.number().int().min(1).default(20),
  /** Batch clients: a light and a heavy load, to show how group commit scales with concurrency. */
  'batch-connections': z
    .string()
    .default('16,64')
    .transform((list) => list.split(',').map(Number))
    .pipe(z.array(z.number().int().min(1)).min(1)),
  'single-connections': z.coerce.number().int().min(1).default(64),
  port: z.coerce.number().int().default(3100),
});

const EVENT_TYPES = ['view', 'view', 'view', 'click', 'click', 'like', 'add_to_cart'];
const USERS = 20_000;
const ITEMS = 10_000;

interface ModeResult {
  mode: string;
  requestsPerSecond: number;
  eventsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  accepted: number;
}

/** Every event id the server acknowledged as accepted; checked against the table at the end. */
const acknowledged: string[] = [];

interface Pending {
  eventIds?: string[];
}

let sequence = 0;
function makeEvent(prefix: string) {
  sequence += 1;
  return {
    event_id: `${prefix}-${sequence}`,
    user_id: `u${Math.floor(Math.random() * USERS)}`,
    item_id: `i${Math.floor(Math.random() * ITEMS)}`,
    type: EVENT_TYPES[Math.floor(Math.random() * EVENT_TYPES.length)],
    session_id: 'bench',
    context: { device: 'bench', page: 'home' },
  };
}

async function drive(url: string, mode: string, batchSize: number, connections: number, duration: number): Promise<ModeResult> {
  let accepted = 0;
  let failedBodies = 0;
  const result = await autocannon({
    url,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/events',
        headers: { 'content-type': 'application/json' },
        // One request in flight per connection, so the connection's context knows what it sent.
        setupRequest: (request, context: Pending) => {
          const events = Array.from({ length: batchSize }, () => makeEvent(mode));
          context.eventIds = events.map((event) => event.event_id);
          return { ...request, body: JSON.stringify(batchSize === 1 ? events[0] : events) };
        },
        onResponse: (status, body, context: Pending) => {
          if (status !== 200) {
            failedBodies += 1;
            return;
          }
          const response = JSON.parse(body) as { accepted: number; duplicate_event_ids: string[] };
          const duplicates = new Set(response.duplicate_event_ids);
          for (const eventId of context.eventIds ?? []) if (!duplicates.has(eventId)) acknowledged.push(eventId);
          accepted += response.accepted;
        },
      },
    ],
  });
  const requestsPerSecond = result.requests.average;
  return {
    mode,
    requestsPerSecond,
    eventsPerSecond: accepted / duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx + failedBodies,
    accepted,
  };
}

async function main() {
  const options = commandLineOrExit({
    options: Object.fromEntries(Object.keys(optionsSchema.shape).map((name) => [name, { type: 'string' as const }])),
    schema: optionsSchema,
    usage: 'Usage: npm run bench:ingest -- [--duration 20] [--batch-connections 16,64] [--single-connections 64] [--port 3100] [--admin-url postgres://…]',
  });
  const database = await createScratchDatabase(options['admin-url'], 'tailor_bench_ingest');
  console.log(`Starting the production server on PostgreSQL (${database.url.replace(/\/\/.*@/, '//')})…`);
  const server = await startServerProcess({ DATABASE_URL: database.url, TAILOR_SEED_DEMO: 'false', TAILOR_LOG_LEVEL: 'warn', TAILOR_ANONYMOUS_SCOPES: 'events' }, options.port);
  const results: ModeResult[] = [];
  try {
    console.log('Warming up (5 s)…');
    const warmup = await drive(server.url, 'warmup', 100, 16, 5);
    for (const clients of options['batch-connections']) {
      console.log(`Batches of 100 with ${clients} clients for ${options.duration} s…`);
      results.push(await drive(server.url, `batch×${clients}`, 100, clients, options.duration));
    }
    console.log(`Single events with ${options['single-connections']} clients for ${options.duration} s…`);
    results.push(await drive(server.url, `single×${options['single-connections']}`, 1, options['single-connections'], options.duration));
    results.forEach((result) => printResult(result));
    console.log(`(warm-up accepted ${warmup.accepted} events)`);
    await countCheck(database.url);
  } finally {
    await server.stop();
    await database.drop();
  }
}

function printResult(result: ModeResult) {
  console.log(
    `${result.mode.padEnd(10)} ${result.requestsPerSecond.toFixed(0).padStart(7)} req/s ${result.eventsPerSecond.toFixed(0).padStart(8)} events/s accepted+durable   p50 ${result.p50} ms   p99 ${result.p99} ms   errors ${result.errors}`,
  );
}

/**
 * Requests still in flight when a run's clock stops may be stored without their response being
 * read; those rows are counted apart. What matters: every acknowledged event is there, once.
 */
async function countCheck(url: string) {
  const sql = postgres(url, { max: 1 });
  let found = 0;
  for (let start = 0; start < acknowledged.length; start += 50_000) {
    const chunk = acknowledged.slice(start, start + 50_000);
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from events where event_id = any(${chunk})`;
    found += row?.n ?? 0;
  }
  const [totals] = await sql<{ total: number; distinct_ids: number }[]>`select count(*)::int as total, count(distinct event_id)::int as distinct_ids from events`;
  await sql.end();
  const exact = found === acknowledged.length && totals?.total === totals?.distinct_ids;
  console.log(
    `count check: ${acknowledged.length} acknowledged, ${found} of them stored, ${totals?.total} rows with ${totals?.distinct_ids} distinct ids` +
      ` (${(totals?.total ?? 0) - found} stored for requests cut off at the end) → ${exact ? 'OK: every accepted event stored exactly once' : 'FAILED'}`,
  );
  if (!exact) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
