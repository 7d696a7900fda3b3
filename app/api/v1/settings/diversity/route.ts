import { readSettingRoute, updateSettingRoute } from '@/lib/api/setting-routes';
import { diversityDefaultsSchema, diversityDefaultsSetting } from '@/lib/settings/serving';

export const GET = readSettingRoute(diversityDefaultsSetting);

/** Changes the default MMR λ and the per-category cap; the fields not given keep their values. */
export const PATCH = updateSettingRoute(diversityDefaultsSetting, diversityDefaultsSchema.partial(), 'diversity defaults');
