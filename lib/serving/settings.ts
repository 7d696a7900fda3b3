import 'server-only';
import { getConnection } from '@/db';
import { log } from '@/lib/runtime/log';
import { processSingleton } from '@/lib/runtime/singleton';
import { cacheTtlsSetting, diversityDefaultsSetting, type CacheTtls, type DiversityDefaults } from '@/lib/settings/serving';
import { readSetting } from '@/lib/settings/store';
import { Refreshing } from './refreshing';

export interface ServingSettings {
  cache: CacheTtls;
  diversity: DiversityDefaults;
}

const MAX_AGE_MS = 5_000;
const DEFAULTS: ServingSettings = { cache: cacheTtlsSetting.defaultValue, diversity: diversityDefaultsSetting.defaultValue };

function settingsState(): Refreshing<ServingSettings> {
  return processSingleton(
    'serving-settings',
    () =>
      new Refreshing(
        async () => {
          const conn = await getConnection();
          const [cache, diversity] = await Promise.all([readSetting(conn, cacheTtlsSetting), readSetting(conn, diversityDefaultsSetting)]);
          return { cache, diversity };
        },
        // Two primary-key reads every few seconds; other instances follow a change within MAX_AGE_MS.
        { maxAgeMs: MAX_AGE_MS, onError: (error) => log.warn('reading serving settings failed', error) },
      ),
  );
}

/** Cache TTLs and diversity defaults without a query per request; the shipped defaults when they cannot be read. */
export async function servingSettings(): Promise<ServingSettings> {
  return settingsState()
    .get()
    .catch(() => DEFAULTS);
}

/** Settings writes in this process call this, so the next response here uses them. */
export function servingSettingsChanged(): void {
  settingsState().invalidate();
}
