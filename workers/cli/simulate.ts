/**
 * `npm run simulate`: synthetic end users against a running server. Demo-world users, with their
 * hidden tastes, request feeds over HTTP; they click with the world's ground-truth probability
 * (true affinity, discounted by position), sometimes like, dislike, skip, add to cart or buy, and
 * come back over simulated days. Events go back through `POST /api/v1/events` with the list's
 * `recommendation_id`, so experiment results see them exactly as they would see real traffic.
 *
 *   npm run simulate -- [--url http://localhost:3000] [--rate 20] [--duration 120] [--seed 1] [--n 10] [--experiment <key>]
 */
import { z } from 'zod';
import { ConfigError, getConfig } from '@/lib/config';
import { generateWorld, type DemoWorld, type DemoWorldParamsInput } from '@/lib/demo/world';
import { MAX_EVENT_BATCH } from '@/lib/events/schema';
import { createEventBatcher, createServerClient, TailorApiError, unwrap, type EventBatcher, type TailorClient } from '@/lib/sdk';
import { sessionsPerDayFor, VisitSchedule, type Visit } from '@/lib/simulation/schedule';
import { itemIndexById, reactToList, visitRandom, type SimulatedEvent } from '@/lib/simulation/user-behaviour';
import { parseCommandLine, USAGE_EXIT_CODE, UsageError } from './args';
import { trackProgress } from './progress';

const USAGE = `Usage: npm run simulate -- [options]

Drives a running Tailor server with demo-world users: feed requests at a fixed rate, clicks and
reactions from the users' hidden tastes, events posted back with each list's recommendation_id.

  --url <url>            server to drive (default http://localhost:3000)
  --rate <n>             feed requests per second (default 20)
  --duration <s>         seconds to run (default 120)
  --seed <n>             simulation seed: who visits when, and how they react (default 1)
  --n <n>                items per feed request, 1-100 (default 10)
  --experiment <key>     print this experiment's results at the end
  --api-key <key>        Authorization: Bearer key for the server's API: scopes recommend and
                         events, plus admin to read users and experiment results; without it the
                         server's anonymous access must allow them (the embedded default allows
                         recommend and events)
  --concurrency <n>      feed requests in flight at most (default 16)
  --days <n>             simulated days the run spans, for returning users (default 7)
  --timestamps <mode>    server: the server stamps events on arrival (default);
                         simulated: events carry the simulated clock, ending now
  --world-seed, --items, --users
                         the demo world the server was seeded with. Without them the world is read
                         from the database when DATABASE_URL is set, and otherwise (PGlite, which
                         one process holds at a time) taken as the default demo world, scaled by
                         TAILOR_DEMO_SCALE, as npm start seeds it.`;

const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const argsSchema = z.object({
  url: z.url({ protocol: /^https?$/ }).default('http://localhost:3000'),
  rate: z.coerce.number().positive().max(10_000).default(20),
  duration: z.coerce.number().positive().max(7 * 86_400).default(120),
  seed: count(0, 2 ** 32 - 1).default(1),
  n: count(1, 100).default(10),
  experiment: z.string().min(1).optional(),
  'api-key': z.string().min(1).optional(),
  concurrency: count(1, 1_024).default(16),
  days: z.coerce.number().positive().max(90).default(7),
  timestamps: z.enum(['server', 'simulated']).default('server'),
  'world-seed': count(0, 2 ** 32 - 1).optional(),
  items: count(1, 2_000_000).optional(),
  users: count(1, 2_000_000).optional(),
});

type Args = z.infer<typeof argsSchema>;

/** What `npm start` seeds (lib/runtime/bootstrap.ts), before TAILOR_DEMO_SCALE. */
const DEMO_WORLD = { seed: 42, items: 5_000, users: 2_000 };
const DAY_MS = 86_400_000;
/** Events per POST: large batches are cheap for the server's group commit, small ones keep events timely. */
const EVENT_BATCH = Math.min(500, MAX_EVENT_BATCH);
const EVENT_FLUSH_MS = 1_000;
/** Retries are safe (event ids are deterministic) and ride out a 503 while the server catches up. */
const RETRIES_ON_503 = 2;
const REQUEST_TIMEOUT_MS = 10_000;
const STATUS_EVERY_MS = 10_000;
/** More unknown items than this in served lists means the server holds a different world. */
const UNKNOWN_ITEM_WARNING = 0.05;
/** Impressions are written off the request path within a fraction of a second; give them time before reading results. */
const RESULTS_SETTLE_MS = 1_500;

