import { eventWeightsPatchSchema, eventWeightsSetting } from '@/lib/settings/event-weights';
import { readSettingRoute, updateSettingRoute } from '@/lib/api/setting-routes';
import { eventWeightsChanged } from '@/lib/realtime';

export const GET = readSettingRoute(eventWeightsSetting);

/** Changes the weights of the event types given; the others keep theirs. */
export const PATCH = updateSettingRoute(eventWeightsSetting, eventWeightsPatchSchema, { what: 'event weights', onChange: eventWeightsChanged });
