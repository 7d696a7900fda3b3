import { describe, expect, it } from 'vitest';
import { instanceOverview } from './dashboard';
import { MetricsTimeSeries } from './timeseries';

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 0, 15, 12, 30, 30);

describe('instanceOverview', () => {
  it('charts each step and summarises the range with exactly merged percentiles', () => {
    const series = new MetricsTimeSeries();
    for (let i = 0; i < 60; i++) series.recordRequest('GET /api/v1/recommendations', 200, 4, NOW - 10 * MINUTE);
    for (let i = 0; i < 40; i++) series.recordRequest('GET /api/v1/recommendations', 200, 400, NOW - 2 * MINUTE);
    series.recordRequest('POST /api/v1/events', 503, 2, NOW - 2 * MINUTE);
    series.recordCache(true, NOW - MINUTE);
    series.recordCache(false, NOW - MINUTE);
    series.recordIngest(10, [5, 5], NOW);

    const overview = instanceOverview('1h', NOW, series, NOW - 3 * 60 * MINUTE);
    expect(overview.points).toHaveLength(60);
    expect(overview.instance.partial).toBe(false);
    expect(overview.step_seconds).toBe(60);
    expect(overview.totals).toMatchObject({ requests: 101, errors: 1, cache_hits: 1, cache_misses: 1, cache_hit_rate: 0.5, events_ingested: 10 });
    // 60 requests at 4 ms and 40 at 400 ms: the median is fast, p95 slow, whichever minutes they came in.
    const feed = overview.endpoints[0]!;
    expect(feed).toMatchObject({ endpoint: 'GET /api/v1/recommendations', requests: 100, error_rate: 0 });
    expect(feed.latency_ms!.p50).toBeLessThanOrEqual(5);
    expect(feed.latency_ms!.p95).toBeGreaterThan(300);
    expect(overview.endpoints[1]).toMatchObject({ endpoint: 'POST /api/v1/events', errors: 1, error_rate: 1 });
    const slowMinute = overview.points.find((point) => point.time === Math.floor((NOW - 2 * MINUTE) / MINUTE) * MINUTE)!;
    expect(slowMinute.endpoints['GET /api/v1/recommendations']!.latency_ms!.p50).toBeGreaterThan(300);
    expect(overview.points.at(-1)!.events_per_second).toBeCloseTo(10 / 30);
  });

  it('covers only the time since the process started, and says so', () => {
    const overview = instanceOverview('6h', NOW, new MetricsTimeSeries(), NOW - 12 * MINUTE);
    expect(overview.instance.partial).toBe(true);
    expect(overview.points.length).toBeLessThanOrEqual(4);
    expect(overview.totals).toMatchObject({ requests: 0, qps: 0, error_rate: null, latency_ms: null });
    expect(overview.endpoints).toEqual([]);
  });
});
