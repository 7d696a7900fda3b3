import 'server-only';
import { getConnection } from '@/db';
import { processSingletonAsync, takeProcessSingleton } from '@/lib/runtime/singleton';
import { EventIngestor } from './ingest';

/** The process's one ingestor: group commit only works if every request shares it. */
export function getEventIngestor(): Promise<EventIngestor> {
  return processSingletonAsync('event-ingestor', async () => new EventIngestor(await getConnection()));
}

export async function drainEventIngestor(): Promise<void> {
  const ingestor = await takeProcessSingleton<Promise<EventIngestor>>('event-ingestor');
  await ingestor?.flush();
}
