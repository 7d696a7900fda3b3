import { beforeAll, describe, expect, it } from 'vitest';
import { GET as metricsEndpoint } from '@/app/api/metrics/route';
import { POST as postEvents } from '@/app/api/v1/events/route';
import { GET as getItem, PUT as putItem } from '@/app/api/v1/items/[id]/route';
import { GET as similar } from '@/app/api/v1/items/[id]/similar/route';
import { GET as feed } from '@/app/api/v1/recommendations/route';
import { POST as sessionRecommend } from '@/app/api/v1/sessions/recommend/route';
import { GET as trending } from '@/app/api/v1/trending/route';
import { getConnection } from '@/db';
import { metricsSeries } from '@/lib/metrics/timeseries';
import { call } from '@/lib/testing/http';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * `name{label="value",…} value` per line, as the Prometheus text format (0.0.4) has it; comments
 * are # HELP and # TYPE. Values are Go floats, so NaN and Inf in any case (prom-client writes `Nan`).
 */
const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*)\})? (-?(?:[0-9.]+(?:e[+-]?[0-9]+)?|[nN][aA][nN]|[+-]?[iI][nN][fF]))$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function parsePrometheus(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const match = SAMPLE_LINE.exec(line);
    if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(LABEL)].map(([, key, value]) => [key!, value!]));
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

async function scrape(): Promise<{ text: string; samples: Sample[]; contentType: string | null }> {
  const response = await metricsEndpoint(new Request('http://localhost/api/metrics'), { params: Promise.resolve({}) });
  expect(response.status).toBe(200);
  const text = await response.text();
  return { text, samples: parsePrometheus(text), contentType: response.headers.get('content-type') };
}

/** The value of the one sample with these labels (0 when absent: counters start unexported). */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0]?.value ?? 0;
}

const event = (id: string, extra: Record<string, unknown> = {}) => ({ event_id: id, user_id: 'metrics-user', item_id: `metrics-item-${id}`, type: 'view', ...extra });

