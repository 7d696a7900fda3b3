import { describe, expect, it } from 'vitest';
import { getConnection } from '@/db';
import type { DatabaseConnection } from '@/db/client';
import { isDatabaseEmpty, loadDemoWorldParams, seedDemoWorld, type SeedProgress } from './seed';
import { generateWorld } from './world';

const SMALL = { seed: 3, items: 200, users: 100, events: 3_000 };

async function counts(conn: DatabaseConnection) {
  const [row] = await conn.query<{ items: number; hidden: number; users: number; active: number; events: number }>(
    `select (select count(*)::int from items) as items,
            (select count(*)::int from items where is_hidden) as hidden,
            (select count(*)::int from users) as users,
            (select count(*)::int from users where last_active_at is not null) as active,
            (select count(*)::int from events) as events`,
  );
  return row;
}

describe('seedDemoWorld', () => {
  it('seeds an empty database, records the world, and re-seeds without duplicates', async () => {
    const conn = await getConnection();
    expect(await isDatabaseEmpty(conn)).toBe(true);
    expect(await loadDemoWorldParams(conn)).toBeNull();

    const progress: SeedProgress[] = [];
    const before = Date.now();
    const result = await seedDemoWorld(conn, SMALL, (step) => progress.push(step));

    expect(result).toMatchObject({ items: 200, users: 100, eventsStored: 3_000 });
    // Without a pinned `now`, the history ends at the moment of seeding.
    expect(result.params.now.getTime()).toBeGreaterThanOrEqual(before);
    expect(result.params.now.getTime()).toBeLessThanOrEqual(Date.now());
    const seeded = await counts(conn);
    expect(seeded).toMatchObject({ items: 200, users: 100, events: 3_000 });
    expect(seeded?.hidden).toBeGreaterThan(0);
    expect(seeded?.active).toBeGreaterThan(50);
    expect(await isDatabaseEmpty(conn)).toBe(false);

    for (const stage of ['items', 'users', 'events'] as const) {
      const last = progress.filter((step) => step.stage === stage).at(-1);
      expect(last?.done).toBe(last?.total);
    }
    expect(progress.at(-1)).toEqual({ stage: 'events', done: 3_000, total: 3_000 });

    const stored = await loadDemoWorldParams(conn);
    expect(stored).toEqual(result.params);
    if (!stored) throw new Error('no stored parameters');
    const original = generateWorld(result.params);
    const rebuilt = generateWorld(stored);
    expect(rebuilt.users.map((user) => user.taste)).toEqual(original.users.map((user) => user.taste));

    const again = await seedDemoWorld(conn, stored);
    expect(again.eventsStored).toBe(0);
    expect(await counts(conn)).toEqual(seeded);
    expect(await loadDemoWorldParams(conn)).toEqual(stored);
  });
});
