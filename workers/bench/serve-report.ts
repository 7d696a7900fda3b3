import { availableParallelism } from 'node:os';
import type { PhaseResult } from './serve-phases';

/** What `bench:serve` prints: the phases of both modes side by side, then the targets of issue 10. */

export type Mode = 'production' | 'embedded';

export interface ModeRun {
  mode: Mode;
  /** "demo world: 5,000 items, 2,000 users, 150,000 events". */
  world: string;
  /** Whether this world is the one the memory target is set for (100k items, 50k users). */
  fullWorld: boolean;
  phases: PhaseResult[];
  /** The server's processes, root first: pid, parent and command line. */
  processes: { pid: number; parent: number | null; command: string }[];
}

const TARGETS = {
  production: { rate: 500, p99Ms: 25, uncachedShare: 0.4, cachedShare: 0.7, rssMiB: 1536 },
  embedded: { rate: 250, p99Ms: 50 },
} as const;

const numbers = new Intl.NumberFormat('en-US');

export function printReport(runs: ModeRun[]): void {
  console.log(`\n=== bench:serve results (${availableParallelism()} cores, shared by the server and the load generator) ===`);
  for (const run of runs) console.log(`${run.mode}: ${run.world}`);
  console.table(runs.flatMap((run) => run.phases.map((phase) => phaseRow(run, phase))));
  console.log(
    [
      'answered/s: 200 responses per second; errors: other statuses and requests unanswered after 5 s.',
      'server CPU: user + system time of the server process and all its descendants, from the start of a phase until',
      'the server drained, per request sent; PostgreSQL and Redis are not included. drain s: from the end of the load until',
      'the server had been idle for a whole second (1.0: idle at once); requests the client gave up on still run to the end.',
      'RSS per process: the largest resident set of each process during the phase, in the order of this table:',
    ].join('\n'),
  );
  console.table(runs.flatMap(processRows));
  for (const run of runs) printStages(run);
  printTargets(runs);
}

function phaseRow(run: ModeRun, phase: PhaseResult) {
  const { load, server } = phase;
  const perRequest = (ms: number) => (load.requests > 0 ? (ms / load.requests).toFixed(2) : '–');
  return {
    mode: run.mode,
    phase: phase.phase,
    users: phase.users,
    offered: phase.offered,
    'answered/s': Math.round(load.okRate),
    requests: load.requests,
    p50: load.latencyMs.p50.toFixed(1),
    p95: load.latencyMs.p95.toFixed(1),
    p99: load.latencyMs.p99.toFixed(1),
    max: load.latencyMs.max.toFixed(1),
    errors: load.errors,
    'server CPU ms/req': perRequest(server.cpuMs),
    'client CPU ms/req': perRequest(phase.clientCpuMs),
    'drain s': phase.drainSeconds.toFixed(1),
    'RSS MiB per process': run.processes.map(({ pid }) => Math.round(server.maxRssMiB.get(pid) ?? 0)).join(' · '),
  };
}

function processRows(run: ModeRun) {
  return run.processes.map(({ pid, parent, command }) => ({
    mode: run.mode,
    pid,
    parent: parent ?? '–',
    command,
    'max RSS MiB, whole run': Math.round(maxRss(run, pid)),
  }));
}

/** Mean server time per stage (and its p99), from the `server-timing` header of computed responses. */
function printStages(run: ModeRun): void {
  const feeds = run.phases.filter((phase) => phase.kind !== 'health');
  console.log(`\n${run.mode}: per-stage server time, ms: mean (p99), over computed responses (cached ones skip the pipeline)`);
  console.table(
    Object.fromEntries(
      feeds.map((phase) => [
        phase.phase,
        Object.fromEntries(Object.entries(phase.load.serverTiming).map(([stage, { mean, p99 }]) => [stage, `${mean.toFixed(2)} (${p99.toFixed(1)})`])),
      ]),
    ),
  );
}