describe('GET /api/metrics', () => {
  beforeAll(async () => {
    await getConnection();
  });

  it('exposes request, serving and ingest metrics in the Prometheus text format', async () => {
    const before = (await scrape()).samples;

    const twoEvents = await call(postEvents, 'POST', '/api/v1/events', { body: [event('a'), event('b', { type: 'click' })] });
    expect(twoEvents.status).toBe(200);
    expect((await call(postEvents, 'POST', '/api/v1/events', { body: { type: 'teleport' } })).status).toBe(400);
    // Events create placeholder items, which are never served: the catalogue describes these.
    await (await getConnection()).query(`update items set title = 'Title of ' || external_id, updated_at = now() where external_id like 'metrics-item-%'`);
    const firstFeed = await call(feed, 'GET', '/api/v1/recommendations?user=metrics-reader&n=5');
    expect(firstFeed.status).toBe(200);
    expect(firstFeed.body.items.length).toBeGreaterThan(0);
    // The first page was computed and its response cached; an identical request is answered from the cache.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const secondFeed = await call(feed, 'GET', '/api/v1/recommendations?user=metrics-reader&n=5');
    const missing = await call(getItem, 'GET', '/api/v1/items/no-such-item-42', { params: { id: 'no-such-item-42' } });
    expect(missing.status).toBe(404);
    const click = { event_id: 'rec-click', user_id: 'metrics-reader', item_id: firstFeed.body.items[0].id, type: 'click', recommendation_id: firstFeed.body.recommendation_id };
    expect((await call(postEvents, 'POST', '/api/v1/events', { body: click })).status).toBe(200);

    const { text, samples: after, contentType } = await scrape();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const delta = (name: string, labels: Record<string, string> = {}) => valueOf(after, name, labels) - valueOf(before, name, labels);

    // Route patterns, never raw URLs.
    expect(delta('tailor_http_requests_total', { route: '/api/v1/events', method: 'POST', status: '200' })).toBe(2);
    expect(delta('tailor_http_requests_total', { route: '/api/v1/events', method: 'POST', status: '400' })).toBe(1);
    expect(delta('tailor_http_requests_total', { route: '/api/v1/recommendations', method: 'GET', status: '200' })).toBe(2);
    expect(delta('tailor_http_requests_total', { route: '/api/v1/items/[id]', method: 'GET', status: '404' })).toBe(1);
    expect(text).not.toContain('no-such-item-42');
    expect(delta('tailor_http_request_duration_seconds_count', { route: '/api/v1/events', method: 'POST' })).toBe(3);
    expect(valueOf(after, 'tailor_http_request_duration_seconds_bucket', { route: '/api/v1/events', method: 'POST', le: '+Inf' })).toBe(valueOf(after, 'tailor_http_request_duration_seconds_count', { route: '/api/v1/events', method: 'POST' }));
    expect(valueOf(after, 'tailor_http_request_duration_seconds_bucket', { route: '/api/v1/recommendations', method: 'GET', le: '0.001' })).toBeGreaterThanOrEqual(0);
    // The scrape does not count itself.
    expect(after.some((sample) => sample.labels.route === '/api/metrics')).toBe(false);

    // Serving: both pages served by the default strategy with no model; one cache miss, then a hit.
    const strategy = firstFeed.body.strategy as string;
    expect(delta('tailor_recommendations_served_total', { surface: 'feed', strategy, fallback: 'no_model' })).toBe(2);
    expect(delta('tailor_items_served_total')).toBe(firstFeed.body.items.length + secondFeed.body.items.length);
    expect(delta('tailor_recommendation_cache_total', { result: 'miss' })).toBe(1);
    expect(delta('tailor_recommendation_cache_total', { result: 'hit' })).toBe(1);
    expect(delta('tailor_recommendation_clicks_total', { strategy })).toBe(1);
    expect(valueOf(after, 'tailor_catalog_coverage_ratio')).toBeGreaterThan(0);
    expect(valueOf(after, 'tailor_catalog_coverage_ratio')).toBeLessThanOrEqual(1);

    // Ingest: per type, and a lag observation per newly stored event.
    expect(delta('tailor_events_ingested_total', { type: 'view' })).toBe(1);
    expect(delta('tailor_events_ingested_total', { type: 'click' })).toBe(2);
    expect(delta('tailor_event_feature_lag_seconds_count')).toBe(3);

    // No model is active: the gauge is declared but has no sample. Default process metrics are there.
    expect(text).toContain('# TYPE tailor_model_age_seconds gauge');
    expect(after.some((sample) => sample.name === 'tailor_model_age_seconds')).toBe(false);
    expect(after.some((sample) => sample.name === 'process_cpu_user_seconds_total')).toBe(true);
    expect(after.some((sample) => sample.name === 'nodejs_eventloop_lag_p99_seconds')).toBe(true);
  });

  it('does not count a duplicate event again', async () => {
    const before = (await scrape()).samples;
    expect((await call(postEvents, 'POST', '/api/v1/events', { body: event('a') })).body).toMatchObject({ accepted: 0, duplicates: 1 });
    const after = (await scrape()).samples;
    expect(valueOf(after, 'tailor_events_ingested_total', { type: 'view' })).toBe(valueOf(before, 'tailor_events_ingested_total', { type: 'view' }));
    expect(valueOf(after, 'tailor_http_requests_total', { route: '/api/v1/events', method: 'POST', status: '200' })).toBe(valueOf(before, 'tailor_http_requests_total', { route: '/api/v1/events', method: 'POST', status: '200' }) + 1);
  });

  it('feeds the console series from the same recordings', () => {
    const now = Date.now();
    const points = metricsSeries({ from: now - 5 * 60_000, to: now, stepMinutes: 5 });
    const totals = points.reduce(
      (sum, point) => ({
        events: sum.events + point.events.ingested,
        feedRequests: sum.feedRequests + (point.endpoints['GET /api/v1/recommendations']?.requests ?? 0),
        hits: sum.hits + point.cache.hits,
        impressions: sum.impressions + point.ctr.impressions,
        clicks: sum.clicks + point.ctr.clicks,
      }),
      { events: 0, feedRequests: 0, hits: 0, impressions: 0, clicks: 0 },
    );
    // Of the two clicks, only the one carrying a recommendation id counts for CTR.
    expect(totals).toMatchObject({ events: 3, feedRequests: 2, hits: 1, clicks: 1 });
    expect(totals.impressions).toBeGreaterThan(0);
    expect(points.some((point) => Object.keys(point.endpoints).some((key) => key.includes('no-such-item')))).toBe(false);
  });

  it('counts the lists of every serving surface by surface: feed, session, similar items and trending', async () => {
    expect((await call(putItem, 'PUT', '/api/v1/items/metrics-anchor', { body: { title: 'Anchor', category: 'Drama' }, params: { id: 'metrics-anchor' } })).status).toBe(201);
    const before = (await scrape()).samples;
    expect((await call(feed, 'GET', '/api/v1/recommendations?user=metrics-surfaces&n=5')).status).toBe(200);
    expect((await call(sessionRecommend, 'POST', '/api/v1/sessions/recommend', { body: { recent_items: ['metrics-anchor'], n: 5 } })).status).toBe(200);
    expect((await call(similar, 'GET', '/api/v1/items/metrics-anchor/similar?n=5', { params: { id: 'metrics-anchor' } })).status).toBe(200);
    expect((await call(trending, 'GET', '/api/v1/trending?n=5')).status).toBe(200);
    const after = (await scrape()).samples;
    // Summed over strategies and fallbacks: a surface's lists are one series each whatever served them.
    const served = (samples: Sample[], surface: string) => samples.filter((sample) => sample.name === 'tailor_recommendations_served_total' && sample.labels.surface === surface).reduce((sum, sample) => sum + sample.value, 0);
    for (const surface of ['feed', 'session', 'similar', 'trending']) expect({ surface, lists: served(after, surface) - served(before, surface) }).toEqual({ surface, lists: 1 });
    expect(valueOf(after, 'tailor_recommendations_served_total', { surface: 'similar', strategy: 'similar', fallback: 'no_model' })).toBe(1);
  });
});
