import { describe, expect, it } from 'vitest';
import { POST as pauseRoute } from '@/app/api/v1/experiments/[id]/pause/route';
import { GET as resultsRoute } from '@/app/api/v1/experiments/[id]/results/route';
import { DELETE, GET, PATCH } from '@/app/api/v1/experiments/[id]/route';
import { POST as shipRoute } from '@/app/api/v1/experiments/[id]/ship/route';
import { POST as startRoute } from '@/app/api/v1/experiments/[id]/start/route';
import { POST as stopRoute } from '@/app/api/v1/experiments/[id]/stop/route';
import { GET as listRoute, POST as postRoute } from '@/app/api/v1/experiments/route';
import { POST as makeDefault } from '@/app/api/v1/strategies/[id]/default/route';
import { getConnection } from '@/db';
import type { DatabaseConnection } from '@/db/client';
import { listAudit } from '@/lib/auth/audit';
import { insertEvents } from '@/lib/events/store';
import type { NewEvent } from '@/lib/events/schema';
import { reallocateBandits } from '@/lib/experiments/bandit';
import { exposureWriter } from '@/lib/experiments/exposure';
import { experimentHeader, resolveStrategy } from '@/lib/experiments/serving';
import { getExperiment, insertExposures } from '@/lib/experiments/store';
import type { Impression } from '@/lib/impressions/schema';
import { insertImpressions } from '@/lib/impressions/store';
import { Random } from '@/lib/math/random';
import { PRESET_STRATEGIES } from '@/lib/strategies/schema';
import { call } from '@/lib/testing/http';

const at = (key: string) => ({ params: { id: key } });
const fieldsOf = (body: any) => body.error.fields.map((f: { field: string }) => f.field);
const post = (body: unknown) => call(postRoute, 'POST', '/api/v1/experiments', { body });
const action = (handler: typeof startRoute, key: string, verb: string, body?: unknown) => call(handler, 'POST', `/api/v1/experiments/${key}/${verb}`, { ...at(key), body });
const patch = (key: string, body: unknown) => call(PATCH, 'PATCH', `/api/v1/experiments/${key}`, { body, ...at(key) });
const results = (key: string, query = '') => call(resultsRoute, 'GET', `/api/v1/experiments/${key}/results${query}`, at(key));
const TWO = [
  { key: 'control', strategy: 'hybrid' },
  { key: 'treatment', strategy: 'content' },
];

/** Users carry a cohort attribute and each experiment targets its own, so the tests' experiments never compete for a user. */
const cohortUser = (cohort: string, i: number) => ({ id: `${cohort}-user-${i}`, isNew: false, attributes: { cohort } });

