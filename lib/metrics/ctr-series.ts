import { clickThroughRate } from './ctr';
import { stepStarts, type RangeWindow, type TimeRange } from './ranges';

/** One (step, strategy) cell from the impressions table: items shown and distinct items clicked. */
export interface CtrRow {
  bucket: number;
  strategy: string;
  impressions: number;
  clicks: number;
}

export interface CtrCounts {
  impressions: number;
  clicks: number;
  ctr: number | null;
}

export interface CtrPoint extends CtrCounts {
  time: number;
  by_strategy: Record<string, CtrCounts>;
}

export interface CtrSeries {
  /** Busiest first; past `maxStrategies` the rest are pooled as `other`. */
  strategies: string[];
  totals: CtrCounts & { by_strategy: Record<string, CtrCounts> };
  /** One per step of the window, quiet steps included as zeros. */
  points: CtrPoint[];
}

/** What `GET /api/v1/metrics/ctr` answers. */
export type CtrSeriesResponse = CtrSeries & { range: TimeRange; from: string; to: string; step_seconds: number };

export const OTHER_STRATEGIES = 'other';

/** Dense CTR points, overall and per strategy, from the rows a bucketed query returns. */
export function buildCtrSeries(rows: readonly CtrRow[], window: RangeWindow, maxStrategies = 8): CtrSeries {
  const volume = new Map<string, number>();
  for (const row of rows) volume.set(row.strategy, (volume.get(row.strategy) ?? 0) + row.impressions);
  const ranked = [...volume.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([strategy]) => strategy);
  const kept = new Set(ranked.length > maxStrategies ? ranked.slice(0, maxStrategies - 1) : ranked);
  const strategyOf = (strategy: string) => (kept.has(strategy) ? strategy : OTHER_STRATEGIES);

  const starts = stepStarts(window);
  const cells = starts.map(() => new Map<string, { impressions: number; clicks: number }>());
  const totals = new Map<string, { impressions: number; clicks: number }>();
  for (const row of rows) {
    const cell = cells[row.bucket];
    if (!cell) continue;
    const strategy = strategyOf(row.strategy);
    add(cell, strategy, row);
    add(totals, strategy, row);
  }

  const strategies = [...kept];
  if (ranked.length > kept.size) strategies.push(OTHER_STRATEGIES);
  return {
    strategies,
    totals: { ...sumOf(totals), by_strategy: countsBy(totals) },
    points: starts.map((time, index) => ({ time, ...sumOf(cells[index]!), by_strategy: countsBy(cells[index]!) })),
  };
}

function add(into: Map<string, { impressions: number; clicks: number }>, strategy: string, row: CtrRow): void {
  const current = into.get(strategy) ?? { impressions: 0, clicks: 0 };
  into.set(strategy, { impressions: current.impressions + row.impressions, clicks: current.clicks + row.clicks });
}

function counts(impressions: number, clicks: number): CtrCounts {
  return { impressions, clicks, ctr: clickThroughRate(clicks, impressions) };
}

function sumOf(cell: Map<string, { impressions: number; clicks: number }>): CtrCounts {
  let impressions = 0;
  let clicks = 0;
  for (const value of cell.values()) {
    impressions += value.impressions;
    clicks += value.clicks;
  }
  return counts(impressions, clicks);
}

function countsBy(cell: Map<string, { impressions: number; clicks: number }>): Record<string, CtrCounts> {
  return Object.fromEntries([...cell].map(([strategy, value]) => [strategy, counts(value.impressions, value.clicks)]));
}
