import 'server-only';
import { getConnection } from '@/db';
import { onChange } from '@/lib/runtime/changes';
import { processSingletonAsync, takeProcessSingleton } from '@/lib/runtime/singleton';
import { EventIngestor } from './ingest';
import { forgetUserIdentity } from './store';

/** The process's one ingestor: group commit only works if every request shares it. */
export function getEventIngestor(): Promise<EventIngestor> {
  return processSingletonAsync('event-ingestor', async () => {
    const conn = await getConnection();
    const ingestor = new EventIngestor(conn);
    onChange('user-deletions', (userId) => {
      if (userId === undefined) return;
      ingestor.forgetUser(userId);
      forgetUserIdentity(conn, userId);
    });
    return ingestor;
  });
}

export async function drainEventIngestor(): Promise<void> {
  const ingestor = await takeProcessSingleton<Promise<EventIngestor>>('event-ingestor');
  await ingestor?.flush();
}