async function create(key: string, fields: Record<string, unknown> = {}) {
  const response = await post({ key, variants: TWO, targeting: `cohort=${key}`, layer: key, ...fields });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

async function start(key: string) {
  const response = await action(startRoute, key, 'start');
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

/**
 * Serves `lists` lists of 10 items to each user under their variant, with a click on each item
 * with the variant's probability; returns the exact clicks and items shown per variant.
 */
async function simulate(conn: DatabaseConnection, experiment: string, users: { id: string; variant: string }[], clickRate: Record<string, number>, options: { lists?: number; latency?: Record<string, number>; seed?: number; servedAt?: Date } = {}) {
  const random = new Random(options.seed ?? 7);
  const impressions: Impression[] = [];
  const events: NewEvent[] = [];
  const totals: Record<string, { clicks: number; shown: number }> = {};
  const servedAt = options.servedAt ?? new Date();
  for (const user of users) {
    for (let list = 0; list < (options.lists ?? 2); list++) {
      const recommendationId = `${experiment}-${user.id}-${list}`;
      const items = Array.from({ length: 10 }, (_, k) => `${experiment}-item-${(list * 10 + k) % 30}`);
      impressions.push({ recommendationId, userId: user.id, surface: 'feed', items, strategy: 's', modelVersion: null, experiment, variant: user.variant, fallback: null, latencyMs: options.latency?.[user.variant] ?? 10, servedAt });
      const total = (totals[user.variant] ??= { clicks: 0, shown: 0 });
      total.shown += items.length;
      for (const item of items) {
        if (random.next() >= clickRate[user.variant]!) continue;
        total.clicks += 1;
        events.push({ eventId: `${recommendationId}-${item}`, userId: user.id, itemId: item, type: 'click', value: null, occurredAt: servedAt, sessionId: null, context: null, recommendationId });
      }
    }
  }
  await insertImpressions(conn, impressions);
  for (let i = 0; i < events.length; i += 2000) await insertEvents(conn, events.slice(i, i + 2000));
  return totals;
}

/** Assigns users through serving, the way the feed does, and waits for their exposures. */
async function assign(cohort: string, count: number) {
  const users: { id: string; variant: string }[] = [];
  for (let i = 0; i < count; i++) {
    const choice = await resolveStrategy(cohortUser(cohort, i));
    if (choice.experiment === cohort) users.push({ id: cohortUser(cohort, i).id, variant: choice.variant! });
  }
  await exposureWriter().flush();
  return users;
}

describe('experiments API: creating and validating', () => {
  it('creates a draft with defaults and an even split, and lists it', async () => {
    const created = await post({ key: 'defaults', name: 'Defaults', hypothesis: 'content beats hybrid for new users', variants: TWO });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      key: 'defaults',
      name: 'Defaults',
      type: 'ab',
      status: 'draft',
      layer: 'default',
      coverage_percent: 100,
      layer_range_percent: null,
      targeting: 'all',
      control: 'control',
      variants: [
        { key: 'control', strategy: 'hybrid', weight: 0.5, strategy_version: null },
        { key: 'treatment', strategy: 'content', weight: 0.5, strategy_version: null },
      ],
      primary_metric: 'ctr',
      secondary_metrics: [],
      guardrails: [{ metric: 'latency_p99', max_degradation: 0.2 }],
      bandit: null,
      started_at: null,
    });
    expect((await call(GET, 'GET', '/api/v1/experiments/defaults', at('defaults'))).body).toEqual(created.body);
    expect((await post({ key: 'defaults', variants: TWO })).status).toBe(409);

    const thirds = await post({ key: 'thirds', variants: [...TWO, { key: 'third', strategy: 'popular' }].map((v) => ({ ...v, weight: 1 / 3 })) });
    expect(thirds.status).toBe(201);
    const listed = await call(listRoute, 'GET', '/api/v1/experiments?status=draft&limit=1');
    expect(listed.body).toMatchObject({ total: 2, limit: 1, offset: 0 });
    expect(listed.body.experiments.map((e: { key: string }) => e.key)).toEqual(['thirds']);
    expect(fieldsOf((await call(listRoute, 'GET', '/api/v1/experiments?status=done')).body)).toEqual(['status']);
  });

  it('refuses bad experiments, naming the field, and stores nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ variants: [{ ...TWO[0], weight: 0.5 }, { ...TWO[1], weight: 0.4 }] }, 'variants'],
      [{ variants: [{ ...TWO[0], weight: 0.5 }, TWO[1]] }, 'variants[1].weight'],
      [{ variants: [TWO[0], { ...TWO[1], key: 'control' }] }, 'variants[1].key'],
      [{ variants: [TWO[0], { ...TWO[1], strategy: 'no-such-strategy' }] }, 'variants[1].strategy'],
      [{ variants: [TWO[0]] }, 'variants'],
      [{ variants: [{ ...TWO[0], weight: 0 }, { ...TWO[1], weight: 1 }] }, 'variants[0].weight'],
      [{ targeting: 'vip' }, 'targeting'],
      [{ bandit: { reallocate_every_minutes: 60 } }, 'bandit'],
      [{ type: 'bandit', bandit: { reallocate_every_minutes: 1 } }, 'bandit.reallocate_every_minutes'],
      [{ secondary_metrics: ['ctr'] }, 'secondary_metrics[0]'],
      [{ primary_metric: 'coverage' }, 'primary_metric'],
      [{ coverage_percent: 101 }, 'coverage_percent'],
      [{ guardrails: [{ metric: 'latency_p99', max_degradation: 0 }] }, 'guardrails[0].max_degradation'],
      [{ key: 'a:b' }, 'key'],
      [{ layer: 'a/b' }, 'layer'],
      [{ colour: 'red' }, '(body)'],
    ];
    for (const [fields, field] of cases) {
      const response = await post({ key: 'refused', variants: TWO, ...fields });
      expect(response.status, JSON.stringify(fields)).toBe(400);
      expect(fieldsOf(response.body), JSON.stringify(fields)).toContain(field);
    }
    expect((await call(GET, 'GET', '/api/v1/experiments/refused', at('refused'))).status).toBe(404);
  });

  it('answers 404 for unknown keys on every route', async () => {
    for (const [handler, verb] of [[startRoute, 'start'], [pauseRoute, 'pause'], [stopRoute, 'stop']] as const) {
      expect((await action(handler, 'ghost', verb)).status).toBe(404);
    }
    expect((await action(shipRoute, 'ghost', 'ship', { variant: 'control' })).status).toBe(404);
    expect((await results('ghost')).status).toBe(404);
    expect((await call(GET, 'GET', '/api/v1/experiments/ghost', at('ghost'))).status).toBe(404);
    expect((await patch('ghost', { name: 'x' })).status).toBe(404);
    expect((await call(DELETE, 'DELETE', '/api/v1/experiments/ghost', at('ghost'))).status).toBe(404);
  });
});

