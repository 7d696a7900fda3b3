import type { DemoWorld } from '@/lib/demo/world';
import { AliasTable, Random } from '@/lib/math/random';

/**
 * Who asks for a feed next, and when, on a simulated clock. Sessions start as a Poisson process;
 * each is one user drawn by their activity weight, so active users come back day after day and
 * the long tail shows up now and then, as in the demo history. Within a session the user asks for
 * a few more feeds (refreshes, coming back to the home page) minutes apart.
 *
 * The clock is simulated: a run of a few real minutes can cover days, so returning users and
 * day boundaries happen at all. Whether event timestamps follow it is the caller's choice.
 */

export interface Visit {
  /** 1, 2, 3, … in schedule order: a stable key for the visit's own random stream. */
  number: number;
  userIndex: number;
  userId: string;
  sessionId: string;
  /** Simulated time of the feed request. */
  at: Date;
  /** Whole simulated days since the schedule began. */
  day: number;
  /** Position of the request within its session, from 0. */
  sessionVisit: number;
  /** The user had a session on an earlier simulated day. */
  returning: boolean;
}

export interface ScheduleOptions {
  seed: number;
  /** Simulated time of the first possible session. */
  start: Date;
  /** New sessions per simulated day, across all users. */
  sessionsPerDay: number;
  /** Chance that a session goes on to one more feed request. */
  continueSession?: number;
  /** At most this many feed requests per session. */
  maxSessionVisits?: number;
}

/** Half of sessions see a second feed, a quarter a third: refreshes are common, long browsing rare. */
export const DEFAULT_CONTINUE_SESSION = 0.5;
export const DEFAULT_MAX_SESSION_VISITS = 6;
const DAY_MS = 86_400_000;
/** Median gap between feed requests in a session; lognormal, capped so a session stays a session. */
const MEDIAN_REVISIT_MS = 3 * 60_000;
const MAX_REVISIT_MS = 30 * 60_000;
/** Stream 0 of the seed; behaviour uses streams 1, 2, … (one per visit number), so the two never share draws. */
const SCHEDULE_STREAM = 0;

interface PendingVisit {
  at: number;
  userIndex: number;
  sessionId: string;
  sessionVisit: number;
}

export class VisitSchedule {
  private readonly random: Random;
  private readonly users: AliasTable;
  private readonly startMs: number;
  private readonly meanSessionGapMs: number;
  private readonly continueSession: number;
  private readonly maxSessionVisits: number;
  /** Follow-up requests of open sessions, soonest last (popped from the end). */
  private readonly pending: PendingVisit[] = [];
  /** Per user: the simulated day of their first session, -1 before it. */
  private readonly firstDay: Int32Array;
  private nextSessionAt: number;
  private sessions = 0;
  private visits = 0;

  constructor(
    private readonly world: DemoWorld,
    options: ScheduleOptions,
  ) {
    if (!(options.sessionsPerDay > 0)) throw new RangeError(`sessionsPerDay must be positive, got ${options.sessionsPerDay}`);
    if (world.users.length === 0) throw new RangeError('the world has no users');
    this.random = new Random(options.seed, SCHEDULE_STREAM);
    this.users = new AliasTable(world.users.map((user) => user.activity));
    this.startMs = options.start.getTime();
    this.meanSessionGapMs = DAY_MS / options.sessionsPerDay;
    this.continueSession = options.continueSession ?? DEFAULT_CONTINUE_SESSION;
    this.maxSessionVisits = options.maxSessionVisits ?? DEFAULT_MAX_SESSION_VISITS;
    this.firstDay = new Int32Array(world.users.length).fill(-1);
    this.nextSessionAt = this.startMs + this.sessionGap();
  }

  /** The next feed request in simulated time. The schedule never ends; the caller stops asking. */
  next(): Visit {
    const followUp = this.pending.at(-1);
    let visit: PendingVisit;
    if (followUp && followUp.at <= this.nextSessionAt) {
      visit = this.pending.pop()!;
    } else {
      this.sessions++;
      visit = { at: this.nextSessionAt, userIndex: this.users.sample(this.random), sessionId: `sim-s${this.sessions}`, sessionVisit: 0 };
      this.nextSessionAt += this.sessionGap();
    }
    if (visit.sessionVisit + 1 < this.maxSessionVisits && this.random.chance(this.continueSession)) {
      this.enqueue({ ...visit, at: visit.at + Math.min(MAX_REVISIT_MS, MEDIAN_REVISIT_MS * this.random.lognormal(0, 0.8)), sessionVisit: visit.sessionVisit + 1 });
    }
    const day = Math.floor((visit.at - this.startMs) / DAY_MS);
    const first = this.firstDay[visit.userIndex]!;
    if (first < 0) this.firstDay[visit.userIndex] = day;
    return {
      number: ++this.visits,
      userIndex: visit.userIndex,
      userId: this.world.users[visit.userIndex]!.input.id,
      sessionId: visit.sessionId,
      at: new Date(Math.round(visit.at)),
      day,
      sessionVisit: visit.sessionVisit,
      returning: first >= 0 && first < day,
    };
  }

  /** Exponential gaps: sessions of different users start independently of each other. */
  private sessionGap(): number {
    return -Math.log(1 - this.random.next()) * this.meanSessionGapMs;
  }

  /** Keeps `pending` sorted by time, soonest at the end; open sessions are few, so insertion is cheap. */
  private enqueue(visit: PendingVisit): void {
    let index = this.pending.length;
    while (index > 0 && this.pending[index - 1]!.at < visit.at) index--;
    this.pending.splice(index, 0, visit);
  }
}

/** Feed requests a session makes on average: 1 + c + c² + … up to the cap. */
export function expectedVisitsPerSession(continueSession = DEFAULT_CONTINUE_SESSION, maxSessionVisits = DEFAULT_MAX_SESSION_VISITS): number {
  let total = 0;
  for (let visits = 0; visits < maxSessionVisits; visits++) total += continueSession ** visits;
  return total;
}

/** The session rate at which `visits` feed requests span `days` simulated days. */
export function sessionsPerDayFor(visits: number, days: number, continueSession = DEFAULT_CONTINUE_SESSION, maxSessionVisits = DEFAULT_MAX_SESSION_VISITS): number {
  if (!(visits > 0 && days > 0)) throw new RangeError('visits and days must be positive');
  return visits / expectedVisitsPerSession(continueSession, maxSessionVisits) / days;
}
