import 'server-only';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Config } from '@/lib/config';
import { processSingleton } from '@/lib/runtime/singleton';
import * as schema from './schema';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/**
 * A connected database: drizzle for ordinary queries, plus a raw `query` for the bulk paths
 * (ingest, import) where one `unnest` statement per batch beats building thousands of parameters.
 */
export interface DatabaseConnection {
  kind: 'pglite' | 'postgres';
  db: Database;
  query<T extends Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** Which connection sent a statement: the primary, or the read replica (`getReadConnection`). */
export type ConnectionRole = 'primary' | 'replica';

type StatementListener = (text: string, role: ConnectionRole) => void;

const statementListeners = () => processSingleton('database-statement-listeners', () => new Set<StatementListener>());

/**
 * Calls `listener` with the text of every statement this process sends and the connection it
 * went to, until the returned function is called: how a test proves that a path (serving a feed)
 * sends none, or that the console's heavy reads go to the replica.
 */
export function observeStatements(listener: StatementListener): () => void {
  statementListeners().add(listener);
  return () => statementListeners().delete(listener);
}

function announce(text: string, role: ConnectionRole = 'primary'): void {
  for (const listener of statementListeners()) listener(text, role);
}

const announcer = (role: ConnectionRole) => ({ logQuery: (text: string) => announce(text, role) });

interface DatabaseUsage {
  /** Connections the pool may open: the pool size, 1 for the embedded database. */
  max: number;
  /** Statements in flight through `query` (drizzle's go to the driver directly, which exposes no pool statistics). */
  inFlight: number;
}

const usage = () => processSingleton<{ current: DatabaseUsage | null }>('database-usage', () => ({ current: null }));

/** The open connection's pool usage, for the metrics; null before one is open. */
export function databaseUsage(): DatabaseUsage | null {
  return usage().current;
}

/** Counts `run` as one statement in flight on the open connection. */
async function counted<T>(run: () => Promise<T>): Promise<T> {
  const current = usage().current;
  if (current) current.inFlight += 1;
  try {
    return await run();
  } finally {
    if (current) current.inFlight -= 1;
  }
}

const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');
const MIGRATION_LOCK = 727_374_001;

export async function connect(database: Config['database']): Promise<DatabaseConnection> {
  const connection = database.kind === 'postgres' ? await connectPostgres(database.url, database.poolSize) : await connectPglite(database.dataDir);
  usage().current = { max: database.kind === 'postgres' ? database.poolSize : 1, inFlight: 0 };
  return connection;
}

async function connectPglite(dataDir: string): Promise<DatabaseConnection> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const client = new PGlite(inMemory ? dataDir : path.join(dataDir, 'pglite'));
  await client.waitReady;
  const db = drizzle({ client, schema, logger: announcer('primary') });
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return {
    kind: 'pglite',
    db: db as unknown as Database,
    query: async <T extends Record<string, unknown>>(text: string, params: unknown[] = []) => {
      announce(text);
      return counted(async () => (await client.query<T>(text, params)).rows);
    },
    close: () => client.close(),
  };
}

async function connectPostgres(url: string, poolSize: number): Promise<DatabaseConnection> {
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const { connection, client, db } = await openPostgres(url, poolSize, 'primary');
  // Several web instances may start at once; one migrates while the others wait.
  const lockHolder = await client.reserve();
  try {
    await lockHolder`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await lockHolder`select pg_advisory_unlock(${MIGRATION_LOCK})`;
    lockHolder.release();
  }
  return connection;
}

/**
 * A read replica: no migrations (a standby refuses writes, and it follows the primary's schema
 * on its own), and its statements announced as the replica's.
 */
export async function connectReadReplica(replica: { url: string; poolSize: number }): Promise<DatabaseConnection> {
  return (await openPostgres(replica.url, replica.poolSize, 'replica')).connection;
}

async function openPostgres(url: string, poolSize: number, role: ConnectionRole) {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const client = postgres(url, { max: poolSize, onnotice: () => undefined });
  const db = drizzle({ client, schema, logger: announcer(role) });
  const connection: DatabaseConnection = {
    kind: 'postgres',
    db: db as unknown as Database,
    query: async <T extends Record<string, unknown>>(text: string, params: unknown[] = []) => {
      announce(text, role);
      return counted(async () => (await client.unsafe(text, params as never[])) as unknown as T[]);
    },
    close: () => client.end({ timeout: 5 }),
  };
  return { connection, client, db };
}

/**
 * Runs `action` in one transaction on the primary: the connection it is given is bound to the
 * transaction (drizzle only; a raw `query` would run outside it, so it refuses). Used by commands
 * so a write and its audit entry commit together or not at all.
 */
export async function inTransaction<T>(conn: DatabaseConnection, action: (tx: DatabaseConnection) => Promise<T>): Promise<T> {
  return conn.db.transaction(async (tx) =>
    action({
      kind: conn.kind,
      db: tx as unknown as Database,
      query: () => Promise.reject(new Error('raw queries cannot join a transaction; use drizzle inside inTransaction')),
      close: () => Promise.reject(new Error('a transaction is closed by inTransaction')),
    }),
  );
}
