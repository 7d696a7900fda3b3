import 'server-only';
import { getConfig } from '@/lib/config';
import { processSingletonAsync, takeProcessSingleton } from '@/lib/runtime/singleton';
import { connect, type DatabaseConnection } from './client';

export type { Database, DatabaseConnection } from './client';

/** The process's database, connected and migrated on first use. */
export function getConnection(): Promise<DatabaseConnection> {
  return processSingletonAsync('database', () => connect(getConfig().database));
}

export async function closeConnection(): Promise<void> {
  const pending = takeProcessSingleton<Promise<DatabaseConnection>>('database');
  if (pending) await (await pending.catch(() => null))?.close();
}
