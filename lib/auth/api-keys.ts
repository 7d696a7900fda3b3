import 'server-only';
import { desc, eq, isNull, and } from 'drizzle-orm';
import type { DatabaseConnection } from '@/db/client';
import { apiKeys, type ApiKeyRow } from '@/db/schema';
import { onChange, publishChange } from '@/lib/runtime/changes';
import { processSingleton } from '@/lib/runtime/singleton';
import { generateKeySecret, hashKeySecret } from './key-format';
import type { ApiKeyInput } from './schema';
import type { ApiKeyScope } from './types';

export interface ApiKey {
  id: number;
  name: string;
  displayPrefix: string;
  scopes: ApiKeyScope[];
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    displayPrefix: row.displayPrefix,
    scopes: row.scopes,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}

/** The key and its secret; the secret exists only in this return value. */
export async function createApiKey(conn: DatabaseConnection, input: ApiKeyInput, createdBy: string): Promise<{ key: ApiKey; secret: string }> {
  const { secret, displayPrefix, hash } = generateKeySecret();
  const [row] = await conn.db.insert(apiKeys).values({ name: input.name, scopes: input.scopes, displayPrefix, keyHash: hash, createdBy }).returning();
  return { key: toApiKey(row!), secret };
}

export async function listApiKeys(conn: DatabaseConnection): Promise<ApiKey[]> {
  return (await conn.db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))).map(toApiKey);
}

/** Null when the key does not exist; a key already revoked stays as it was. */
export async function revokeApiKey(conn: DatabaseConnection, id: number): Promise<ApiKey | null> {
  await conn.db.update(apiKeys).set({ revokedAt: new Date() }).where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
  const [row] = await conn.db.select().from(apiKeys).where(eq(apiKeys.id, id)).limit(1);
  if (row) publishChange('api-keys');
  return row ? toApiKey(row) : null;
}

interface CachedKey {
  key: ApiKey | null;
  checkedAt: number;
}

// Keys are checked on every public request; a short memory keeps that off the database. A revoked
// key stops at once in every process that hears the change; one that misses it, within this many milliseconds.
const KEY_CACHE_MS = 10_000;
const KEY_CACHE_ENTRIES = 10_000;
const LAST_USED_RESOLUTION_MS = 60_000;

function verifiedKeys(): Map<string, CachedKey> {
  return processSingleton('auth.verified-keys', () => {
    const keys = new Map<string, CachedKey>();
    onChange('api-keys', () => keys.clear());
    return keys;
  });
}

/** The live key with this secret, or null for an unknown or revoked one. */
export async function verifyApiKey(conn: DatabaseConnection, secret: string, now = Date.now()): Promise<ApiKey | null> {
  const hash = hashKeySecret(secret);
  const cache = verifiedKeys();
  const cached = cache.get(hash);
  if (cached && now - cached.checkedAt < KEY_CACHE_MS) return cached.key;
  const [row] = await conn.db.select().from(apiKeys).where(eq(apiKeys.keyHash, hash)).limit(1);
  const key = row && !row.revokedAt ? toApiKey(row) : null;
  if (cache.size >= KEY_CACHE_ENTRIES) cache.clear();
  cache.set(hash, { key, checkedAt: now });
  if (key && (!key.lastUsedAt || now - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS)) {
    // Best effort: a lost "last used" stamp must never fail the request it describes.
    void conn.db.update(apiKeys).set({ lastUsedAt: new Date(now) }).where(eq(apiKeys.id, key.id)).catch(() => undefined);
  }
  return key;
}