const numbers = new Intl.NumberFormat('en-US');
const percent = (value: number | null | undefined, digits = 2) => (value === null || value === undefined || !Number.isFinite(value) ? '—' : `${(value * 100).toFixed(digits)}%`);

async function main(): Promise<void> {
  const args = parseCommandLine({
    argv: process.argv.slice(2),
    options: Object.fromEntries(Object.keys(argsSchema.shape).map((key) => [key, { type: 'string' as const }])),
    schema: argsSchema,
    usage: USAGE,
  });
  if (!args) {
    console.log(USAGE);
    return;
  }
  const api = apiClient(new URL(args.url), args['api-key']);
  const { params, source } = await worldParams(args);
  const world = generateWorld(params);
  console.log(`world: seed ${world.params.seed}, ${numbers.format(world.items.length)} items, ${numbers.format(world.users.length)} users (${source})`);
  await checkServer(api, world);

  const simulation = new Simulation(api, world, args);
  const stop = () => simulation.stop();
  process.once('SIGINT', stop);
  await simulation.run();
  process.off('SIGINT', stop);
  simulation.printSummary();

  if (args.experiment) {
    await sleep(RESULTS_SETTLE_MS);
    await printResults(api, args.experiment);
  }
  if (simulation.succeeded === 0) process.exitCode = 1;
}

interface ApiClient {
  origin: string;
  client: TailorClient;
}

/** The server's API through the SDK, with the key on every request when one was given. */
function apiClient(base: URL, apiKey: string | undefined): ApiClient {
  return { origin: base.origin, client: createServerClient({ baseUrl: base.origin, apiKey, retry: { retries: RETRIES_ON_503 } }) };
}

type Recommendations = Awaited<ReturnType<typeof fetchFeed>>;

function fetchFeed(api: ApiClient, user: string, n: number) {
  return unwrap(api.client.GET('/api/v1/recommendations', { params: { query: { user, n } }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }));
}

/** Flags first, then the database's record of the seeded world, then the default demo world. */
async function worldParams(args: Args): Promise<{ params: DemoWorldParamsInput; source: string }> {
  const config = getConfig();
  const scaled = (size: number) => Math.round(size * config.demoScale);
  if (args['world-seed'] !== undefined || args.items !== undefined || args.users !== undefined) {
    return {
      params: { seed: args['world-seed'] ?? DEMO_WORLD.seed, items: args.items ?? scaled(DEMO_WORLD.items), users: args.users ?? scaled(DEMO_WORLD.users), events: 0 },
      source: 'from the flags',
    };
  }
  if (config.database.kind === 'postgres') {
    // Loaded only here: with PGlite the server owns the data directory and we must not open it.
    const { closeConnection, getConnection } = await import('@/db');
    const { loadDemoWorldParams } = await import('@/lib/demo/seed');
    try {
      const stored = await loadDemoWorldParams(await getConnection());
      if (!stored) throw new Error('this database has no demo world; pass --world-seed, --items and --users for the world its users come from');
      // The event history is not needed: tastes and item vectors come from their own random streams.
      return { params: { ...stored, events: 0 }, source: 'from the database' };
    } finally {
      await closeConnection();
    }
  }
  return {
    params: { seed: DEMO_WORLD.seed, items: scaled(DEMO_WORLD.items), users: scaled(DEMO_WORLD.users), events: 0 },
    source: `the default demo world at scale ${config.demoScale}; pass --world-seed/--items/--users if the server holds another`,
  };
}

