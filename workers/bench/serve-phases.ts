import { fixedRate, maxRate, type LoadResult } from './load';
import { treeCpuMs, watchProcessTree, type TreeUsage } from './process-tree';

/**
 * The measured phases of one server, in order: warm-up on users 1–300; the cached ceiling on
 * those same users repeated; uncached feeds at each offered rate and then at the ceiling, each
 * request for a user never requested before in the run (301, 302, … in order); the health route's
 * ceiling. After each phase the server is left to drain before the next one starts.
 */

const WARM_USERS = 300;
/** The warm-up is a gentle closed loop, so that it leaves no backlog behind. */
const WARM_CONNECTIONS = 4;
const WARM_MAX_SECONDS = 60;
/** Without `--duration`: each offered rate runs this long, or as long as the users last. */
const DEFAULT_SECONDS_PER_RATE = 60;
/** Uncached users kept for the ceiling: a third of them, at most this many. */
const CEILING_USERS_MAX = 4_000;
/** The server counts as drained once its processes use less than this share of one core… */
const IDLE_CPU_SHARE = 0.2;
/** …and a health check answers within this. */
const IDLE_HEALTH_MS = 200;
const DRAIN_WINDOW_MS = 1_000;
const DRAIN_MAX_MS = 60_000;

export interface PhasePlan {
  rates: number[];
  secondsPerRate: number;
  /** Users left for the uncached ceiling once the offered rates have had theirs. */
  ceilingUsers: number;
  ceilingSeconds: number;
  connections: number;
  /** Set when the users available cut the requested duration short. */
  warning?: string;
}

export type PhaseKind = 'warm-up' | 'cached' | 'uncached' | 'health';

export interface PhaseResult {
  phase: string;
  kind: PhaseKind;
  /** The fixed rate of an open loop; null for a closed loop (a ceiling, or the warm-up). */
  offeredRate: number | null;
  /** "250/s" or "32 connections". */
  offered: string;
  users: string;
  load: LoadResult;
  /**
   * The server's CPU and memory from the phase's start until it drained: requests the client
   * gave up on keep the server busy, and their cost belongs to the phase that sent them.
   */
  server: TreeUsage;
  drainSeconds: number;
  /** CPU the load generator itself used: it shares the machine with the server. */
  clientCpuMs: number;
}

/** Gives each offered rate the same duration, so that every request still gets a fresh user. */
export function planPhases(options: { userCount: number; rates: number[]; seconds?: number; ceilingSeconds: number; connections: number }): PhasePlan {
  const uncachedUsers = options.userCount - WARM_USERS;
  if (uncachedUsers <= 0) throw new Error(`the world has ${options.userCount} users; the benchmark needs more than ${WARM_USERS}`);
  const reserved = Math.min(Math.floor(uncachedUsers / 3), CEILING_USERS_MAX);
  const perSecond = options.rates.reduce((sum, rate) => sum + rate, 0);
  const fits = Math.floor(((uncachedUsers - reserved) / perSecond) * 100) / 100;
  const wanted = options.seconds ?? DEFAULT_SECONDS_PER_RATE;
  const secondsPerRate = Math.min(wanted, fits);
  const used = options.rates.reduce((sum, rate) => sum + Math.round(rate * secondsPerRate), 0);
  return {
    rates: options.rates,
    secondsPerRate,
    ceilingUsers: Math.max(0, uncachedUsers - used),
    ceilingSeconds: options.ceilingSeconds,
    connections: options.connections,
    ...(options.seconds !== undefined &&
      options.seconds > fits && { warning: `only ${uncachedUsers} uncached users: ${fits} s per offered rate instead of ${options.seconds} s` }),
  };
}

