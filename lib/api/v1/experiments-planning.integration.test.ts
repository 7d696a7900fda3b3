import { describe, expect, it } from 'vitest';
import { GET as planRoute } from '@/app/api/v1/experiments/plan/route';
import { GET as resultsRoute } from '@/app/api/v1/experiments/[id]/results/route';
import { POST as startRoute } from '@/app/api/v1/experiments/[id]/start/route';
import { POST as postRoute } from '@/app/api/v1/experiments/route';
import { getConnection } from '@/db';
import { insertEvents } from '@/lib/events/store';
import type { NewEvent } from '@/lib/events/schema';
import { getExperiment, insertExposures, updateExperiment } from '@/lib/experiments/store';
import type { Impression } from '@/lib/impressions/schema';
import { insertImpressions } from '@/lib/impressions/store';
import { call } from '@/lib/testing/http';

const DAY_MS = 86_400_000;
const USERS = 200;
const day = (ago: number) => new Date(Date.now() - ago * DAY_MS);
const utcDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * A 200-user world: on each of the last three days a different 100 of them are active, and two
 * days ago every one was served a list of 10 and clicked 0, 1 or 2 of its items (CTR about 10%).
 * Returns every event, so the test can count active users the way the plan should.
 */
async function world() {
  const conn = await getConnection();
  const events: NewEvent[] = [];
  const impressions: Impression[] = [];
  const view = (user: number, at: Date, n: number) => events.push({ eventId: `view-${user}-${n}`, userId: `w-${user}`, itemId: 'w-item-0', type: 'view', value: null, occurredAt: at, sessionId: null, context: null, recommendationId: null });
  for (let user = 0; user < USERS; user++) {
    if (user < 100) view(user, day(3), 3);
    if (user >= 50 && user < 150) view(user, day(1.5), 2);
    if (user >= 100) view(user, day(1), 1);
    const recommendationId = `w-list-${user}`;
    const items = Array.from({ length: 10 }, (_, k) => `w-item-${k}`);
    impressions.push({ recommendationId, userId: `w-${user}`, surface: 'feed', items, strategy: 'hybrid', modelVersion: null, experiment: null, variant: null, fallback: null, latencyMs: 10, servedAt: day(2) });
    for (const item of items.slice(0, user % 3)) events.push({ eventId: `${recommendationId}-${item}`, userId: `w-${user}`, itemId: item, type: 'click', value: null, occurredAt: day(2), sessionId: null, context: null, recommendationId });
  }
  await insertImpressions(conn, impressions);
  await insertEvents(conn, events);
  return events;
}

/** What the plan should read: mean distinct active users over the days with any events, and distinct users overall. */
function activeUsers(events: NewEvent[]) {
  const userDays = new Set(events.map((event) => `${event.userId}|${utcDay(event.occurredAt)}`));
  const days = new Set(events.map((event) => utcDay(event.occurredAt)));
  return { daily: userDays.size / days.size, users: new Set(events.map((event) => event.userId)).size };
}

const plan = (query: string) => call(planRoute, 'GET', `/api/v1/experiments/plan${query}`);

