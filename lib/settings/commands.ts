import 'server-only';
import type { z } from 'zod';
import { inTransaction, type DatabaseConnection } from '@/db/client';
import { recordAudit } from '@/lib/auth/audit';
import type { Principal } from '@/lib/auth/principal';
import { eventWeightsChanged } from '@/lib/realtime';
import { servingSettingsChanged } from '@/lib/serving/settings';
import { eventWeightsSetting } from './event-weights';
import { cacheTtlsSetting, diversityDefaultsSetting } from './serving';
import { readSetting, writeSetting, type Setting } from './store';

/** Who keeps each setting in memory, in every process: told after a write, they serve the new value at once. */
const ANNOUNCE_CHANGE: Record<string, () => void> = {
  [eventWeightsSetting.key]: eventWeightsChanged,
  [cacheTtlsSetting.key]: servingSettingsChanged,
  [diversityDefaultsSetting.key]: servingSettingsChanged,
};

/**
 * Changes an object-valued setting. `change` builds and validates the new value from the stored one
 * (so rules across fields hold). The value and its audit entry (the fields' before and after values)
 * commit together; then the setting's readers are told.
 */
export async function updateSetting<S extends z.ZodType<Record<string, unknown>>>(conn: DatabaseConnection, by: Principal, setting: Setting<S>, change: (before: z.infer<S>) => z.infer<S>): Promise<z.infer<S>> {
  const stored = await inTransaction(conn, async (tx) => {
    const before = await readSetting(tx, setting);
    const after = change(before);
    await writeSetting(tx, setting, after);
    await recordAudit(tx, by, { action: 'setting.update', targetType: 'setting', targetId: setting.key, details: changes(before, after) });
    return after;
  });
  ANNOUNCE_CHANGE[setting.key]?.();
  return stored;
}

function changes(before: Record<string, unknown>, after: Record<string, unknown>): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const changed = Object.keys(after).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  return { before: Object.fromEntries(changed.map((key) => [key, before[key]])), after: Object.fromEntries(changed.map((key) => [key, after[key]])) };
}
