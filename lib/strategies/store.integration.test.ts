import { describe, expect, it } from 'vitest';
import { getConnection } from '@/db';
import { PRESET_STRATEGIES } from './schema';
import { createStrategy, ensurePresets, getStrategy, strategyHistory, updateStrategy } from './store';

describe('strategy store', () => {
  it('seeds the presets once, however many first reads race', async () => {
    const conn = await getConnection();
    // Distinct connection objects defeat the per-connection memo, as separate processes would.
    await Promise.all(Array.from({ length: 5 }, () => ensurePresets({ ...conn })));
    const rows = await conn.query<{ strategy_key: string; n: number }>(`select strategy_key, count(*)::int as n from strategy_versions group by 1 order by 1`);
    expect(rows).toEqual(Object.keys(PRESET_STRATEGIES).sort().map((key) => ({ strategy_key: key, n: 1 })));
  });

  it('gives concurrent edits distinct, consecutive versions', async () => {
    const conn = await getConnection();
    await createStrategy(conn, { key: 'racing', description: '', config: PRESET_STRATEGIES.popular });
    const edits = await Promise.all(Array.from({ length: 6 }, (_, i) => updateStrategy(conn, 'racing', { description: `edit ${i}` })));
    expect(edits.map((strategy) => strategy.version).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7]);
    expect((await getStrategy(conn, 'racing'))?.version).toBe(7);
    expect((await strategyHistory(conn, 'racing')).map((version) => version.version)).toEqual([7, 6, 5, 4, 3, 2, 1]);
  });
});