describe('experiments: planning from active users', () => {
  it('estimates the sample from the metric history, daily traffic from distinct active users, and says when it cannot be reached', async () => {
    const events = await world();
    const expected = activeUsers(events);

    const strict = await plan('?metric=ctr&mde=0.05');
    expect(strict.status, JSON.stringify(strict.body)).toBe(200);
    expect(strict.body).toMatchObject({ metric: 'ctr', mde: 0.05, history_users: USERS, audience_users: USERS, reachable: false, duration_days: null });
    // Users clicked 0, 1 or 2 of 10 by their number mod 3: 67, 67 and 66 of them, so 199 clicks in 2,000 items.
    expect(strict.body.baseline).toBeCloseTo(199 / 2000, 12);
    expect(strict.body.daily_users).toBeCloseTo(expected.daily, 9);
    expect(strict.body.sample_size_per_variant).toBeGreaterThan(USERS);

    // A threefold CTR is detectable with a few users per variant: reachable, in days of half the daily users.
    const loose = await plan('?metric=ctr&mde=2&coverage_percent=50');
    expect(loose.body).toMatchObject({ reachable: true, audience_users: USERS / 2 });
    expect(loose.body.daily_users).toBeCloseTo(expected.daily / 2, 9);
    expect(loose.body.duration_days).toBe(Math.ceil(loose.body.sample_size_per_variant / (loose.body.daily_users / 2)));

    const bad = await plan('?metric=latency_p99&mde=0');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((field: { field: string }) => field.field).sort()).toEqual(['mde', 'metric']);
    expect((await call(postRoute, 'POST', '/api/v1/experiments', { body: { key: 'plan', variants: [{ key: 'a', strategy: 'hybrid' }, { key: 'b', strategy: 'content' }] } })).status).toBe(400);
  });

  it("bases a running experiment's duration on active users, not exposures extrapolated from its first hour", async () => {
    const conn = await getConnection();
    const events = await world();
    const created = await call(postRoute, 'POST', '/api/v1/experiments', { body: { key: 'planned', variants: [{ key: 'control', strategy: 'hybrid' }, { key: 'treatment', strategy: 'content' }] } });
    expect(created.status).toBe(201);
    expect((await call(startRoute, 'POST', '/api/v1/experiments/planned/start', { params: { id: 'planned' } })).status).toBe(200);
    const experiment = (await getExperiment(conn.db, 'planned'))!;
    // 300 users exposed in its first minutes: extrapolated to a day, 7,200, far more than ever came.
    const now = new Date();
    const exposures = Array.from({ length: 300 }, (_, i) => ({ experimentId: experiment.id, userId: `w-${i % USERS}-${i}`, variant: i % 2 ? 'treatment' : 'control', firstExposedAt: now }));
    await insertExposures(conn, exposures);
    const impressions: Impression[] = exposures.map((exposure, i) => ({ recommendationId: `p-${i}`, userId: exposure.userId, surface: 'feed', items: Array.from({ length: 10 }, (_, k) => `w-item-${k}`), strategy: 's', modelVersion: null, experiment: 'planned', variant: exposure.variant, fallback: null, latencyMs: 10, servedAt: now }));
    await insertImpressions(conn, impressions);
    const clicks: NewEvent[] = impressions.flatMap((impression, i) => impression.items.slice(0, i % 3).map((item) => ({ eventId: `${impression.recommendationId}-${item}`, userId: impression.userId, itemId: item, type: 'click' as const, value: null, occurredAt: now, sessionId: null, context: null, recommendationId: impression.recommendationId })));
    await insertEvents(conn, clicks);
    const expected = activeUsers([...events, ...clicks]);

    const response = await call(resultsRoute, 'GET', '/api/v1/experiments/planned/results', { params: { id: 'planned' } });
    expect(response.status).toBe(200);
    const planning = response.body.planning;
    expect(planning.daily_users).toBeCloseTo(expected.daily, 9);
    expect(planning.audience_users).toBe(expected.users);
    expect(planning.sample_size_per_variant).toBeGreaterThan(expected.users);
    expect(planning).toMatchObject({ ready: false, reachable: false, duration_days: null, days_remaining: null });

    // Hours while it is young; days once it has run for three.
    expect(response.body.timeseries_granularity).toBe('hour');
    await updateExperiment(conn.db, experiment.id, { startedAt: day(4) });
    const older = await call(resultsRoute, 'GET', '/api/v1/experiments/planned/results', { params: { id: 'planned' } });
    expect(older.body.timeseries_granularity).toBe('day');
    expect(older.body.timeseries.control).toEqual([expect.objectContaining({ date: utcDay(now), exposures: 150 })]);
  });
});
