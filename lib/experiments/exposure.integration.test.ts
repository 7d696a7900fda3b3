import { describe, expect, it } from 'vitest';
import { getConnection } from '@/db';
import type { DatabaseConnection } from '@/db/client';
import { ExposureWriter } from './exposure';
import { createExperiment } from './lifecycle';
import { experimentInputSchema } from './schema';

async function experimentId(conn: DatabaseConnection, key: string): Promise<number> {
  const input = experimentInputSchema.parse({ key, variants: [{ key: 'a', strategy: 'hybrid' }, { key: 'b', strategy: 'popular' }] });
  return (await createExperiment(conn, input)).id;
}

async function stored(conn: DatabaseConnection, id: number) {
  return conn.query<{ user_id: string; variant: string; first_exposed_at: Date }>(`select user_id, variant, first_exposed_at from experiment_exposures where experiment_id = $1 order by user_id`, [id]);
}

describe('ExposureWriter', () => {
  it('skips repeats in memory and writes first exposures in one batch', async () => {
    const conn = await getConnection();
    const id = await experimentId(conn, 'exposure-batch');
    let inserts = 0;
    const counting: DatabaseConnection = { ...conn, query: (text, params) => ((inserts += text.includes('insert into experiment_exposures') ? 1 : 0), conn.query(text, params)) };
    const writer = new ExposureWriter(async () => counting, { flushIntervalMs: 60_000 });
    const first = new Date('2026-03-01T00:00:00Z');
    for (let round = 0; round < 3; round++) {
      for (let user = 0; user < 50; user++) writer.record({ experimentId: id, userId: `u-${String(user).padStart(2, '0')}`, variant: 'a', firstExposedAt: new Date(first.getTime() + round) });
    }
    expect(writer.stats).toMatchObject({ queued: 50, repeats: 100 });
    await writer.flush();
    expect(inserts).toBe(1);
    const rows = await stored(conn, id);
    expect(rows).toHaveLength(50);
    expect(new Date(rows[0]!.first_exposed_at)).toEqual(first);

    // Another instance recording the same users stores nothing new.
    const other = new ExposureWriter(async () => conn);
    other.record({ experimentId: id, userId: 'u-00', variant: 'b', firstExposedAt: new Date() });
    await other.flush();
    expect(other.stats.written).toBe(0);
    expect((await stored(conn, id))[0]).toMatchObject({ user_id: 'u-00', variant: 'a' });
  });

  it('forgets a failed batch, so the next serving records it again', async () => {
    const conn = await getConnection();
    const id = await experimentId(conn, 'exposure-outage');
    let down = true;
    const flaky: DatabaseConnection = {
      ...conn,
      query: (text, params) => (down ? Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })) : conn.query(text, params)),
    };
    const writer = new ExposureWriter(async () => flaky, { flushIntervalMs: 60_000 });
    const exposure = { experimentId: id, userId: 'u-1', variant: 'b', firstExposedAt: new Date() };
    writer.record(exposure);
    await writer.flush();
    expect(writer.stats).toMatchObject({ queued: 0, written: 0, dropped: 1 });
    down = false;
    writer.record(exposure);
    await writer.flush();
    expect(writer.stats.written).toBe(1);
    expect(await stored(conn, id)).toHaveLength(1);
  });
});
