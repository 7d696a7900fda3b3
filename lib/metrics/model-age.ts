import 'server-only';
import { getConnection } from '@/db';
import { activeVersion } from '@/lib/models/registry';
import { log } from '@/lib/runtime/log';
import { processSingleton } from '@/lib/runtime/singleton';
import { Refreshing } from '@/lib/serving/refreshing';

/** Scrapes may come every few seconds from several scrapers; the registry is read at most this often. */
const ACTIVE_VERSION_MAX_AGE_MS = 10_000;

export interface ActiveModel {
  version: number;
  createdAt: Date;
}

function activeModelState(): Refreshing<ActiveModel | null> {
  return processSingleton(
    'metrics-active-model',
    () =>
      new Refreshing<ActiveModel | null>(
        async () => {
          const row = await activeVersion(await getConnection());
          return row ? { version: row.id, createdAt: row.createdAt } : null;
        },
        { maxAgeMs: ACTIVE_VERSION_MAX_AGE_MS, invalidatedBy: 'model', onError: (error) => log.warn('metrics: reading the active model version failed', error) },
      ),
  );
}

/** The active version, at most ten seconds stale; null when none is active or the registry has never answered. */
export async function activeModel(): Promise<ActiveModel | null> {
  return activeModelState()
    .get()
    .catch(() => null);
}
