import 'server-only';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { getConnection } from '@/db';
import { getConfig } from '@/lib/config';
import { processSingletonAsync } from '@/lib/runtime/singleton';
import { readSetting, type Setting } from '@/lib/settings/store';
import { settings } from '@/db/schema';

const AUTH_SECRET: Setting<z.ZodString> = { key: 'auth_secret', schema: z.string().min(32), defaultValue: '' };

/**
 * The key that signs console sessions: TAILOR_AUTH_SECRET when set, otherwise one generated on
 * first use and kept in the database, so every instance of a deployment shares it.
 */
export function getAuthSecret(): Promise<string> {
  return processSingletonAsync('auth.secret', async () => {
    const configured = getConfig().auth.secret;
    if (configured) return configured;
    const conn = await getConnection();
    // Whoever inserts first wins; everyone then reads the same value.
    await conn.db
      .insert(settings)
      .values({ key: AUTH_SECRET.key, value: randomBytes(32).toString('base64url') })
      .onConflictDoNothing({ target: settings.key });
    return readSetting(conn, AUTH_SECRET);
  });
}
