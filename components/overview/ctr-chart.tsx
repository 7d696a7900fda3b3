'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import { percentAxisFormat } from '@/components/charts/format';
import { seriesColor } from '@/components/charts/palette';
import { TimeSeriesChart, type TimePoint } from '@/components/charts/time-series-chart';
import { EmptyState } from '@/components/ui/empty-state';
import { QueryState } from '@/components/ui/query-state';
import { CTR_DEFINITION } from '@/lib/metrics/ctr';
import type { CtrSeriesResponse } from '@/lib/metrics/ctr-series';
import { ChartPanel } from './chart-panel';

const OVERALL = '__overall';

/** CTR per step, overall (dark) and per strategy, from the impressions log. */
export function CtrChart({ query }: { query: UseQueryResult<CtrSeriesResponse> }) {
  return (
    <ChartPanel title="Click-through rate" aside="all instances · clicks ÷ shown">
      <QueryState
        query={query}
        isEmpty={(data) => data.totals.impressions === 0}
        empty={{ title: 'No recommendations served in this range', body: 'CTR appears once lists are served and clicks carry their recommendation_id.' }}
      >
        {(data) => {
          const points: TimePoint[] = data.points.map((point) => ({
            time: point.time,
            [OVERALL]: point.ctr,
            ...Object.fromEntries(data.strategies.map((strategy) => [strategy, point.by_strategy[strategy]?.ctr ?? null])),
          }));
          const lines = [
            { key: OVERALL, name: 'All strategies', color: '#101828' },
            ...data.strategies.map((strategy, index) => ({ key: strategy, name: strategy, color: seriesColor(index), dashed: true })),
          ];
          return data.points.some((point) => point.ctr !== null) ? (
            <TimeSeriesChart
              data={points}
              lines={lines}
              format={percentAxisFormat(data.points.flatMap((point) => [point.ctr, ...Object.values(point.by_strategy).map((counts) => counts.ctr)]))}
              // Fitted to the data with some headroom: a 2% CTR on a 0–100% axis is a flat line.
              domain={[0, (highest: number) => (highest > 0 ? Math.min(1, highest * 1.15) : 0.01)]}
            />
          ) : (
            <EmptyState title="No data" />
          );
        }}
      </QueryState>
      <p className="subtle" style={{ fontSize: 12, margin: '8px 0 0' }}>{CTR_DEFINITION}.</p>
    </ChartPanel>
  );
}
