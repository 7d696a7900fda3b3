import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { API_KEY_SCOPES, type ApiKeyScope } from './auth/types';
import { parseRedisUrl } from './cache/redis-url';
import { EVENT_TYPES, type EventType } from './events/types';
import { SIGNAL_SCALES, type SignalScale } from './models/signal-scale';
import { DEFAULT_EXPOSURE_WEIGHT } from './recommend/exposure';

/**
 * The one place that reads environment variables. Everything else asks `getConfig()`,
 * so a typo in a variable fails at start-up with its name, not deep inside a request.
 */

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL');

const redisUrl = z.string().check((context) => {
  try {
    parseRedisUrl(context.value);
  } catch (error) {
    context.issues.push({ code: 'custom', message: (error as Error).message, input: context.value });
  }
});

const commaList = z.string().transform((list) => list.split(',').map((entry) => entry.trim()).filter((entry) => entry.length > 0 && entry !== 'none'));

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  TAILOR_HOST: z.string().min(1).default('0.0.0.0'),
  TAILOR_WEB_CONCURRENCY: z.coerce.number().int().min(1).max(256).optional(),
  TAILOR_SHUTDOWN_SECONDS: z.coerce.number().min(1).max(3_600).default(25),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_READ_URL: postgresUrl.optional(),
  DATABASE_READ_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(4),
  TAILOR_DATA_DIR: z.string().min(1).default('./.data'),
  REDIS_URL: redisUrl.optional(),
  // Braces would make a hash tag of the prefix: every key of a Redis Cluster in one slot, on one node.
  TAILOR_REDIS_PREFIX: z.string().min(1).regex(/^[^{}]*$/, 'must not contain { or }').default('tailor:'),
  TAILOR_SEED_DEMO: booleanFlag.optional(),
  TAILOR_MODEL_DIR: z.string().min(1).optional(),
  TAILOR_TRAIN_EVERY_MINUTES: z.coerce.number().min(0).max(10_080).default(60),
  TAILOR_TRAIN_AFTER_EVENTS: z.coerce.number().int().min(0).default(10_000),
  TAILOR_TRAIN_ON_START: booleanFlag.default(true),
  TAILOR_MODEL_CANDIDATES_KEPT: z.coerce.number().int().min(0).max(1_000).default(3),
  TAILOR_SIGNAL_SCALE: z.enum(SIGNAL_SCALES).default('auto'),
  TAILOR_EXPOSURE_PENALTY: z.coerce.number().min(0).max(10).default(DEFAULT_EXPOSURE_WEIGHT),
  TAILOR_DEMO_SCALE: z.coerce.number().min(0.01).max(10).default(1),
  TAILOR_SEEN_EVENT_TYPES: commaList.default([...EVENT_TYPES]).pipe(z.array(z.enum(EVENT_TYPES))),
  // `none` spells out "no anonymous access", since an empty value means unset.
  TAILOR_ANONYMOUS_SCOPES: commaList.pipe(z.array(z.enum(API_KEY_SCOPES))).optional(),
  TAILOR_AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TAILOR_SESSION_HOURS: z.coerce.number().min(0.1).max(720).default(12),
  TAILOR_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  TAILOR_LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  // 0 turns the worker's probe and metrics server off.
  TAILOR_WORKER_PORT: z.coerce.number().int().min(0).max(65_535).default(9464),
  TAILOR_VERSION: z.string().default('0.0.0'),
  TAILOR_BUILD: z.string().default('dev'),
});

export type Environment = z.infer<typeof environmentSchema>;