/** Runs every phase against the server at `url`, whose process tree starts at `pid`. */
export async function runPhases(url: string, pid: number, userCount: number, plan: PhasePlan, log: (line: string) => void): Promise<PhaseResult[]> {
  const measure = phaseMeasurer(url, pid, log);
  const results: PhaseResult[] = [];
  const warmUsers = () => `1–${WARM_USERS}`;
  const fresh = freshUsers(WARM_USERS + 1, userCount);
  const connections = `${plan.connections} connections`;
  await drain(url, pid);

  log(`warm-up: users 1–${WARM_USERS} once, ${WARM_CONNECTIONS} connections`);
  const warm = repeatedUsers(userCount);
  results.push(
    await measure({ phase: 'warm-up', kind: 'warm-up', offeredRate: null, offered: `${WARM_CONNECTIONS} connections` }, warmUsers, () =>
      maxRate({ url, path: warm, connections: WARM_CONNECTIONS, durationSeconds: WARM_MAX_SECONDS, maxRequests: WARM_USERS }),
    ),
  );

  log(`cached ceiling: users 1–${WARM_USERS} repeated, ${connections}, ${plan.ceilingSeconds} s`);
  const cached = repeatedUsers(userCount);
  results.push(
    await measure({ phase: 'cached, ceiling', kind: 'cached', offeredRate: null, offered: connections }, () => `${warmUsers()} repeated`, () =>
      maxRate({ url, path: cached, connections: plan.connections, durationSeconds: plan.ceilingSeconds }),
    ),
  );

  for (const rate of plan.rates) {
    log(`uncached at ${rate}/s for ${plan.secondsPerRate} s`);
    results.push(
      await measure({ phase: `uncached @ ${rate}/s`, kind: 'uncached', offeredRate: rate, offered: `${rate}/s` }, fresh.mark(), () =>
        fixedRate({ url, path: fresh.path, rate, durationSeconds: plan.secondsPerRate }),
      ),
    );
  }

  log(`uncached ceiling: ${connections}, ${plan.ceilingSeconds} s or ${plan.ceilingUsers} users`);
  results.push(
    await measure({ phase: 'uncached, ceiling', kind: 'uncached', offeredRate: null, offered: connections }, fresh.mark(), () =>
      maxRate({ url, path: fresh.path, connections: plan.connections, durationSeconds: plan.ceilingSeconds, maxRequests: plan.ceilingUsers }),
    ),
  );

  log(`health ceiling: ${connections}, ${plan.ceilingSeconds} s`);
  const health = () => '/api/v1/health';
  results.push(
    await measure({ phase: 'health, ceiling', kind: 'health', offeredRate: null, offered: connections }, () => '–', () =>
      maxRate({ url, path: health, connections: plan.connections, durationSeconds: plan.ceilingSeconds }),
    ),
  );
  return results;
}

type PhaseLabel = Pick<PhaseResult, 'phase' | 'kind' | 'offeredRate' | 'offered'>;

/** Wraps a load run with the server's CPU and memory until it drained, and the client's CPU during the run. */
function phaseMeasurer(url: string, pid: number, log: (line: string) => void) {
  return async (label: PhaseLabel, users: () => string, run: () => Promise<LoadResult>): Promise<PhaseResult> => {
    const server = watchProcessTree(pid);
    const client = process.cpuUsage();
    const load = await run();
    const { user, system } = process.cpuUsage(client);
    const drainMs = await drain(url, pid);
    if (drainMs >= DRAIN_MAX_MS) log(`warning: the server was still busy ${DRAIN_MAX_MS / 1000} s after "${label.phase}"`);
    return { ...label, users: users(), load, server: server.stop(), drainSeconds: drainMs / 1000, clientCpuMs: (user + system) / 1000 };
  };
}

/**
 * Waits until the server has worked off what a phase left behind: a request the client gave up
 * on still runs to the end on the server. Returns how long that took, in ms.
 */
async function drain(url: string, pid: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < DRAIN_MAX_MS) {
    const cpuBefore = treeCpuMs(pid);
    const health = healthLatency(url);
    await new Promise((resolve) => setTimeout(resolve, DRAIN_WINDOW_MS));
    const cpuShare = (treeCpuMs(pid) - cpuBefore) / DRAIN_WINDOW_MS;
    if (cpuShare < IDLE_CPU_SHARE && (await health) < IDLE_HEALTH_MS) return performance.now() - started;
  }
  return DRAIN_MAX_MS;
}

async function healthLatency(url: string): Promise<number> {
  const started = performance.now();
  try {
    const response = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(DRAIN_WINDOW_MS) });
    await response.arrayBuffer();
    return response.ok ? performance.now() - started : Infinity;
  } catch {
    return Infinity;
  }
}

/** Users `first`, `first + 1`, … each requested once. */
function freshUsers(first: number, userCount: number) {
  let next = first;
  return {
    path: (): string => {
      if (next > userCount) throw new Error(`ran out of fresh users after user ${userCount}`);
      return feedPath(next++, userCount);
    },
    /** Describes, when called, the users requested since the mark. */
    mark(): () => string {
      const start = next;
      return () => (next > start ? `${start}–${next - 1}` : 'none left');
    },
  };
}

/** Users 1–300 round-robin. */
function repeatedUsers(userCount: number): () => string {
  let requests = 0;
  return () => feedPath(1 + (requests++ % WARM_USERS), userCount);
}

/** The demo world's user ids: `user-00042` (five digits at least, more for bigger worlds). */
function feedPath(user: number, userCount: number): string {
  const id = `user-${String(user).padStart(Math.max(5, String(userCount).length), '0')}`;
  return `/api/v1/recommendations?user=${id}&n=20`;
}
