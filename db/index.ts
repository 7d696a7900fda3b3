import 'server-only';
import { getConfig } from '@/lib/config';
import { processSingletonAsync, takeProcessSingleton } from '@/lib/runtime/singleton';
import { connect, connectReadReplica, type DatabaseConnection } from './client';

export type { Database, DatabaseConnection } from './client';

/** The process's database, connected and migrated on first use. */
export function getConnection(): Promise<DatabaseConnection> {
  return processSingletonAsync('database', () => connect(getConfig().database));
}

/**
 * Where the console's heavy reads go (dashboards, experiment results, catalogue and user lists,
 * exports): the replica at `DATABASE_READ_URL`, with a pool of its own, else the primary. A
 * replica may lag the primary by seconds, so anything a caller has just written and reads back
 * (a write's response, an edit form, the curation preview) uses `getConnection()` instead.
 */
export function getReadConnection(): Promise<DatabaseConnection> {
  const replica = getConfig().readReplica;
  if (!replica) return getConnection();
  return processSingletonAsync('database-replica', () => connectReadReplica(replica));
}

export async function closeConnection(): Promise<void> {
  await Promise.all(['database-replica', 'database'].map(async (name) => {
    const pending = takeProcessSingleton<Promise<DatabaseConnection>>(name);
    if (pending) await (await pending.catch(() => null))?.close();
  }));
}
