import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getConnection } from '@/db';
import { modelVersions } from '@/db/schema';
import { seedDemoWorld } from '@/lib/demo/seed';
import { registerVersion } from '@/lib/models/registry';
import { dueTrigger } from './scheduler';

async function versionTrainedUpTo(lastEventId: number, status: 'active' | 'candidate'): Promise<void> {
  const conn = await getConnection();
  const row = await registerVersion(conn, { bytes: new Uint8Array([1]), params: {}, metrics: {}, counts: { last_event_id: lastEventId }, dataFrom: null, dataTo: null, trainingRunId: null }, null);
  await conn.db.update(modelVersions).set({ status }).where(eq(modelVersions.id, row.id));
}

describe('the "after N events" trigger', () => {
  it('counts from the last run’s data, also when that run’s model was kept as a candidate', async () => {
    const conn = await getConnection();
    await seedDemoWorld(conn, { items: 20, users: 10, events: 200, seed: 3 });
    const [row] = await conn.query<{ last: number }>('select max(id)::int as last from events');
    const last = row!.last;
    const everyTenEvents = { everyMinutes: 0, afterEvents: 10 };
    await versionTrainedUpTo(last - 150, 'active');
    expect(await dueTrigger(conn, everyTenEvents)).toBe('events');
    // The run that followed kept its model as a candidate: its data is what the next run starts from.
    await versionTrainedUpTo(last - 4, 'candidate');
    expect(await dueTrigger(conn, everyTenEvents)).toBeNull();
    expect(await dueTrigger(conn, { everyMinutes: 0, afterEvents: 4 })).toBe('events');
  });
});