describe('experiments API: lifecycle', () => {
  it('starts, pauses, resumes and stops, refusing what the status does not allow', async () => {
    await create('life', { coverage_percent: 60 });
    const started = await start('life');
    expect(started).toMatchObject({ status: 'running', layer_range_percent: [0, 60], variants: [{ strategy_version: 1 }, { strategy_version: 1 }] });
    expect(started.started_at).not.toBeNull();
    expect((await action(startRoute, 'life', 'start')).status).toBe(409);

    for (const [fields, field] of [[{ variants: TWO.slice().reverse() }, 'variants'], [{ layer: 'elsewhere' }, 'layer'], [{ targeting: 'all' }, 'targeting'], [{ type: 'bandit' }, 'type']] as const) {
      const refused = await patch('life', fields);
      expect(refused.status, field).toBe(409);
      expect(refused.body.error.message).toContain(field);
    }
    expect((await patch('life', { variants: [{ ...TWO[0], weight: 0.5 }, { ...TWO[1], weight: 0.6 }] })).status).toBe(400);
    expect((await patch('life', { name: 'Life', secondary_metrics: ['conversion'] })).body).toMatchObject({ name: 'Life', secondary_metrics: ['conversion'] });

    const paused = await action(pauseRoute, 'life', 'pause');
    expect(paused.body.status).toBe('paused');
    expect((await action(pauseRoute, 'life', 'pause')).status).toBe(409);
    expect((await resolveStrategy(cohortUser('life', 1))).experiment).toBeNull();
    const resumed = await start('life');
    expect(resumed).toMatchObject({ status: 'running', started_at: started.started_at, layer_range_percent: [0, 60] });

    const stopped = await action(stopRoute, 'life', 'stop');
    expect(stopped.body.status).toBe('stopped');
    expect(stopped.body.stopped_at).not.toBeNull();
    expect((await action(stopRoute, 'life', 'stop')).status).toBe(409);
    expect((await action(startRoute, 'life', 'start')).status).toBe(409);
    expect((await patch('life', { coverage_percent: 10 })).status).toBe(409);
    expect((await patch('life', { hypothesis: 'it did not' })).status).toBe(200);
    expect((await call(DELETE, 'DELETE', '/api/v1/experiments/life', at('life'))).status).toBe(409);

    await post({ key: 'scrap', variants: TWO });
    expect((await action(stopRoute, 'scrap', 'stop')).status).toBe(409);
    expect((await call(DELETE, 'DELETE', '/api/v1/experiments/scrap', at('scrap'))).status).toBe(200);
    expect((await call(GET, 'GET', '/api/v1/experiments/scrap', at('scrap'))).status).toBe(404);
  });

  it('keeps running experiments of one layer on disjoint slots', async () => {
    await create('slots-a', { layer: 'slots', coverage_percent: 60 });
    await create('slots-b', { layer: 'slots', coverage_percent: 50 });
    await create('slots-other', { layer: 'slots-2', coverage_percent: 100 });
    await start('slots-a');
    const crowded = await action(startRoute, 'slots-b', 'start');
    expect(crowded.status).toBe(409);
    expect(crowded.body.error.message).toContain("'slots-a'");
    expect((await getExperiment((await getConnection()).db, 'slots-b'))?.status).toBe('draft');

    expect((await patch('slots-b', { coverage_percent: 40 })).status).toBe(200);
    expect((await start('slots-b')).layer_range_percent).toEqual([60, 100]);
    expect((await start('slots-other')).layer_range_percent).toEqual([0, 100]);

    // A running experiment grows at the top of its range, so into its neighbour's: refused. Shrinking is fine.
    expect((await patch('slots-a', { coverage_percent: 70 })).status).toBe(409);
    expect((await patch('slots-a', { coverage_percent: 50 })).body).toMatchObject({ coverage_percent: 50, layer_range_percent: [0, 50] });
    expect((await patch('slots-a', { coverage_percent: 60 })).status).toBe(200);

    // A paused experiment keeps its slots; a stopped one frees them.
    await action(pauseRoute, 'slots-a', 'pause');
    await create('slots-c', { layer: 'slots', coverage_percent: 60 });
    expect((await action(startRoute, 'slots-c', 'start')).status).toBe(409);
    await action(stopRoute, 'slots-a', 'stop');
    expect((await start('slots-c')).layer_range_percent).toEqual([0, 60]);
    for (const key of ['slots-b', 'slots-c', 'slots-other']) await action(stopRoute, key, 'stop');
  });

  it('refuses to start an experiment that another layer would starve, naming it, and one that can get no users', async () => {
    // The case: a 100% experiment in one layer took every user an experiment in another layer could have had.
    await create('starve-default', { layer: 'starve-default', targeting: 'region=eu', coverage_percent: 100 });
    await create('starve-feed', { layer: 'starve-feed', targeting: 'region=eu', coverage_percent: 100 });
    await start('starve-default');
    const starved = await action(startRoute, 'starve-feed', 'start');
    expect(starved.status).toBe(409);
    expect(starved.body.error.message).toContain("experiment 'starve-default' is running in layer 'starve-default'");
    expect((await getExperiment((await getConnection()).db, 'starve-feed'))?.status).toBe('draft');

    // An audience that cannot meet the running one's may run in another layer, and gets its users.
    await create('starve-other', { layer: 'starve-other', targeting: 'region=us', coverage_percent: 100 });
    await start('starve-other');
    const user = (region: string, i: number) => ({ id: `starve-${region}-${i}`, isNew: false, attributes: { region } });
    for (let i = 0; i < 20; i++) {
      expect((await resolveStrategy(user('us', i), { recordExposure: false })).experiment).toBe('starve-other');
      expect((await resolveStrategy(user('eu', i), { recordExposure: false })).experiment).toBe('starve-default');
    }

    // A paused experiment still holds its audience: resuming it is refused too once the other started.
    await action(pauseRoute, 'starve-default', 'pause');
    expect((await action(startRoute, 'starve-feed', 'start')).status).toBe(409);
    await action(stopRoute, 'starve-default', 'stop');
    await start('starve-feed');
    await action(pauseRoute, 'starve-feed', 'pause');
    await create('starve-late', { layer: 'starve-late', targeting: 'region=eu' });
    expect((await action(startRoute, 'starve-late', 'start')).body.error.message).toContain("experiment 'starve-feed' is paused");

    await create('starve-empty', { layer: 'starve-empty', targeting: 'region=none', coverage_percent: 0 });
    const empty = await action(startRoute, 'starve-empty', 'start');
    expect(empty.status).toBe(409);
    expect(empty.body.error.message).toContain('0%');
    for (const key of ['starve-other', 'starve-feed']) await action(stopRoute, key, 'stop');
  });
});

