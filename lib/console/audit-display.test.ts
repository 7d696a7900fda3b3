import { describe, expect, it } from 'vitest';
import { auditDetailFields, auditTarget } from './audit-display';

const entry = (action: string, targetType: string, targetId: string, details: Record<string, unknown> = {}) => ({ action, targetType, targetId, details });

describe('auditTarget', () => {
  it('links each kind of target to its console page', () => {
    expect(auditTarget(entry('item.update', 'item', 'item 7/b'))).toEqual({ kind: 'Item', label: 'item 7/b', href: '/catalog/item%207%2Fb' });
    expect(auditTarget(entry('experiment.start', 'experiment', 'hero-test')).href).toBe('/experiments/hero-test');
    expect(auditTarget(entry('strategy.update', 'strategy', 'hybrid')).href).toBe('/experiments/strategies/hybrid');
    expect(auditTarget(entry('model.promote', 'model_version', '12'))).toEqual({ kind: 'Model version', label: '12', href: '/models' });
    expect(auditTarget(entry('curation_rule.create', 'curation_rule', '3')).href).toBe('/curation');
    expect(auditTarget(entry('api_key.revoke', 'api_key', '9')).href).toBe('/settings?tab=keys');
    expect(auditTarget(entry('console_user.update', 'console_user', '2')).href).toBe('/settings?tab=users');
    expect(auditTarget(entry('setting.update', 'setting', 'event_weights')).href).toBe('/settings?tab=weights');
    expect(auditTarget(entry('setting.update', 'setting', 'cache_ttls')).href).toBe('/settings?tab=serving');
    expect(auditTarget(entry('user.update', 'user', 'user-7')).href).toBe('/users?user=user-7');
  });

  it('links nothing that is gone or is not one target', () => {
    expect(auditTarget(entry('experiment.delete', 'experiment', 'old')).href).toBeNull();
    expect(auditTarget(entry('item.bulk_upsert', 'item', 'bulk'))).toEqual({ kind: 'Item', label: 'several', href: null });
    expect(auditTarget(entry('user.delete', 'user', 'a1b2c3d4e5f6a7b8c9'))).toEqual({ kind: 'Forgotten user', label: 'a1b2c3d4e5f6…', href: null });
    expect(auditTarget(entry('thing.poke', 'gadget', 'g1'))).toEqual({ kind: 'Gadget', label: 'g1', href: null });
  });
});

describe('auditDetailFields', () => {
  it('labels known keys per action, with units and links', () => {
    expect(auditDetailFields(entry('model.promote', 'model_version', '5', { from_version: 4 }))).toEqual([{ label: 'Replaced version', value: 'v4', href: '/models' }]);
    expect(auditDetailFields(entry('model.promote', 'model_version', '4', { from_version: null }))).toEqual([{ label: 'Replaced version', value: 'none' }]);
    expect(auditDetailFields(entry('experiment.start', 'experiment', 'x', { layer_range_percent: [0, 50] }))).toEqual([{ label: 'Layer range', value: '0–50% of the layer' }]);
    expect(
      auditDetailFields(
        entry('experiment.ship', 'experiment', 'x', {
          variant: 'b',
          strategy: 'hybrid',
          chance_to_beat_control: 0.973,
          guardrails: [
            { metric: 'latency_p99', breached: false },
            { metric: 'conversion', breached: true },
          ],
          confirmed_risks: [],
        }),
      ),
    ).toEqual([
      { label: 'Shipped variant', value: 'b' },
      { label: 'Strategy', value: 'hybrid', href: '/experiments/strategies/hybrid' },
      { label: 'Chance to beat control', value: '97%' },
      { label: 'Guardrails', value: 'latency_p99 held · conversion breached' },
      { label: 'Risks accepted', value: 'none' },
    ]);
  });

  it('links a curation rule to its item only when it targets one', () => {
    const rule = (target_type: string) => auditDetailFields(entry('curation_rule.create', 'curation_rule', '1', { kind: 'pin', target_type, target: 'item-9', position: 1, boost: null }));
    expect(rule('item')).toEqual([
      { label: 'Kind', value: 'pin' },
      { label: 'Target type', value: 'item' },
      { label: 'Target', value: 'item-9', href: '/catalog/item-9' },
      { label: 'Position', value: '1' },
    ]);
    expect(rule('tag').find((field) => field.label === 'Target')).toEqual({ label: 'Target', value: 'item-9' });
  });

  it('reads a settings change as before → after per key', () => {
    expect(auditDetailFields(entry('setting.update', 'setting', 'event_weights', { before: { click: 1, purchase: 5 }, after: { click: 2, purchase: 5 } }))).toEqual([
      { label: 'Click', value: '1 → 2' },
      { label: 'Purchase', value: '5 → 5' },
    ]);
  });

  it('falls back to humanised names for keys it does not know, never JSON', () => {
    const fields = auditDetailFields(entry('thing.poke', 'gadget', 'g1', { poke_count: 3, nested_thing: { a_b: 1 }, fields: ['published_at', 'title'] }));
    expect(fields).toEqual([
      { label: 'Poke count', value: '3' },
      { label: 'Nested thing', value: 'a b 1' },
      { label: 'Fields changed', value: 'published at, title' },
    ]);
    for (const field of fields) expect(field.value).not.toMatch(/[{}"]/);
  });
});
