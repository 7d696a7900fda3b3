import { describe, expect, it } from 'vitest';
import { buildCtrSeries, OTHER_STRATEGIES } from './ctr-series';
import { rangeWindow } from './ranges';

const window = rangeWindow('1h', Date.UTC(2026, 0, 15, 12, 30, 5));

describe('buildCtrSeries', () => {
  it('fills every step, quiet ones as zeros, with CTR overall and per strategy', () => {
    const series = buildCtrSeries(
      [
        { bucket: 0, strategy: 'hybrid', impressions: 100, clicks: 5 },
        { bucket: 0, strategy: 'popular', impressions: 50, clicks: 1 },
        { bucket: 59, strategy: 'hybrid', impressions: 20, clicks: 2 },
      ],
      window,
    );
    expect(series.points).toHaveLength(60);
    expect(series.points[0]).toMatchObject({ time: window.from, impressions: 150, clicks: 6, ctr: 0.04 });
    expect(series.points[0]!.by_strategy.popular).toEqual({ impressions: 50, clicks: 1, ctr: 0.02 });
    expect(series.points[1]).toEqual({ time: window.from + 60_000, impressions: 0, clicks: 0, ctr: null, by_strategy: {} });
    expect(series.points[59]!.by_strategy.hybrid!.ctr).toBeCloseTo(0.1);
    expect(series.strategies).toEqual(['hybrid', 'popular']);
    expect(series.totals).toMatchObject({ impressions: 170, clicks: 8 });
    expect(series.totals.by_strategy.hybrid).toEqual({ impressions: 120, clicks: 7, ctr: 7 / 120 });
  });

  it('pools the smallest strategies past the limit and ignores rows outside the window', () => {
    const rows = ['a', 'b', 'c', 'd'].map((strategy, index) => ({ bucket: 3, strategy, impressions: 40 - index * 10, clicks: 1 }));
    const series = buildCtrSeries([...rows, { bucket: 60, strategy: 'a', impressions: 999, clicks: 999 }], window, 3);
    expect(series.strategies).toEqual(['a', 'b', OTHER_STRATEGIES]);
    expect(series.points[3]!.by_strategy[OTHER_STRATEGIES]).toEqual({ impressions: 30, clicks: 2, ctr: 2 / 30 });
    expect(series.totals.impressions).toBe(100);
  });

  it('has no strategies and null CTR without impressions', () => {
    const series = buildCtrSeries([], window);
    expect(series.strategies).toEqual([]);
    expect(series.totals).toEqual({ impressions: 0, clicks: 0, ctr: null, by_strategy: {} });
  });
});
