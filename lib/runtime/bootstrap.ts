import 'server-only';
import { getConnection } from '@/db';
import { getConfig } from '@/lib/config';
import { isDatabaseEmpty, seedDemoWorld, type SeedProgress } from '@/lib/demo/seed';
import { log } from './log';

const DEFAULT_WORLD = { items: 5_000, users: 2_000, events: 150_000 };

/**
 * Connects and migrates the database; in the embedded default, an empty database gets the
 * demo world so the console has something to show on first start.
 */
export async function prepareStorage(onProgress?: (progress: SeedProgress) => void): Promise<void> {
  const conn = await getConnection();
  const config = getConfig();
  if (!config.seedDemo || !(await isDatabaseEmpty(conn))) return;
  const scale = config.demoScale;
  log.info(`empty database: seeding the demo world (scale ${scale})`);
  await seedDemoWorld(
    conn,
    {
      items: Math.round(DEFAULT_WORLD.items * scale),
      users: Math.round(DEFAULT_WORLD.users * scale),
      events: Math.round(DEFAULT_WORLD.events * scale),
      now: new Date(),
    },
    onProgress,
  );
}
