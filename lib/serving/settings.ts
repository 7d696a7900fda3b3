import 'server-only';
import { getConnection } from '@/db';
import { publishChange } from '@/lib/runtime/changes';
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
        // Two primary-key reads every few seconds: the fallback when a change message is lost.
        { maxAgeMs: MAX_AGE_MS, staleWhileRefreshing: true, invalidatedBy: 'serving-settings', onError: (error) => log.warn('reading serving settings failed', error) },
      ),
  );
}

/** Cache TTLs and diversity defaults without a query per request; the shipped defaults when they cannot be read. */
export async function servingSettings(): Promise<ServingSettings> {
  return settingsState()
    .get()
    .catch(() => DEFAULTS);
}

/** Settings writes call this: the next response of every process uses them. */
export function servingSettingsChanged(): void {
  publishChange('serving-settings');
}