/** Fails early and clearly: an unreachable server, or one whose users are not this world's. */
async function checkServer(api: ApiClient, world: DemoWorld): Promise<void> {
  const { response: health } = await api.client.GET('/api/v1/health', { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }).catch((error: unknown) => {
    throw new Error(`cannot reach ${api.origin}: ${(error as Error).message}`);
  });
  if (health.status >= 500 && health.status !== 503) throw new Error(`${api.origin} answered health with ${health.status}`);
  const probe = world.users[world.users.length - 1]!.input.id;
  const { response: user } = await api.client.GET('/api/v1/users/{id}', { params: { path: { id: probe }, query: { history: 1 } }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  if (user.status === 401 || user.status === 403) throw new Error(`the server refused to show user '${probe}' (${user.status}): pass --api-key with the admin scope`);
  if (user.status === 404) throw new Error(`the server has no user '${probe}': it holds a different world; pass --world-seed, --items and --users`);
  if (!user.ok) throw new Error(`checking user '${probe}' failed with ${user.status}`);
}

interface VariantTally {
  strategy: string;
  users: Set<string>;
  lists: number;
  shown: number;
  clicks: number;
  likes: number;
  dislikes: number;
  carts: number;
  purchases: number;
}

class Simulation {
  private readonly schedule: VisitSchedule;
  private readonly itemIndex: Map<string, number>;
  private readonly total: number;
  private readonly variants = new Map<string, VariantTally>();
  private readonly feedErrors = new Map<string, number>();
  private readonly events: EventSink;
  private stopping = false;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private sent = 0;
  succeeded = 0;
  private unknownItems = 0;
  private servedItems = 0;
  private warnedUnknown = false;
  private lastVisit: Visit | null = null;
  private started = 0;
  /** Session ids repeat from run to run with the same seed; the start time tells runs apart. */
  private readonly runId = `sim${Date.now().toString(36)}`;

  constructor(
    private readonly api: ApiClient,
    private readonly world: DemoWorld,
    private readonly args: Args,
  ) {
    this.total = Math.max(1, Math.round(args.rate * args.duration));
    // Simulated mode ends the clock at about now, so events land within the last `days` days and
    // trending stays sensible; server mode only uses the clock for sessions and returning users.
    const start = new Date(Date.now() - (args.timestamps === 'simulated' ? args.days * DAY_MS : 0));
    this.schedule = new VisitSchedule(world, { seed: args.seed, start, sessionsPerDay: sessionsPerDayFor(this.total, args.days) });
    this.itemIndex = itemIndexById(world);
    this.events = new EventSink(api);
  }

  stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    console.log('\nstopping: finishing requests in flight…');
  }

  /**
   * Open loop at the given rate, as real users arrive whether or not the server kept up; the
   * concurrency bound only keeps a stalled server from piling up thousands of sockets, and any
   * time spent waiting on it shows up as a lower achieved rate.
   */
  async run(): Promise<void> {
    console.log(
      `simulating ${numbers.format(this.total)} feed requests at ${this.args.rate}/s for ${this.args.duration}s ` +
        `(n=${this.args.n}, seed ${this.args.seed}, ${this.args.days} simulated days, ${this.args.timestamps} timestamps)`,
    );
    const bar = trackProgress('feeds', this.total);
    this.started = performance.now();
    let statusAt = this.started;
    const pending = new Set<Promise<void>>();
    for (let k = 0; k < this.total && !this.stopping; k++) {
      const wait = this.started + (k * 1000) / this.args.rate - performance.now();
      if (wait > 1) await sleep(wait);
      while (this.inFlight >= this.args.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
      if (this.stopping) break;
      this.inFlight++;
      this.sent++;
      const request = this.visit(this.schedule.next()).finally(() => {
        this.inFlight--;
        pending.delete(request);
        this.waiting.shift()?.();
        bar.update(this.sent - this.inFlight);
      });
      pending.add(request);
      if (performance.now() - statusAt >= STATUS_EVERY_MS) {
        statusAt = performance.now();
        printAboveBar(this.status());
      }
    }
    await Promise.all(pending);
    await this.events.close();
    bar.update(this.sent);
    bar.finish();
  }

  private async visit(visit: Visit): Promise<void> {
    this.lastVisit = visit;
    let body: Recommendations;
    try {
      body = await fetchFeed(this.api, visit.userId, this.args.n);
    } catch (error) {
      if (error instanceof TailorApiError) return this.feedError(`HTTP ${error.status}`);
      return this.feedError(error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'network');
    }
    this.succeeded++;
    const reaction = reactToList(
      this.world,
      this.itemIndex,
      { recommendationId: body.recommendation_id, itemIds: body.items.map((item) => item.id) },
      { userIndex: visit.userIndex, sessionId: `${this.runId}-${visit.sessionId}`, at: this.args.timestamps === 'simulated' ? visit.at : null },
      visitRandom(this.args.seed, visit.number),
    );
    this.tally(body, visit, reaction.shown, reaction.events);
    this.servedItems += body.items.length;
    this.unknownItems += reaction.unknown;
    if (!this.warnedUnknown && this.servedItems >= 200 && this.unknownItems / this.servedItems > UNKNOWN_ITEM_WARNING) {
      this.warnedUnknown = true;
      printAboveBar(`warning: ${percent(this.unknownItems / this.servedItems, 0)} of served items are not in this world; their clicks cannot be simulated`);
    }
    this.events.add(reaction.events);
  }

  private feedError(kind: string): void {
    this.feedErrors.set(kind, (this.feedErrors.get(kind) ?? 0) + 1);
  }

  private tally(body: Recommendations, visit: Visit, shown: number, events: SimulatedEvent[]): void {
    const key = body.variant ?? '(none)';
    let tally = this.variants.get(key);
    if (!tally) {
      tally = { strategy: body.strategy, users: new Set(), lists: 0, shown: 0, clicks: 0, likes: 0, dislikes: 0, carts: 0, purchases: 0 };
      this.variants.set(key, tally);
    }
    tally.users.add(visit.userId);
    tally.lists++;
    tally.shown += shown;
    for (const event of events) {
      if (event.type === 'click') tally.clicks++;
      else if (event.type === 'like') tally.likes++;
      else if (event.type === 'dislike') tally.dislikes++;
      else if (event.type === 'add_to_cart') tally.carts++;
      else if (event.type === 'purchase') tally.purchases++;
    }
  }

  private errorCount(): number {
    let total = 0;
    for (const value of this.feedErrors.values()) total += value;
    return total;
  }

  private status(): string {
    const ctr = [...this.variants].map(([variant, tally]) => `${variant} (${tally.strategy}) ${percent(tally.shown > 0 ? tally.clicks / tally.shown : null)}`).join(', ');
    return (
      `requests ${numbers.format(this.succeeded)} ok, ${numbers.format(this.errorCount())} errors · ` +
      `events ${numbers.format(this.events.stats.posted)} posted, ${numbers.format(this.events.stats.failed)} failed · ` +
      `CTR ${ctr || '—'} · simulated day ${(this.lastVisit?.day ?? 0) + 1}`
    );
  }

  printSummary(): void {
    const seconds = (performance.now() - this.started) / 1000;
    console.log(
      `\n${numbers.format(this.succeeded)} feed requests answered, ${numbers.format(this.errorCount())} failed, in ${seconds.toFixed(1)}s ` +
        `(${(this.sent / Math.max(seconds, 1e-9)).toFixed(1)}/s)`,
    );
    if (this.feedErrors.size > 0) console.log(`  feed errors: ${[...this.feedErrors].map(([kind, n]) => `${kind} ×${numbers.format(n)}`).join(', ')}`);
    const { posted, accepted, duplicates, failed, lastError } = this.events.stats;
    console.log(`events: ${numbers.format(posted)} posted, ${numbers.format(accepted)} accepted, ${numbers.format(duplicates)} duplicates, ${numbers.format(failed)} failed`);
    if (lastError) console.log(`  last event error: ${lastError}`);
    if (this.unknownItems > 0) console.log(`served items not in the world: ${numbers.format(this.unknownItems)} of ${numbers.format(this.servedItems)}`);
    console.log('\nobserved per variant (clicks over served items this run):');
    console.table(
      Object.fromEntries(
        [...this.variants].map(([variant, tally]) => [
          variant,
          {
            strategy: tally.strategy,
            users: tally.users.size,
            lists: tally.lists,
            impressions: tally.shown,
            clicks: tally.clicks,
            ctr: percent(tally.shown > 0 ? tally.clicks / tally.shown : null),
            likes: tally.likes,
            dislikes: tally.dislikes,
            carts: tally.carts,
            purchases: tally.purchases,
          },
        ]),
      ),
    );
  }
}

interface SinkStats {
  posted: number;
  accepted: number;
  duplicates: number;
  failed: number;
  lastError: string | null;
}

/** Posts events through the SDK's batcher, by size or every second, whichever comes first, and counts the outcome. */
class EventSink {
  readonly stats: SinkStats = { posted: 0, accepted: 0, duplicates: 0, failed: 0, lastError: null };
  private readonly batcher: EventBatcher;

  constructor(api: ApiClient) {
    this.batcher = createEventBatcher(api.client, {
      maxBatch: EVENT_BATCH,
      flushIntervalMs: EVENT_FLUSH_MS,
      onSent: (result, events) => {
        this.stats.posted += events.length;
        this.stats.accepted += result.accepted;
        this.stats.duplicates += result.duplicates;
      },
      onError: (error, events) => {
        this.stats.failed += events.length;
        this.stats.lastError = error.message;
      },
    });
  }

  add(events: SimulatedEvent[]): void {
    for (const event of events) this.batcher.track(event);
  }

  close(): Promise<void> {
    return this.batcher.flush();
  }
}

async function printResults(api: ApiClient, key: string): Promise<void> {
  const { data, error, response } = await api.client.GET('/api/v1/experiments/{id}/results', { params: { path: { id: key } }, signal: AbortSignal.timeout(60_000) });
  if (!data) {
    console.log(`\nresults of '${key}': HTTP ${response.status} ${error?.error.message ?? ''}`);
    return;
  }
  const results = data;
  console.log(`\nexperiment '${results.experiment}' (${results.status}, control '${results.control}'), from the results API:`);
  console.table(
    Object.fromEntries(
      results.variants.map((variant) => [
        variant.key,
        { strategy: variant.strategy, weight: variant.weight, users: variant.users, lists: variant.lists, impressions: variant.impressions, clicks: variant.clicks, ctr: percent(variant.ctr) },
      ]),
    ),
  );
  const srm = results.srm;
  console.log(srm ? `SRM: χ² ${srm.chi_square.toFixed(2)}, p ${srm.p_value.toPrecision(3)} → ${srm.status === 'not_enough_data' ? 'not enough data' : srm.mismatch ? 'MISMATCH (flagged)' : 'no mismatch'}` : 'SRM: not enough exposures to check');
  for (const metric of results.metrics.filter((entry) => entry.metric === 'ctr' || entry.primary)) {
    for (const comparison of metric.comparisons) {
      if (!('relative_lift' in comparison)) {
        console.log(`${metric.metric}: ${comparison.variant} vs control: ${comparison.verdict}`);
        continue;
      }
      const [low, high] = comparison.relative_ci;
      const fixed = comparison.fixed_horizon.relative;
      console.log(
        `${metric.metric}${metric.primary ? ' (primary)' : ''}: ${comparison.variant} vs control: lift ${signed(comparison.relative_lift)} ` +
          `(always-valid 95% CI ${signed(low)} … ${signed(high)}, p ${comparison.p_value.toPrecision(3)}; ` +
          `fixed-horizon CI ${signed(fixed.ci[0])} … ${signed(fixed.ci[1])}, p ${fixed.p_value.toPrecision(3)}), verdict ${comparison.verdict}`,
      );
    }
  }
}

/** Interval bounds arrive as arrays, so a bound may be missing as far as the types know: '—' then; a null relative upper bound is unbounded. */
function signed(value: number | null | undefined): string {
  if (value === null) return '+∞';
  return `${value !== undefined && value >= 0 ? '+' : ''}${percent(value, 1)}`;
}

/** On a terminal the progress bar owns the last line: clear it, print above, and the bar redraws below. */
function printAboveBar(line: string): void {
  process.stdout.write(process.stdout.isTTY ? `\r\x1b[2K${line}\n` : `${line}\n`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`error: ${error.message}\n\n${error.usage}`);
    process.exitCode = USAGE_EXIT_CODE;
  } else {
    console.error(error instanceof ConfigError ? error.message : `error: ${(error as Error).message}`);
    process.exitCode = 1;
  }
});