describe('experiments: serving and exposure', () => {
  it('assigns users by weight, sticky, serving the variant strategy and recording one exposure each', async () => {
    await create('split', { variants: [{ ...TWO[0], weight: 0.7 }, { ...TWO[1], weight: 0.3 }] });
    await start('split');
    const choices = await Promise.all(Array.from({ length: 2000 }, (_, i) => resolveStrategy(cohortUser('split', i))));
    const treated = choices.filter((choice) => choice.variant === 'treatment');
    expect(choices.every((choice) => choice.experiment === 'split')).toBe(true);
    expect(Math.abs(treated.length / 2000 - 0.3)).toBeLessThan(0.04);
    expect(treated[0]).toMatchObject({ strategyKey: 'content', strategyVersion: 1, config: PRESET_STRATEGIES.content, experiment: 'split', variant: 'treatment' });
    expect(choices.find((choice) => choice.variant === 'control')).toMatchObject({ strategyKey: 'hybrid', config: PRESET_STRATEGIES.hybrid });
    expect(experimentHeader(treated[0]!)).toBe('split:treatment');
    expect(experimentHeader({ experiment: null, variant: null })).toBeNull();

    // Sticky: the same users get the same variants again, and no second exposure.
    const again = await Promise.all(Array.from({ length: 2000 }, (_, i) => resolveStrategy(cohortUser('split', i))));
    expect(again.map((choice) => choice.variant)).toEqual(choices.map((choice) => choice.variant));
    expect((await resolveStrategy({ id: 'split-user-1', isNew: false, attributes: {} })).experiment).toBeNull();

    await exposureWriter().flush();
    const conn = await getConnection();
    const exposures = await conn.query<{ variant: string; n: number }>(
      `select x.variant, count(*)::int as n from experiment_exposures x join experiments e on e.id = x.experiment_id where e.key = 'split' group by 1 order by 1`,
    );
    expect(exposures).toEqual([
      { variant: 'control', n: 2000 - treated.length },
      { variant: 'treatment', n: treated.length },
    ]);

    // Narrowing coverage drops users, but those who stay keep their variants.
    await patch('split', { coverage_percent: 50 });
    const narrowed = await Promise.all(Array.from({ length: 2000 }, (_, i) => resolveStrategy(cohortUser('split', i))));
    const kept = narrowed.filter((choice) => choice.experiment === 'split');
    expect(Math.abs(kept.length / 2000 - 0.5)).toBeLessThan(0.05);
    narrowed.forEach((choice, i) => {
      if (choice.experiment) expect(choice.variant).toBe(choices[i]!.variant);
      else expect(choice.strategyKey).toBe('hybrid');
    });
    await action(stopRoute, 'split', 'stop');
    expect((await resolveStrategy(cohortUser('split', 1))).experiment).toBeNull();
  });

  it('targets new users only when asked', async () => {
    await create('fresh', { targeting: 'new' });
    await start('fresh');
    expect((await resolveStrategy({ id: 'fresh-1', isNew: true, attributes: {} })).experiment).toBe('fresh');
    expect((await resolveStrategy({ id: 'fresh-1', isNew: false, attributes: {} })).experiment).toBeNull();
    await action(stopRoute, 'fresh', 'stop');
  });

  it('ships the winner: its strategy becomes the default and the experiment stops', async () => {
    await create('shipit');
    expect((await action(shipRoute, 'shipit', 'ship', { variant: 'treatment' })).status).toBe(409);
    await start('shipit');
    const unknown = await action(shipRoute, 'shipit', 'ship', { variant: 'nope' });
    expect(unknown.status).toBe(400);
    expect(fieldsOf(unknown.body)).toEqual(['variant']);
    expect(fieldsOf((await action(shipRoute, 'shipit', 'ship', {})).body)).toEqual(['variant']);

    const shipped = await action(shipRoute, 'shipit', 'ship', { variant: 'treatment' });
    expect(shipped.status).toBe(200);
    expect(shipped.body).toMatchObject({ status: 'stopped', shipped_variant: 'treatment' });
    expect(await resolveStrategy({ id: 'anyone', isNew: false, attributes: {} })).toMatchObject({ strategyKey: 'content', experiment: null });
    await call(makeDefault, 'POST', '/api/v1/strategies/hybrid/default', at('hybrid'));
    expect((await resolveStrategy({ id: 'anyone', isNew: false, attributes: {} })).strategyKey).toBe('hybrid');
  });
});

