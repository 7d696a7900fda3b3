import 'server-only';
import type { DatabaseConnection } from '@/db/client';
import { upsertItems } from '@/lib/catalog/store';
import { MAX_EVENT_BATCH } from '@/lib/events/schema';
import { insertEvents, touchUsers } from '@/lib/events/store';
import { readSetting, writeSetting } from '@/lib/settings/store';
import { upsertUsers } from '@/lib/users/store';
import { demoWorldParamsSchema, generateEvents, generateWorld, type DemoWorldParams, type DemoWorldParamsInput } from './world';

/** The seeded world's parameters, kept so the world can be rebuilt with its ground truth. */
const demoWorldSetting = { key: 'demo_world', schema: demoWorldParamsSchema.nullable(), defaultValue: null };

const ITEM_CHUNK = 2_000;
const USER_CHUNK = 2_000;

export interface SeedProgress {
  stage: 'items' | 'users' | 'events';
  done: number;
  total: number;
}

export interface SeedResult {
  params: DemoWorldParams;
  items: number;
  users: number;
  /** Events newly stored: zero when the same world was seeded before. */
  eventsStored: number;
}

/**
 * Writes the demo world: items, users, then its event history in batches, and finally its
 * parameters, which mark the seed as complete. Without an explicit `now` the history ends at the
 * moment of seeding. Safe to re-run: rows are upserted and event ids are deterministic.
 */
export async function seedDemoWorld(
  conn: DatabaseConnection,
  input: DemoWorldParamsInput = {},
  onProgress?: (progress: SeedProgress) => void,
): Promise<SeedResult> {
  const world = generateWorld({ ...input, now: input.now ?? new Date() });
  const items = world.items.map((item) => item.input);
  const users = world.users.map((user) => user.input);

  await writeInChunks(items, ITEM_CHUNK, (chunk) => upsertItems(conn, chunk), 'items', onProgress);
  await writeInChunks(users, USER_CHUNK, (chunk) => upsertUsers(conn, chunk), 'users', onProgress);

  let done = 0;
  let eventsStored = 0;
  for (const batch of generateEvents(world, MAX_EVENT_BATCH)) {
    eventsStored += (await insertEvents(conn, batch)).size;
    // Events are generated oldest first, so the last batch a user appears in sets their last-active time.
    await touchUsers(conn, batch);
    done += batch.length;
    onProgress?.({ stage: 'events', done, total: world.params.events });
  }

  await writeSetting(conn, demoWorldSetting, world.params);
  // Fresh statistics, so the first queries after a bulk load are not planned for empty tables.
  for (const table of ['items', 'users', 'events']) await conn.query(`analyze ${table}`);
  return { params: world.params, items: items.length, users: users.length, eventsStored };
}

async function writeInChunks<T>(
  rows: T[],
  chunkSize: number,
  write: (chunk: T[]) => Promise<unknown>,
  stage: SeedProgress['stage'],
  onProgress?: (progress: SeedProgress) => void,
): Promise<void> {
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    await write(chunk);
    onProgress?.({ stage, done: start + chunk.length, total: rows.length });
  }
}

/** The parameters of the seeded demo world, or null if none was seeded. `generateWorld` on them rebuilds it exactly. */
export function loadDemoWorldParams(conn: DatabaseConnection): Promise<DemoWorldParams | null> {
  return readSetting(conn, demoWorldSetting);
}

/** Nothing to lose: no items and no events. Users alone (say, from an aborted import) do not count. */
export async function isDatabaseEmpty(conn: DatabaseConnection): Promise<boolean> {
  const [row] = await conn.query<{ empty: boolean }>('select not exists (select 1 from items) and not exists (select 1 from events) as empty');
  return row?.empty ?? true;
}
