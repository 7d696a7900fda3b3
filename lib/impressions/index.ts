import 'server-only';
import { getConnection } from '@/db';
import { onChange } from '@/lib/runtime/changes';
import { log } from '@/lib/runtime/log';
import { peekProcessSingleton, processSingletonAsync, takeProcessSingleton } from '@/lib/runtime/singleton';
import { ImpressionWriter, type ImpressionWriterStats } from './writer';

export type { Impression } from './schema';
export type { ImpressionWriter } from './writer';

/** The process's one writer: batching only pays off if every request shares it. */
export function getImpressionWriter(): Promise<ImpressionWriter> {
  return processSingletonAsync('impression-writer', async () => {
    const writer = new ImpressionWriter(await getConnection());
    // Unnamed deletions are caught when the batch is written: the insert skips forgotten users.
    onChange('user-deletions', (userId) => userId !== undefined && writer.forgetUser(userId));
    return writer;
  });
}

/** The running writer's counts, for the metrics; null while none has started (starting one for a scrape would open the database). */
export async function impressionWriterStats(): Promise<ImpressionWriterStats | null> {
  const writer = await peekProcessSingleton<Promise<ImpressionWriter>>('impression-writer')?.catch(() => null);
  return writer?.stats ?? null;
}

/** Writes what is queued and stops the writer. Never throws: shutdown must go on to close the connection. */
export async function drainImpressionWriter(): Promise<void> {
  const writer = await takeProcessSingleton<Promise<ImpressionWriter>>('impression-writer')?.catch(() => null);
  try {
    await writer?.close();
  } catch (error) {
    log.error('impressions lost at shutdown', error instanceof Error ? error.message : error);
  }
}
