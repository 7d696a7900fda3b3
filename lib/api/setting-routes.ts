import 'server-only';
import type { z } from 'zod';
import { getConnection } from '@/db';
import { readBody } from './body';
import { route } from './route';
import { parseInput } from './validate';
import { updateSetting } from '@/lib/settings/commands';
import { readSetting, type Setting } from '@/lib/settings/store';

const MAX_BODY_BYTES = 16 * 1024;

export function readSettingRoute<S extends z.ZodType>(setting: Setting<S>) {
  return route('settings:read', async () => Response.json(await readSetting(await getConnection(), setting)));
}

/**
 * PATCH for an object-valued setting: the fields given replace the stored ones and the whole
 * result is validated again (so rules across fields hold); `what` names it in error messages.
 * The write, its audit entry and its announcement are `updateSetting`'s.
 */
export function updateSettingRoute<S extends z.ZodType<Record<string, unknown>>>(setting: Setting<S>, patchSchema: z.ZodType<Partial<z.infer<S>>>, what: string) {
  return route('settings:write', async (request, _context, principal) => {
    const { value } = await readBody(request, { maxBytes: MAX_BODY_BYTES });
    const patch = parseInput(patchSchema, value, what);
    const after = await updateSetting(await getConnection(), principal, setting, (before) => parseInput(setting.schema, { ...before, ...patch }, what));
    return Response.json(after);
  });
}
