import 'server-only';
import type { CatalogMirror } from '@/lib/serving/catalog';
import { isServable } from '@/lib/serving/eligibility';
import { processSingleton } from '@/lib/runtime/singleton';
import { RecentKeys } from './recent';

/** Coverage is "of what was served in the last hour". */
const WINDOW_MS = 60 * 60 * 1000;
/** Larger than any catalogue served from memory today; past it coverage undercounts instead of growing. */
const MAX_TRACKED_ITEMS = 500_000;
/** Publishing and expiry move with the clock, not only with catalogue changes: recount this often at least. */
const SERVABLE_RECOUNT_MS = 60_000;

interface CoverageState {
  served: RecentKeys<string>;
  /** The serving layer's catalogue mirror, handed over with each served list; null until a list is served. */
  catalog: CatalogMirror | null;
  servable: { epoch: number; countedAt: number; count: number } | null;
}

function coverageState(): CoverageState {
  return processSingleton<CoverageState>('metrics-coverage', () => ({ served: new RecentKeys(WINDOW_MS, MAX_TRACKED_ITEMS), catalog: null, servable: null }));
}

export function noteServedItems(itemIds: readonly string[], catalog: CatalogMirror, now = Date.now()): void {
  const state = coverageState();
  state.catalog = catalog;
  for (const id of itemIds) state.served.add(id, now);
}

export interface CatalogCoverage {
  /** Distinct items served by this process in the last hour. */
  servedItems: number;
  /** Items servable now (not hidden, published, not expired); null before the first list is served. */
  servableItems: number | null;
  /** servedItems / servableItems, at most 1 (an item served and hidden since still counts as served). */
  ratio: number;
}

/** Counting the servable catalogue walks every item, so it happens at scrape time and is reused until the catalogue or the minute changes. */
export function catalogCoverage(now = Date.now()): CatalogCoverage {
  const state = coverageState();
  const servedItems = state.served.count(now);
  const { catalog } = state;
  if (!catalog) return { servedItems, servableItems: null, ratio: 0 };
  const cached = state.servable;
  if (!cached || cached.epoch !== catalog.epoch || now - cached.countedAt >= SERVABLE_RECOUNT_MS) {
    let count = 0;
    for (const entry of catalog.entries.values()) if (isServable(entry, now)) count += 1;
    state.servable = { epoch: catalog.epoch, countedAt: now, count };
  }
  const servableItems = state.servable!.count;
  return { servedItems, servableItems, ratio: servableItems > 0 ? Math.min(1, servedItems / servableItems) : 0 };
}
