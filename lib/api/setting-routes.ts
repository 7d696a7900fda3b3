import 'server-only';
import type { z } from 'zod';
import { getConnection } from '@/db';
import { readBody } from './body';
import { route } from './route';
import { parseInput } from './validate';
import { recordAudit } from '@/lib/auth/audit';
import { readSetting, writeSetting, type Setting } from '@/lib/settings/store';

const MAX_BODY_BYTES = 16 * 1024;

export function readSettingRoute<S extends z.ZodType>(setting: Setting<S>) {
  return route('settings:read', async () => Response.json(await readSetting(await getConnection(), setting)));
}

interface UpdateOptions {
  /** What the setting is called in error messages. */
  what: string;
  /** Publishes the change: readers that keep a copy in memory, in every process, serve the new value at once. */
  onChange?: () => void;
}

/**
 * PATCH for an object-valued setting: the fields given replace the stored ones, the whole result
 * is validated again (so rules across fields hold), and the change is audited with before/after.
 */
export function updateSettingRoute<S extends z.ZodType<Record<string, unknown>>>(setting: Setting<S>, patchSchema: z.ZodType<Partial<z.infer<S>>>, { what, onChange }: UpdateOptions) {
  return route('settings:write', async (request, _context, principal) => {
    const { value } = await readBody(request, { maxBytes: MAX_BODY_BYTES });
    const patch = parseInput(patchSchema, value, what);
    const conn = await getConnection();
    const before = await readSetting(conn, setting);
    const after = parseInput(setting.schema, { ...before, ...patch }, what);
    await writeSetting(conn, setting, after);
    await recordAudit(conn, principal, { action: 'setting.update', targetType: 'setting', targetId: setting.key, details: changes(before, after) });
    onChange?.();
    return Response.json(after);
  });
}

function changes(before: Record<string, unknown>, after: Record<string, unknown>): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const changed = Object.keys(after).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  return { before: Object.fromEntries(changed.map((key) => [key, before[key]])), after: Object.fromEntries(changed.map((key) => [key, after[key]])) };
}
