import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getConnection } from '@/db';
import { modelVersions } from '@/db/schema';
import { registerVersion } from '@/lib/models/registry';
import { currentGauges } from './gauges';
import { tailorMetrics } from './registry';

/** A version row with placeholder bytes: the gauge reads the registry, never the artifact. */
async function activeVersionCreatedAgo(seconds: number): Promise<number> {
  const conn = await getConnection();
  const row = await registerVersion(conn, { bytes: new Uint8Array([1, 2, 3]), params: {}, metrics: {}, counts: {}, dataFrom: null, dataTo: null, trainingRunId: null }, null);
  await conn.db.update(modelVersions).set({ status: 'archived' }).where(eq(modelVersions.status, 'active'));
  await conn.db.update(modelVersions).set({ status: 'active', createdAt: new Date(Date.now() - seconds * 1000) }).where(eq(modelVersions.id, row.id));
  return row.id;
}

/** Moves the clocks the cache reads (Date, performance) without sleeping; the database keeps real timers. */
function elapse(ms: number): void {
  vi.advanceTimersByTime(ms);
}

describe('tailor_model_age_seconds', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports the active version and its age, reading the registry at most every 10 s', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'performance'], now: Date.now() });
    const registry = tailorMetrics().registry;
    expect(await registry.getSingleMetricAsString('tailor_model_age_seconds')).not.toMatch(/^tailor_model_age_seconds\{/m);

    // The scrape above cached "no active version" for 10 s; a fresh process would see this one at once.
    const first = await activeVersionCreatedAgo(3_600);
    expect((await currentGauges()).model).toBeNull();

    elapse(10_100);
    const text = await registry.getSingleMetricAsString('tailor_model_age_seconds');
    const match = new RegExp(`^tailor_model_age_seconds\\{version="${first}"\\} ([0-9.e+]+)$`, 'm').exec(text);
    expect(match).not.toBeNull();
    expect(Number(match![1])).toBeGreaterThanOrEqual(3_600);
    expect(Number(match![1])).toBeLessThan(3_700);

    // Promoting another version replaces the sample once the cache expires; the old one is not left behind.
    const second = await activeVersionCreatedAgo(60);
    elapse(10_100);
    const after = await registry.getSingleMetricAsString('tailor_model_age_seconds');
    expect(after).toContain(`tailor_model_age_seconds{version="${second}"}`);
    expect(after).not.toContain(`version="${first}"`);
    expect((await currentGauges()).model).toMatchObject({ version: second });
  });
});