describe('experiments: results', () => {
  it('compares per-user CTR with lifts, both interval views, SRM, planning and a daily series', async () => {
    const conn = await getConnection();
    await create('res', { secondary_metrics: ['conversion', 'engagement', 'diversity', 'coverage'], guardrails: [{ metric: 'latency_p99', max_degradation: 0.2 }] });
    expect((await results('res')).status).toBe(409);
    await start('res');
    // No exposures yet: no verdict, rather than "passed (p = 1.000)".
    expect((await results('res')).body.srm).toMatchObject({ status: 'not_enough_data', mismatch: false, observed: { control: 0, treatment: 0 } });
    await conn.query(`insert into items (external_id, title, category) select 'res-item-' || i, 'Item ' || i, 'cat-' || (i % 3) from generate_series(0, 29) i`);
    const users = await assign('res', 600);
    expect(users.length).toBe(600);
    const totals = await simulate(conn, 'res', users, { control: 0.1, treatment: 0.2 }, { latency: { control: 10, treatment: 15 } });

    const { status, body } = await results('res', '?mde=0.5');
    expect(status).toBe(200);
    expect(body).toMatchObject({ experiment: 'res', control: 'control', default_view: 'sequential', alpha: 0.05 });
    const byKey = Object.fromEntries(body.variants.map((v: { key: string }) => [v.key, v]));
    for (const variant of ['control', 'treatment']) {
      expect(byKey[variant]).toMatchObject({ impressions: totals[variant]!.shown, clicks: totals[variant]!.clicks });
      expect(byKey[variant].ctr).toBeCloseTo(totals[variant]!.clicks / totals[variant]!.shown, 12);
    }
    expect(byKey.control.users + byKey.treatment.users).toBe(600);
    expect(body.srm).toMatchObject({ status: 'passed', mismatch: false, threshold: 0.001 });
    expect(body.srm.p_value).toBeGreaterThan(0.001);

    const ctr = body.metrics[0];
    expect(ctr).toMatchObject({ metric: 'ctr', primary: true, kind: 'ratio' });
    expect(ctr.variants[0].value).toBeCloseTo(totals.control!.clicks / totals.control!.shown, 12);
    const [comparison] = ctr.comparisons;
    const control = totals.control!.clicks / totals.control!.shown;
    const treatment = totals.treatment!.clicks / totals.treatment!.shown;
    expect(comparison.variant).toBe('treatment');
    expect(comparison.absolute_lift).toBeCloseTo(treatment - control, 12);
    expect(comparison.relative_lift).toBeCloseTo(treatment / control - 1, 12);
    // The always-valid interval is the wider one; both exclude 0 for a doubled CTR.
    expect(comparison.ci[0]).toBeLessThan(comparison.fixed_horizon.absolute.ci[0]);
    expect(comparison.ci[1]).toBeGreaterThan(comparison.fixed_horizon.absolute.ci[1]);
    expect(comparison.ci[0]).toBeGreaterThan(0);
    expect(comparison.fixed_horizon.absolute.p_value).toBeLessThan(1e-6);
    expect(comparison.fixed_horizon.holm_p_value).toBe(comparison.fixed_horizon.absolute.p_value);
    // The relative views invert the same tests (Fieller): same decision and p-value as the absolute ones.
    expect(comparison.relative_ci[0]).toBeGreaterThan(0);
    expect(comparison.sequential.relative.p_value).toBe(comparison.sequential.absolute.p_value);
    expect(comparison.fixed_horizon.relative.p_value).toBe(comparison.fixed_horizon.absolute.p_value);
    expect(comparison.chance_to_beat_control).toBeGreaterThan(0.999);
    expect(comparison.verdict).toBe('better');
    expect(ctr.minimum_sample_per_variant).toBeGreaterThanOrEqual(100);

    const metric = (name: string) => body.metrics.find((m: { metric: string }) => m.metric === name);
    expect(metric('conversion').variants[0].value).toBe(0);
    expect(metric('conversion').comparisons[0].verdict).toBe('insufficient_data');
    expect(metric('engagement').kind).toBe('mean');
    // Engagement weighs each click (2 by default) from first exposure on.
    expect(metric('engagement').variants[1].value * metric('engagement').variants[1].users).toBeCloseTo(2 * totals.treatment!.clicks, 6);
    expect(metric('diversity').variants[0].value).toBeCloseTo(0.3, 12);
    expect(metric('coverage').variants[0].value).toBeCloseTo(20 / 30, 12);
    expect(metric('latency_p99').variants.map((v: { value: number }) => v.value)).toEqual([10, 15]);
    expect(body.guardrails).toEqual([{ metric: 'latency_p99', max_degradation: 0.2, variants: [{ variant: 'treatment', relative_change: 0.5, breached: true }] }]);

    expect(body.planning).toMatchObject({ metric: 'ctr', mde: 0.5, power: 0.8, ready: true, users_per_variant: { control: byKey.control.users, treatment: byKey.treatment.users } });
    expect(body.planning.sample_size_per_variant).toBe(ctr.minimum_sample_per_variant);
    expect(body.planning.daily_users).toBeGreaterThan(0);

    // At the default MDE of 5% the sample is far from enough: no verdict yet.
    const strict = await results('res');
    expect(strict.body.planning.mde).toBe(0.05);
    expect(strict.body.planning.ready).toBe(false);
    expect(strict.body.metrics[0].comparisons[0].verdict).toBe('insufficient_sample');
    expect(strict.body.planning.sample_size_per_variant).toBeGreaterThan(ctr.minimum_sample_per_variant);
    expect(fieldsOf((await results('res', '?mde=0')).body)).toEqual(['mde']);

    // Under three days old, the series is hourly.
    const thisHour = `${new Date().toISOString().slice(0, 13)}:00Z`;
    expect(body.timeseries_granularity).toBe('hour');
    expect(body.timeseries.treatment).toEqual([{ date: thisHour, exposures: byKey.treatment.users, impressions: totals.treatment!.shown, clicks: totals.treatment!.clicks, ctr: treatment }]);
    expect(body.weight_history).toEqual([{ at: expect.any(String), reason: 'start', weights: { control: 0.5, treatment: 0.5 } }]);
    await action(stopRoute, 'res', 'stop');
  });

  it('flags a sample-ratio mismatch and adjusts p-values across several variants', async () => {
    const conn = await getConnection();
    await create('skewed', { variants: [...TWO, { key: 'third', strategy: 'popular' }] });
    const started = await start('skewed');
    const experiment = (await getExperiment(conn.db, 'skewed'))!;
    const users = Array.from({ length: 900 }, (_, i) => ({ id: `skewed-${i}`, variant: i < 500 ? 'control' : i < 700 ? 'treatment' : 'third' }));
    await insertExposures(conn, users.map((user) => ({ experimentId: experiment.id, userId: user.id, variant: user.variant, firstExposedAt: new Date(started.started_at) })));
    await simulate(conn, 'skewed', users, { control: 0.1, treatment: 0.1, third: 0.12 }, { seed: 3 });

    const { body } = await results('skewed');
    expect(body.srm.mismatch).toBe(true);
    expect(body.srm.p_value).toBeLessThan(0.001);
    expect(body.srm.observed).toEqual({ control: 500, treatment: 200, third: 200 });
    const comparisons = body.metrics[0].comparisons;
    expect(comparisons.map((c: { variant: string }) => c.variant)).toEqual(['treatment', 'third']);
    for (const comparison of comparisons) {
      expect(comparison.fixed_horizon.holm_p_value).toBeGreaterThanOrEqual(comparison.fixed_horizon.absolute.p_value);
      expect(comparison.sequential.alpha).toBe(0.025);
    }
    await action(stopRoute, 'skewed', 'stop');
  });
});

