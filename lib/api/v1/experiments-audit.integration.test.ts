import { describe, expect, it } from 'vitest';
import { POST as pauseRoute } from '@/app/api/v1/experiments/[id]/pause/route';
import { DELETE as deleteExperimentRoute, PATCH as patchExperimentRoute } from '@/app/api/v1/experiments/[id]/route';
import { POST as shipRoute } from '@/app/api/v1/experiments/[id]/ship/route';
import { POST as startRoute } from '@/app/api/v1/experiments/[id]/start/route';
import { POST as stopRoute } from '@/app/api/v1/experiments/[id]/stop/route';
import { POST as postExperiment } from '@/app/api/v1/experiments/route';
import { POST as defaultRoute } from '@/app/api/v1/strategies/[id]/default/route';
import { DELETE as deleteStrategyRoute, PATCH as patchStrategyRoute } from '@/app/api/v1/strategies/[id]/route';
import { POST as postStrategy } from '@/app/api/v1/strategies/route';
import { getConnection } from '@/db';
import { listAudit } from '@/lib/auth/audit';
import { PRESET_STRATEGIES } from '@/lib/strategies/schema';
import { call } from '@/lib/testing/http';

const at = (key: string) => ({ params: { id: key } });
const VARIANTS = [
  { key: 'control', strategy: 'hybrid' },
  { key: 'treatment', strategy: 'audited-content' },
];

async function trail(targetType: string, targetId: string) {
  const { entries } = await listAudit(await getConnection(), { target_type: targetType, target_id: targetId, limit: 100, offset: 0 });
  return entries.map((entry) => ({ action: entry.action, actor: entry.actor, details: entry.details })).reverse();
}

async function expectStatus(response: Promise<{ status: number; body: unknown }>, status: number) {
  const { status: actual, body } = await response;
  expect(actual, JSON.stringify(body)).toBe(status);
}

describe('experiments and strategies audit trail', () => {
  it('records every change with its actor, and nothing for refused requests', async () => {
    await expectStatus(call(postStrategy, 'POST', '/api/v1/strategies', { body: { key: 'audited-content', config: PRESET_STRATEGIES.content } }), 201);
    await expectStatus(call(patchStrategyRoute, 'PATCH', '/api/v1/strategies/audited-content', { ...at('audited-content'), body: { config: { diversityLambda: 0.7 } } }), 200);

    const experiment = { key: 'audited', variants: VARIANTS, layer: 'audited', targeting: 'cohort=audited' };
    await expectStatus(call(postExperiment, 'POST', '/api/v1/experiments', { body: experiment }), 201);
    await expectStatus(call(postExperiment, 'POST', '/api/v1/experiments', { body: experiment }), 409);
    await expectStatus(call(patchExperimentRoute, 'PATCH', '/api/v1/experiments/audited', { ...at('audited'), body: { name: 'Audited' } }), 200);
    for (const [handler, verb] of [
      [startRoute, 'start'],
      [pauseRoute, 'pause'],
      [startRoute, 'start'],
    ] as const) {
      await expectStatus(call(handler, 'POST', `/api/v1/experiments/audited/${verb}`, at('audited')), 200);
    }
    // A strategy a live experiment serves may not change, and the refusal leaves no trace.
    await expectStatus(call(patchStrategyRoute, 'PATCH', '/api/v1/strategies/audited-content', { ...at('audited-content'), body: { name: 'x' } }), 409);
    await expectStatus(call(shipRoute, 'POST', '/api/v1/experiments/audited/ship', { ...at('audited'), body: { variant: 'treatment' } }), 200);
    await expectStatus(call(stopRoute, 'POST', '/api/v1/experiments/audited/stop', at('audited')), 409);

    expect(await trail('experiment', 'audited')).toEqual([
      { action: 'experiment.create', actor: 'anonymous', details: { type: 'ab', layer: 'audited', variants: VARIANTS.map((variant) => ({ ...variant, weight: 0.5 })) } },
      { action: 'experiment.update', actor: 'anonymous', details: { changed: ['name'] } },
      { action: 'experiment.start', actor: 'anonymous', details: { layer_range_percent: [0, 100] } },
      { action: 'experiment.pause', actor: 'anonymous', details: {} },
      { action: 'experiment.resume', actor: 'anonymous', details: { layer_range_percent: [0, 100] } },
      { action: 'experiment.ship', actor: 'anonymous', details: expect.objectContaining({ variant: 'treatment', strategy: 'audited-content', decision: expect.stringMatching(/^Shipped 'treatment': verdict \w+ on ctr; latency_p99 held\.$/) }) },
    ]);

    // Shipping made it the default, which cannot be deleted; hand that back to hybrid first.
    await expectStatus(call(deleteStrategyRoute, 'DELETE', '/api/v1/strategies/audited-content', at('audited-content')), 409);
    await expectStatus(call(defaultRoute, 'POST', '/api/v1/strategies/hybrid/default', at('hybrid')), 200);
    await expectStatus(call(deleteStrategyRoute, 'DELETE', '/api/v1/strategies/audited-content', at('audited-content')), 200);
    expect((await trail('strategy', 'audited-content')).map((entry) => entry.action)).toEqual(['strategy.create', 'strategy.update', 'strategy.delete']);
    expect((await trail('strategy', 'hybrid')).map((entry) => entry.action)).toEqual(['strategy.make_default']);

    await expectStatus(call(postExperiment, 'POST', '/api/v1/experiments', { body: { ...experiment, key: 'audited-draft', variants: [VARIANTS[0], { key: 'treatment', strategy: 'content' }] } }), 201);
    await expectStatus(call(deleteExperimentRoute, 'DELETE', '/api/v1/experiments/audited-draft', at('audited-draft')), 200);
    expect((await trail('experiment', 'audited-draft')).map((entry) => entry.action)).toEqual(['experiment.create', 'experiment.delete']);
  });
});
