import 'server-only';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { DatabaseConnection } from '@/db/client';
import { settings } from '@/db/schema';

export interface Setting<S extends z.ZodType> {
  key: string;
  schema: S;
  defaultValue: z.infer<S>;
}

/** A stored value that no longer parses (an older shape) falls back to the default rather than failing requests. */
export async function readSetting<S extends z.ZodType>(conn: DatabaseConnection, setting: Setting<S>): Promise<z.infer<S>> {
  const [row] = await conn.db.select({ value: settings.value }).from(settings).where(eq(settings.key, setting.key)).limit(1);
  if (!row) return setting.defaultValue;
  const parsed = setting.schema.safeParse(row.value);
  return parsed.success ? parsed.data : setting.defaultValue;
}

export async function writeSetting<S extends z.ZodType>(conn: DatabaseConnection, setting: Setting<S>, value: z.infer<S>): Promise<void> {
  const stored = setting.schema.parse(value);
  await conn.db
    .insert(settings)
    .values({ key: setting.key, value: stored })
    .onConflictDoUpdate({ target: settings.key, set: { value: stored, updatedAt: new Date() } });
}