describe('experiments: bandits', () => {
  it('moves traffic to the better arm after burn-in, keeping a floor, and records the history', async () => {
    const conn = await getConnection();
    await create('bandit', { type: 'bandit', bandit: { reallocate_every_minutes: 60 } });
    const started = await start('bandit');
    expect(started.bandit).toMatchObject({ reallocate_every_minutes: 60, last_reallocated_at: started.started_at });
    const later = new Date(Date.parse(started.started_at) + 61 * 60_000);

    // Burn-in: fewer than 100 users per arm leave the split alone.
    const few = await assign('bandit', 60);
    await simulate(conn, 'bandit', few, { control: 0.02, treatment: 0.3 }, { seed: 11 });
    const early = await reallocateBandits(conn, later);
    expect(early).toMatchObject([{ experiment: 'bandit', burningIn: true, changed: false }]);
    expect((await getExperiment(conn.db, 'bandit'))!.variants.map((v) => v.weight)).toEqual([0.5, 0.5]);

    const many = (await assign('bandit', 400)).filter((user) => !few.some((f) => f.id === user.id));
    await simulate(conn, 'bandit', many, { control: 0.02, treatment: 0.3 }, { seed: 12 });
    const [reallocation] = await reallocateBandits(conn, later);
    expect(reallocation).toMatchObject({ experiment: 'bandit', burningIn: false, changed: true });
    const weights = (await getExperiment(conn.db, 'bandit'))!.variants.map((v) => v.weight);
    expect(weights[0]).toBeCloseTo(0.01, 6);
    expect(weights[1]).toBeCloseTo(0.99, 6);
    expect(weights[0]! + weights[1]!).toBeCloseTo(1, 9);

    // Not due again until the interval has passed since this reallocation.
    expect(await reallocateBandits(conn, new Date(later.getTime() + 60_000))).toEqual([]);
    const { body } = await results('bandit');
    expect(body.srm).toBeNull();
    expect(body.weight_history.map((change: { reason: string }) => change.reason)).toEqual(['start', 'bandit']);
    expect(body.weight_history[1].weights.treatment).toBeCloseTo(0.99, 6);

    // Serving follows the new weights.
    const choices = await Promise.all(Array.from({ length: 1000 }, (_, i) => resolveStrategy(cohortUser('bandit', 10_000 + i))));
    expect(choices.filter((choice) => choice.variant === 'treatment').length).toBeGreaterThan(950);
    await action(stopRoute, 'bandit', 'stop');
  });
});

