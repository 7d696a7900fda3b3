import 'server-only';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DatabaseConnection } from '@/db/client';
import { settings } from '@/db/schema';
import { readSetting, writeSetting, type Setting } from '@/lib/settings/store';
import { createApiKey } from './api-keys';
import { countConsoleUsers, createConsoleUser, type ConsoleUser } from './console-users';
import type { ConsoleUserInput } from './schema';

const SETUP_TOKEN_HOURS = 24;

const setupTokenSchema = z.object({ hash: z.string(), expiresAt: z.string() }).nullable();
const SETUP_TOKEN: Setting<typeof setupTokenSchema> = { key: 'setup_token', schema: setupTokenSchema, defaultValue: null };

/**
 * While the console has no users, each start makes a one-time link that creates the first
 * admin; the path to it is returned for the start-up banner. Null once anyone can sign in.
 */
export async function issueSetupPath(conn: DatabaseConnection, now = new Date()): Promise<string | null> {
  if ((await countConsoleUsers(conn)) > 0) return null;
  const token = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SETUP_TOKEN_HOURS * 3600_000).toISOString();
  await writeSetting(conn, SETUP_TOKEN, { hash: digest(token), expiresAt });
  return `/setup/${token}`;
}

export async function isSetupTokenValid(conn: DatabaseConnection, token: string, now = new Date()): Promise<boolean> {
  const stored = await readSetting(conn, SETUP_TOKEN);
  if (!stored || new Date(stored.expiresAt) <= now) return false;
  const expected = Buffer.from(stored.hash, 'hex');
  const actual = Buffer.from(digest(token), 'hex');
  return timingSafeEqual(expected, actual) && (await countConsoleUsers(conn)) === 0;
}

/** Creates the first admin and spends the token; null when the token is wrong, expired or spent. */
export async function completeSetup(conn: DatabaseConnection, token: string, input: Omit<ConsoleUserInput, 'role'>): Promise<ConsoleUser | null> {
  if (!(await isSetupTokenValid(conn, token))) return null;
  await conn.db.delete(settings).where(eq(settings.key, SETUP_TOKEN.key));
  return createConsoleUser(conn, { ...input, role: 'admin' });
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const demoKeySchema = z.string().nullable();
const DEMO_KEY: Setting<typeof demoKeySchema> = { key: 'demo_api_key', schema: demoKeySchema, defaultValue: null };

/**
 * The `/feed` demo calls the public API with a key of its own, as a real client would. The key
 * is public by design (every visitor's browser holds it) and limited to recommend and events, so
 * unlike other keys its secret is kept, for the page to hand out.
 */
export async function ensureDemoKey(conn: DatabaseConnection): Promise<string> {
  const existing = await readSetting(conn, DEMO_KEY);
  if (existing) return existing;
  const { secret } = await createApiKey(conn, { name: 'Demo feed (public)', scopes: ['recommend', 'events'] }, 'system');
  await writeSetting(conn, DEMO_KEY, secret);
  return secret;
}

export async function readDemoKey(conn: DatabaseConnection): Promise<string | null> {
  return readSetting(conn, DEMO_KEY);
}
