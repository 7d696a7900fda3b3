import { readSettingRoute, updateSettingRoute } from '@/lib/api/setting-routes';
import { cacheTtlsSchema, cacheTtlsSetting } from '@/lib/settings/serving';

export const GET = readSettingRoute(cacheTtlsSetting);

/** Changes the response-cache and ranked-list TTLs; the fields not given keep their values. */
export const PATCH = updateSettingRoute(cacheTtlsSetting, cacheTtlsSchema.partial(), 'cache TTLs');