describe('experiments: shipping against the evidence', () => {
  it('refuses a losing, guardrail-breaching ship until the key is typed, and audits the decision', async () => {
    const conn = await getConnection();
    await create('risky', { guardrails: [{ metric: 'latency_p99', max_degradation: 0.2 }] });
    await start('risky');
    const users = await assign('risky', 400);
    await simulate(conn, 'risky', users, { control: 0.2, treatment: 0.1 }, { latency: { control: 10, treatment: 15 } });

    const refused = await action(shipRoute, 'risky', 'ship', { variant: 'treatment' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/'treatment' has a \d% chance to beat control on ctr; guardrail latency_p99 is breached \(\+50% against a limit of 20%\)\. Send confirm_key 'risky'/);
    expect((await action(shipRoute, 'risky', 'ship', { variant: 'treatment', confirm_key: 'riskyy' })).status).toBe(409);
    expect((await getExperiment(conn.db, 'risky'))?.status).toBe('running');

    const shipped = await action(shipRoute, 'risky', 'ship', { variant: 'treatment', confirm_key: 'risky', note: 'Latency is fixed in the next release.' });
    expect(shipped.status).toBe(200);
    const { entries } = await listAudit(conn, { target_type: 'experiment', target_id: 'risky', limit: 1, offset: 0 });
    expect(entries[0]).toMatchObject({ action: 'experiment.ship', details: { variant: 'treatment', guardrails: [{ metric: 'latency_p99', breached: true }] } });
    expect(entries[0]!.details.decision).toMatch(/^Shipped 'treatment': verdict \w+ on ctr, \d% chance to beat control; latency_p99 breached; shipped despite the risks, key typed to confirm\. Latency is fixed in the next release\.$/);
    await call(makeDefault, 'POST', '/api/v1/strategies/hybrid/default', at('hybrid'));
  });
});
