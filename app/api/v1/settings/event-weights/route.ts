import { eventWeightsPatchSchema, eventWeightsSetting } from '@/lib/settings/event-weights';
import { readSettingRoute, updateSettingRoute } from '@/lib/api/setting-routes';

export const GET = readSettingRoute(eventWeightsSetting);

/** Changes the weights of the event types given; the others keep theirs. */
export const PATCH = updateSettingRoute(eventWeightsSetting, eventWeightsPatchSchema, 'event weights');
