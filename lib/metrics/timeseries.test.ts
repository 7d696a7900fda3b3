import { describe, expect, it } from 'vitest';
import { MetricsTimeSeries } from './timeseries';

const MINUTE = 60_000;
/** A minute boundary, so the arithmetic below reads in whole minutes. */
const T0 = 1_800_000_000_000 - (1_800_000_000_000 % MINUTE);
const at = (minutes: number, seconds = 0) => T0 + minutes * MINUTE + seconds * 1000;

describe('MetricsTimeSeries', () => {
  it('buckets requests per minute: rate, error rate and latency percentiles per endpoint', () => {
    const series = new MetricsTimeSeries();
    for (let i = 0; i < 90; i++) series.recordRequest('GET /api/v1/recommendations', 200, 4, at(0, i % 60));
    for (let i = 0; i < 10; i++) series.recordRequest('GET /api/v1/recommendations', 200, 400, at(0, 30));
    series.recordRequest('POST /api/v1/events', 503, 2, at(0, 10));
    series.recordRequest('POST /api/v1/events', 400, 2, at(0, 11));
    series.recordRequest('POST /api/v1/events', 200, 2, at(1, 5));

    const [first, second] = series.series({ from: at(0), to: at(2) }, at(2));
    expect(first).toMatchObject({ time: at(0), seconds: 60, requests: 102, errors: 1, clientErrors: 1 });
    expect(first!.qps).toBeCloseTo(102 / 60);
    expect(first!.errorRate).toBeCloseTo(1 / 102);
    const feed = first!.endpoints['GET /api/v1/recommendations']!;
    expect(feed.requests).toBe(100);
    expect(feed.errorRate).toBe(0);
    // 90% of requests at 4 ms (bucket (3, 5]), 10% at 400 ms (bucket (300, 500]).
    expect(feed.latencyMs!.p50).toBeGreaterThan(3);
    expect(feed.latencyMs!.p50).toBeLessThanOrEqual(5);
    expect(feed.latencyMs!.p95).toBeGreaterThan(300);
    expect(feed.latencyMs!.p99).toBeLessThanOrEqual(500);
    expect(first!.endpoints['POST /api/v1/events']).toMatchObject({ requests: 2, errors: 1, clientErrors: 1, errorRate: 0.5 });
    expect(second).toMatchObject({ time: at(1), requests: 1, errors: 0 });
  });

  it('returns zero points for quiet minutes and rates over the elapsed part of the running minute', () => {
    const series = new MetricsTimeSeries();
    series.recordRequest('GET /api/v1/health', 200, 1, at(0));
    series.recordRequest('GET /api/v1/health', 200, 1, at(3, 10));
    const points = series.series({ from: at(0), to: at(3, 30) }, at(3, 30));
    expect(points.map((point) => point.requests)).toEqual([1, 0, 0, 1]);
    expect(points[1]).toMatchObject({ qps: 0, errorRate: null, latencyMs: null, endpoints: {} });
    expect(points[3]!.seconds).toBe(30);
    expect(points[3]!.qps).toBeCloseTo(1 / 30);
  });

  it('merges minutes into steps exactly, percentiles included', () => {
    const series = new MetricsTimeSeries();
    for (let minute = 0; minute < 10; minute++) {
      series.recordRequest('GET /api/v1/trending', 200, minute < 5 ? 2 : 100, at(minute));
      series.recordCache(minute % 2 === 0, at(minute));
    }
    const points = series.series({ from: at(0), to: at(10), stepMinutes: 5 }, at(10));
    expect(points).toHaveLength(2);
    expect(points[0]).toMatchObject({ time: at(0), seconds: 300, requests: 5, cache: { hits: 3, misses: 2, hitRate: 0.6 } });
    expect(points[0]!.latencyMs!.p99).toBeLessThanOrEqual(2);
    expect(points[1]!.latencyMs!.p50).toBeGreaterThan(75);
    const whole = series.series({ from: at(0), to: at(10), stepMinutes: 10 }, at(10));
    expect(whole[0]!.requests).toBe(10);
    expect(whole[0]!.cache.hitRate).toBe(0.5);
  });

  it('keeps 24 hours: a slot reused a day later holds only the new minute', () => {
    const series = new MetricsTimeSeries();
    series.recordRequest('GET /api/v1/health', 200, 1, at(0));
    series.recordRequest('GET /api/v1/health', 200, 1, at(5));
    const dayLater = 24 * 60;
    series.recordRequest('GET /api/v1/items', 200, 1, at(dayLater));
    const now = at(dayLater, 1);
    // The range asked for starts before the ring's reach; it is clamped to the last 24 hours.
    const points = series.series({ from: at(-60), to: now }, now);
    expect(points).toHaveLength(24 * 60);
    expect(points[0]!.time).toBe(at(1));
    expect(points.reduce((sum, point) => sum + point.requests, 0)).toBe(2);
    expect(points.at(-1)!.endpoints).toHaveProperty(['GET /api/v1/items']);
    expect(points.at(-1)!.endpoints).not.toHaveProperty(['GET /api/v1/health']);
    // Nothing is reported for the future.
    expect(series.series({ from: now, to: now + 10 * MINUTE }, now)).toHaveLength(1);
  });

  it('reports ingest rate, lag percentiles and CTR per strategy', () => {
    const series = new MetricsTimeSeries();
    series.recordServed('hybrid', 20, at(0));
    series.recordServed('hybrid', 20, at(0, 5));
    series.recordServed('popular', 10, at(0, 6));
    series.recordClicks('hybrid', 4, at(0, 20));
    series.recordClicks('popular', 1, at(0, 21));
    series.recordClicks(null, 5, at(0, 22));
    series.recordIngest(3, [2, 3, 4_000], at(0, 30));
    const [point] = series.series({ from: at(0), to: at(1) }, at(1));
    expect(point!.events.ingested).toBe(3);
    expect(point!.events.perSecond).toBeCloseTo(3 / 60);
    expect(point!.events.lagMs!.p50).toBeGreaterThan(1);
    expect(point!.events.lagMs!.p50).toBeLessThanOrEqual(5);
    expect(point!.events.lagMs!.p99).toBeGreaterThan(2_500);
    expect(point!.ctr).toMatchObject({ impressions: 50, clicks: 10, unattributedClicks: 5, ctr: 0.2 });
    expect(point!.ctr.byStrategy).toEqual({
      hybrid: { lists: 2, impressions: 40, clicks: 4, ctr: 0.1 },
      popular: { lists: 1, impressions: 10, clicks: 1, ctr: 0.1 },
    });
  });

  it('pools strategies past the per-minute bound', () => {
    const series = new MetricsTimeSeries();
    for (let i = 0; i < 60; i++) series.recordServed(`s-${i}`, 1, at(0));
    const [point] = series.series({ from: at(0), to: at(1) }, at(1));
    expect(Object.keys(point!.ctr.byStrategy)).toHaveLength(51);
    expect(point!.ctr.byStrategy.other).toMatchObject({ lists: 10, impressions: 10 });
  });
});