export interface Config {
  env: Environment['NODE_ENV'];
  server: {
    port: number;
    hostname: string;
    /** Web processes `npm start` runs, sharing the port: one per core with PostgreSQL and Redis, else one. */
    webProcesses: number;
  };
  /** On SIGTERM, the time a process has to answer what it holds, drain its writes and exit. */
  shutdownSeconds: number;
  database: { kind: 'postgres'; url: string; poolSize: number } | { kind: 'pglite'; dataDir: string };
  /**
   * A PostgreSQL read replica for the console's heavy reads (dashboards, experiment results,
   * catalogue and user lists, exports); null sends them to the primary.
   */
  readReplica: { url: string; poolSize: number } | null;
  redis: { url: string; prefix: string } | null;
  /** Where model artifacts live: the database by default, or this directory. */
  modelDir: string | null;
  training: {
    /** 0 turns the schedule off. */
    everyMinutes: number;
    /** Train once this many events arrived since the last run's data ends (promoted or not); 0 turns it off. */
    afterEvents: number;
    /** Train at start-up when no model is active yet. */
    onStart: boolean;
    /** Candidates (versions never promoted) that keep their artifact; older ones' artifacts are deleted. */
    candidatesKept: number;
    /** How event strengths become ALS confidence (lib/models/signal-scale.ts). */
    signalScale: SignalScale;
    /** The exposure penalty's weight (lib/recommend/exposure.ts); 0 turns it off. */
    exposureWeight: number;
  };
  /** Seed the demo world into an empty database on start. */
  seedDemo: boolean;
  demoScale: number;
  /** Interactions of these types hide an item from the user's recommendations. */
  seenEventTypes: EventType[];
  auth: {
    /** Scopes granted to requests without credentials: the embedded demo allows recommend and events. */
    anonymousScopes: ApiKeyScope[];
    /** Signs console sessions; unset, one is generated and kept in the database. */
    secret: string | null;
    sessionHours: number;
  };
  logLevel: Environment['TAILOR_LOG_LEVEL'];
  /** One JSON object a line (for log collectors), or coloured lines for people reading a terminal. */
  logFormat: 'json' | 'pretty';
  /** Port of the worker's probes and Prometheus metrics (`npm run worker`); null when turned off. */
  workerPort: number | null;
  version: string;
  build: string;
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid environment:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** `stdoutIsTerminal`: whether someone reads the output live, which makes pretty logs the default. */
export function parseConfig(source: Record<string, string | undefined>, { stdoutIsTerminal = false } = {}): Config {
  // Empty strings mean "unset", as they do in most .env tooling.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const result = environmentSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = result.data;
  return {
    env: e.NODE_ENV,
    server: { port: e.PORT, hostname: e.TAILOR_HOST, webProcesses: webProcesses(e) },
    shutdownSeconds: e.TAILOR_SHUTDOWN_SECONDS,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { kind: 'pglite', dataDir: e.TAILOR_DATA_DIR },
    readReplica: readReplica(e),
    redis: e.REDIS_URL ? { url: e.REDIS_URL, prefix: e.TAILOR_REDIS_PREFIX } : null,
    modelDir: e.TAILOR_MODEL_DIR ?? null,
    training: { everyMinutes: e.TAILOR_TRAIN_EVERY_MINUTES, afterEvents: e.TAILOR_TRAIN_AFTER_EVENTS, onStart: e.TAILOR_TRAIN_ON_START, candidatesKept: e.TAILOR_MODEL_CANDIDATES_KEPT, signalScale: e.TAILOR_SIGNAL_SCALE, exposureWeight: e.TAILOR_EXPOSURE_PENALTY },
    seedDemo: e.TAILOR_SEED_DEMO ?? !e.DATABASE_URL,
    demoScale: e.TAILOR_DEMO_SCALE,
    seenEventTypes: e.TAILOR_SEEN_EVENT_TYPES,
    auth: {
      anonymousScopes: e.TAILOR_ANONYMOUS_SCOPES ?? (e.DATABASE_URL ? [] : ['recommend', 'events']),
      secret: e.TAILOR_AUTH_SECRET ?? null,
      sessionHours: e.TAILOR_SESSION_HOURS,
    },
    logLevel: e.TAILOR_LOG_LEVEL,
    logFormat: e.TAILOR_LOG_FORMAT ?? (stdoutIsTerminal ? 'pretty' : 'json'),
    workerPort: e.TAILOR_WORKER_PORT === 0 ? null : e.TAILOR_WORKER_PORT,
    version: e.TAILOR_VERSION,
    build: e.TAILOR_BUILD,
  };
}

/**
 * Several web processes share what they learn (profiles, cached responses, changes) through
 * Redis, and the embedded database opens in one process only: without both services, one process.
 */
function webProcesses(e: Environment): number {
  const shared = Boolean(e.DATABASE_URL && e.REDIS_URL);
  if (e.TAILOR_WEB_CONCURRENCY !== undefined && e.TAILOR_WEB_CONCURRENCY > 1 && !shared) {
    throw new ConfigError(['TAILOR_WEB_CONCURRENCY: several web processes need DATABASE_URL (PostgreSQL) and REDIS_URL']);
  }
  return e.TAILOR_WEB_CONCURRENCY ?? (shared ? availableParallelism() : 1);
}

/** A replica only makes sense beside a PostgreSQL primary: the embedded database has none. */
function readReplica(e: Environment): Config['readReplica'] {
  if (!e.DATABASE_READ_URL) return null;
  if (!e.DATABASE_URL) throw new ConfigError(['DATABASE_READ_URL: a read replica needs DATABASE_URL (the PostgreSQL primary)']);
  return { url: e.DATABASE_READ_URL, poolSize: e.DATABASE_READ_POOL_SIZE };
}

let cached: Config | undefined;

export function getConfig(): Config {
  // Named one by one: Next.js inlines the build-time values (TAILOR_VERSION, TAILOR_BUILD)
  // only where `process.env.NAME` is spelled out.
  cached ??= parseConfig({
    NODE_ENV: process.env.NODE_ENV,
    PORT: process.env.PORT,
    TAILOR_HOST: process.env.TAILOR_HOST,
    TAILOR_WEB_CONCURRENCY: process.env.TAILOR_WEB_CONCURRENCY,
    TAILOR_SHUTDOWN_SECONDS: process.env.TAILOR_SHUTDOWN_SECONDS,
    DATABASE_URL: process.env.DATABASE_URL,
    DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE,
    DATABASE_READ_URL: process.env.DATABASE_READ_URL,
    DATABASE_READ_POOL_SIZE: process.env.DATABASE_READ_POOL_SIZE,
    TAILOR_DATA_DIR: process.env.TAILOR_DATA_DIR,
    REDIS_URL: process.env.REDIS_URL,
    TAILOR_REDIS_PREFIX: process.env.TAILOR_REDIS_PREFIX,
    TAILOR_SEED_DEMO: process.env.TAILOR_SEED_DEMO,
    TAILOR_MODEL_DIR: process.env.TAILOR_MODEL_DIR,
    TAILOR_TRAIN_EVERY_MINUTES: process.env.TAILOR_TRAIN_EVERY_MINUTES,
    TAILOR_TRAIN_AFTER_EVENTS: process.env.TAILOR_TRAIN_AFTER_EVENTS,
    TAILOR_TRAIN_ON_START: process.env.TAILOR_TRAIN_ON_START,
    TAILOR_DEMO_SCALE: process.env.TAILOR_DEMO_SCALE,
    TAILOR_SEEN_EVENT_TYPES: process.env.TAILOR_SEEN_EVENT_TYPES,
    TAILOR_ANONYMOUS_SCOPES: process.env.TAILOR_ANONYMOUS_SCOPES,
    TAILOR_AUTH_SECRET: process.env.TAILOR_AUTH_SECRET,
    TAILOR_SESSION_HOURS: process.env.TAILOR_SESSION_HOURS,
    TAILOR_LOG_LEVEL: process.env.TAILOR_LOG_LEVEL,
    TAILOR_LOG_FORMAT: process.env.TAILOR_LOG_FORMAT,
    TAILOR_WORKER_PORT: process.env.TAILOR_WORKER_PORT,
    TAILOR_VERSION: process.env.TAILOR_VERSION,
    TAILOR_BUILD: process.env.TAILOR_BUILD,
  }, { stdoutIsTerminal: process.stdout.isTTY === true });
  return cached;
}

/** Tests switch storage between runs; production never calls this. */
export function resetConfigForTests(): void {
  cached = undefined;
}
