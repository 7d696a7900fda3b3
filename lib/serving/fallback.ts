import 'server-only';
import { getConnection } from '@/db';
import { processSingleton } from '@/lib/runtime/singleton';
import { isServable } from './catalog';
import type { ServingSnapshot } from './context';
import { Refreshing } from './refreshing';

const POPULAR_MAX_AGE_MS = 60_000;
const POPULAR_LIMIT = 500;
const POPULAR_DAYS = 30;

interface PopularItem {
  id: string;
  engagement: number;
}

/** Popular items straight from the events table: needs no model, so it serves when nothing else can. */
function popularState(): Refreshing<PopularItem[]> {
  return processSingleton(
    'serving-popular',
    () =>
      new Refreshing<PopularItem[]>(
        async () => {
          const rows = await (
            await getConnection()
          ).query<{ id: string; engagement: number }>(
            `select i.external_id as id, count(*)::int as engagement from events e join items i on i.id = e.item_id
             where e.occurred_at > now() - interval '${POPULAR_DAYS} days' group by i.external_id order by engagement desc limit ${POPULAR_LIMIT}`,
          );
          return rows;
        },
        { maxAgeMs: POPULAR_MAX_AGE_MS },
      ),
  );
}

export interface FallbackList {
  userId: string;
  modelVersion: number | null;
  items: { id: string; title: string; category: string | null; score: number; reasons: { kind: 'trending'; text: string }[] }[];
}

/**
 * The last line: what most people engaged with lately, servable now, less what the user has seen
 * or turned down. With the database gone too, the last list read is used; with nothing read yet,
 * the list is empty rather than an error.
 */
export async function popularFallback(
  input: { userId: string; query: { category?: string[]; exclude?: string[]; item?: string } },
  snapshot: ServingSnapshot,
  depth: number,
  hidden: ReadonlySet<string> = new Set(),
): Promise<FallbackList> {
  const popular = await popularState()
    .get()
    .catch(() => [] as PopularItem[]);
  const now = Date.now();
  const categories = input.query.category?.length ? new Set(input.query.category) : null;
  const excluded = new Set([...(input.query.exclude ?? []), ...(input.query.item ? [input.query.item] : [])]);
  const items: FallbackList['items'] = [];
  for (const { id, engagement } of popular) {
    const entry = snapshot.catalog.get(id);
    if (!isServable(entry, now) || excluded.has(id) || hidden.has(id) || (categories && (!entry.category || !categories.has(entry.category)))) continue;
    items.push({ id, title: entry.title, category: entry.category, score: engagement, reasons: [{ kind: 'trending', text: 'Popular now' }] });
    if (items.length === depth) break;
  }
  return { userId: input.userId, modelVersion: snapshot.model?.versionId ?? null, items };
}