interface TargetCheck {
  mode: Mode;
  target: string;
  measured: string;
  result: 'PASS' | 'FAIL' | 'not run' | 'info';
}

function printTargets(runs: ModeRun[]): void {
  const checks = runs.flatMap(targetChecks);
  console.log('\n=== targets (issue 10) ===');
  console.table(checks);
  const judged = checks.filter((check) => check.result === 'PASS' || check.result === 'FAIL');
  console.log(`${judged.filter((check) => check.result === 'PASS').length} of ${judged.length} targets met`);
}

function targetChecks(run: ModeRun): TargetCheck[] {
  const health = run.phases.find((phase) => phase.kind === 'health');
  const uncachedCeiling = run.phases.find((phase) => phase.kind === 'uncached' && phase.offeredRate === null);
  const cachedCeiling = run.phases.find((phase) => phase.kind === 'cached');
  const { rate, p99Ms } = TARGETS[run.mode];
  const checks = [latencyCheck(run, rate, p99Ms)];
  const judgeShares = run.mode === 'production';
  if (health && uncachedCeiling) checks.push(shareCheck(run.mode, 'uncached', uncachedCeiling, health, judgeShares ? TARGETS.production.uncachedShare : null));
  if (health && cachedCeiling) checks.push(shareCheck(run.mode, 'cached', cachedCeiling, health, judgeShares ? TARGETS.production.cachedShare : null));
  if (run.mode === 'production') checks.push(memoryCheck(run));
  return checks;
}

function latencyCheck(run: ModeRun, rate: number, p99Ms: number): TargetCheck {
  const target = `uncached @ ${rate}/s: p99 ≤ ${p99Ms} ms, 0 errors`;
  const phase = run.phases.find((candidate) => candidate.kind === 'uncached' && candidate.offeredRate === rate);
  if (!phase) return { mode: run.mode, target, measured: `${rate}/s not among the offered rates`, result: 'not run' };
  const { latencyMs, errors, requests } = phase.load;
  const pass = latencyMs.p99 <= p99Ms && errors === 0;
  return { mode: run.mode, target, measured: `p99 ${latencyMs.p99.toFixed(1)} ms, ${errors} errors of ${numbers.format(requests)}`, result: pass ? 'PASS' : 'FAIL' };
}

/** A ceiling that had errors is not a ceiling: the check then fails whatever the ratio. */
function shareCheck(mode: Mode, kind: 'cached' | 'uncached', feed: PhaseResult, health: PhaseResult, minimum: number | null): TargetCheck {
  const share = feed.load.okRate / health.load.okRate;
  const errors = feed.load.errors + health.load.errors;
  const measured = `${(100 * share).toFixed(1)}% (${numbers.format(Math.round(feed.load.okRate))}/s of ${numbers.format(Math.round(health.load.okRate))}/s)${errors > 0 ? `, ${errors} errors` : ''}`;
  if (minimum === null) return { mode, target: `${kind} feed ceiling / health ceiling`, measured, result: 'info' };
  return { mode, target: `${kind} feed ceiling ≥ ${100 * minimum}% of health ceiling`, measured, result: share >= minimum && errors === 0 ? 'PASS' : 'FAIL' };
}

function memoryCheck(run: ModeRun): TargetCheck {
  const limit = TARGETS.production.rssMiB;
  const largest = Math.max(...run.processes.map(({ pid }) => maxRss(run, pid)));
  const measured = `largest process ${numbers.format(Math.round(largest))} MiB`;
  if (!run.fullWorld) return { mode: run.mode, target: `RSS per web process (the ≤ ${limit / 1024} GiB target is for the 100k/50k world)`, measured, result: 'info' };
  return { mode: run.mode, target: `RSS ≤ ${limit / 1024} GiB per web process`, measured, result: largest <= limit ? 'PASS' : 'FAIL' };
}

function maxRss(run: ModeRun, pid: number): number {
  return Math.max(0, ...run.phases.map((phase) => phase.server.maxRssMiB.get(pid) ?? 0));
}
