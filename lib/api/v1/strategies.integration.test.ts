import { describe, expect, it } from 'vitest';
import { POST as postExperiment } from '@/app/api/v1/experiments/route';
import { POST as startExperiment } from '@/app/api/v1/experiments/[id]/start/route';
import { POST as stopExperiment } from '@/app/api/v1/experiments/[id]/stop/route';
import { POST as makeDefault } from '@/app/api/v1/strategies/[id]/default/route';
import { DELETE, GET, PATCH } from '@/app/api/v1/strategies/[id]/route';
import { GET as listStrategies, POST as postStrategy } from '@/app/api/v1/strategies/route';
import { getConnection } from '@/db';
import { resolveStrategy } from '@/lib/experiments/serving';
import { PRESET_STRATEGIES } from '@/lib/strategies/schema';
import { ensurePresets } from '@/lib/strategies/store';
import { call } from '@/lib/testing/http';

const at = (key: string) => ({ params: { id: key } });
const fieldsOf = (body: any) => body.error.fields.map((f: { field: string }) => f.field);
const config = (overrides: Record<string, unknown> = {}) => ({ ...PRESET_STRATEGIES.content, ...overrides });

describe('strategies API', () => {
  it('seeds the presets on first read, with hybrid as the default', async () => {
    const { status, body } = await call(listStrategies, 'GET', '/api/v1/strategies');
    expect(status).toBe(200);
    expect(body.default).toBe('hybrid');
    const presets = body.strategies.filter((s: { preset: boolean }) => s.preset);
    expect(presets.map((s: { key: string }) => s.key).sort()).toEqual(['collaborative', 'content', 'hybrid', 'popular']);
    for (const preset of presets) {
      expect(preset.config).toEqual(PRESET_STRATEGIES[preset.key as keyof typeof PRESET_STRATEGIES]);
      expect(preset).toMatchObject({ version: 1, is_default: preset.key === 'hybrid' });
    }
    const hybrid = await call(GET, 'GET', '/api/v1/strategies/hybrid', at('hybrid'));
    expect(hybrid.body.versions).toHaveLength(1);
  });

  it('creates a strategy, and refuses duplicates and bad configs naming the field', async () => {
    const created = await call(postStrategy, 'POST', '/api/v1/strategies', { body: { key: 'content-wide', description: 'more diverse', config: config({ diversityLambda: 0.5 }) } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ key: 'content-wide', name: 'content-wide', version: 1, preset: false, is_default: false, config: { diversityLambda: 0.5 } });
    expect((await call(postStrategy, 'POST', '/api/v1/strategies', { body: { key: 'content-wide', config: config() } })).status).toBe(409);

    const cases: [unknown, string][] = [
      [{ key: 'bad key', config: config() }, 'key'],
      [{ key: 'x:y', config: config() }, 'key'],
      [{ key: 'no-config' }, 'config'],
      [{ key: 'bad-lambda', config: config({ diversityLambda: 2 }) }, 'config.diversityLambda'],
      [{ key: 'bad-ranker', config: config({ ranker: 'gbdt' }) }, 'config.ranker'],
      [{ key: 'bad-quota', config: config({ quotas: { ...PRESET_STRATEGIES.content.quotas, content: -1 } }) }, 'config.quotas.content'],
      [{ key: 'no-sources', config: config({ quotas: Object.fromEntries(Object.keys(PRESET_STRATEGIES.content.quotas).map((k) => [k, 0])) }) }, 'config.quotas'],
      [{ key: 'extra', config: config(), colour: 'red' }, '(body)'],
    ];
    for (const [body, field] of cases) {
      const response = await call(postStrategy, 'POST', '/api/v1/strategies', { body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(fieldsOf(response.body), JSON.stringify(body)).toContain(field);
    }
  });

  it('bumps the version on every edit, merging config changes, and keeps the history', async () => {
    await call(postStrategy, 'POST', '/api/v1/strategies', { body: { key: 'editable', name: 'Editable', config: config() } });
    const first = await call(PATCH, 'PATCH', '/api/v1/strategies/editable', { body: { config: { quotas: { popular: 0 }, explorationShare: 0.2 } }, ...at('editable') });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    expect(first.body.config).toEqual({ ...PRESET_STRATEGIES.content, quotas: { ...PRESET_STRATEGIES.content.quotas, popular: 0 }, explorationShare: 0.2 });
    const second = await call(PATCH, 'PATCH', '/api/v1/strategies/editable', { body: { name: 'Renamed' }, ...at('editable') });
    expect(second.body).toMatchObject({ version: 3, name: 'Renamed', config: first.body.config });

    const refused = await call(PATCH, 'PATCH', '/api/v1/strategies/editable', { body: { config: { diversityLambda: -1 } }, ...at('editable') });
    expect(refused.status).toBe(400);
    expect(fieldsOf(refused.body)).toEqual(['config.diversityLambda']);
    expect(fieldsOf((await call(PATCH, 'PATCH', '/api/v1/strategies/editable', { body: {}, ...at('editable') })).body)).toEqual(['(body)']);

    const { body } = await call(GET, 'GET', '/api/v1/strategies/editable', at('editable'));
    expect(body.version).toBe(3);
    expect(body.versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    expect(body.versions[2].config).toEqual(PRESET_STRATEGIES.content);
  });

  it('answers 404 for unknown keys and 400 for malformed ones', async () => {
    expect((await call(GET, 'GET', '/api/v1/strategies/nope', at('nope'))).status).toBe(404);
    expect((await call(PATCH, 'PATCH', '/api/v1/strategies/nope', { body: { name: 'x' }, ...at('nope') })).status).toBe(404);
    expect((await call(DELETE, 'DELETE', '/api/v1/strategies/nope', at('nope'))).status).toBe(404);
    expect((await call(makeDefault, 'POST', '/api/v1/strategies/nope/default', at('nope'))).status).toBe(404);
    const malformed = await call(GET, 'GET', '/api/v1/strategies/a%20b', at('a b'));
    expect(malformed.status).toBe(400);
    expect(fieldsOf(malformed.body)).toEqual(['id']);
  });

  it('refuses to edit or delete a strategy a running experiment serves, or the default', async () => {
    await call(postStrategy, 'POST', '/api/v1/strategies', { body: { key: 'in-use', config: config() } });
    const experiment = await call(postExperiment, 'POST', '/api/v1/experiments', {
      body: { key: 'uses-in-use', variants: [{ key: 'control', strategy: 'hybrid' }, { key: 'treatment', strategy: 'in-use' }] },
    });
    expect(experiment.status).toBe(201);
    // A draft holds nothing: its strategies may still change.
    expect((await call(PATCH, 'PATCH', '/api/v1/strategies/in-use', { body: { description: 'draft only' }, ...at('in-use') })).status).toBe(200);
    expect((await call(startExperiment, 'POST', '/api/v1/experiments/uses-in-use/start', at('uses-in-use'))).status).toBe(200);

    const edit = await call(PATCH, 'PATCH', '/api/v1/strategies/in-use', { body: { description: 'mid-test' }, ...at('in-use') });
    expect(edit.status).toBe(409);
    expect(edit.body.error.message).toContain("'uses-in-use'");
    expect((await call(DELETE, 'DELETE', '/api/v1/strategies/in-use', at('in-use'))).status).toBe(409);
    const hybrid = await call(DELETE, 'DELETE', '/api/v1/strategies/hybrid', at('hybrid'));
    expect(hybrid.status).toBe(409);
    expect(hybrid.body.error.message).toContain('default');

    await call(stopExperiment, 'POST', '/api/v1/experiments/uses-in-use/stop', at('uses-in-use'));
    expect((await call(PATCH, 'PATCH', '/api/v1/strategies/in-use', { body: { description: 'after' }, ...at('in-use') })).status).toBe(200);
    const deleted = await call(DELETE, 'DELETE', '/api/v1/strategies/in-use', at('in-use'));
    expect(deleted.status).toBe(200);
    expect(deleted.body.key).toBe('in-use');
    expect((await call(GET, 'GET', '/api/v1/strategies/in-use', at('in-use'))).status).toBe(404);
  });

  it('makes a strategy the default, which serving then uses', async () => {
    const before = await resolveStrategy({ id: 'anyone', isNew: false, attributes: {} });
    expect(before).toMatchObject({ strategyKey: 'hybrid', experiment: null, variant: null });

    const made = await call(makeDefault, 'POST', '/api/v1/strategies/popular/default', at('popular'));
    expect(made.status).toBe(200);
    expect(made.body).toMatchObject({ key: 'popular', is_default: true });
    expect((await call(listStrategies, 'GET', '/api/v1/strategies')).body.default).toBe('popular');
    const after = await resolveStrategy({ id: 'anyone', isNew: false, attributes: {} });
    expect(after).toMatchObject({ strategyKey: 'popular', strategyVersion: 1, config: PRESET_STRATEGIES.popular, experiment: null });

    // The old default may go now; a deleted preset is not seeded again.
    await call(makeDefault, 'POST', '/api/v1/strategies/hybrid/default', at('hybrid'));
    expect((await call(DELETE, 'DELETE', '/api/v1/strategies/collaborative', at('collaborative'))).status).toBe(200);
    const conn = await getConnection();
    await ensurePresets({ ...conn });
    expect((await call(GET, 'GET', '/api/v1/strategies/collaborative', at('collaborative'))).status).toBe(404);
  });
});
