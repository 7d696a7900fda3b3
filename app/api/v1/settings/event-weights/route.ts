import { getConnection } from '@/db';
import { readBody } from '@/lib/api/body';
import { route } from '@/lib/api/route';
import { parseInput } from '@/lib/api/validate';
import { eventWeightsPatchSchema, eventWeightsSetting } from '@/lib/settings/event-weights';
import { readSetting, writeSetting } from '@/lib/settings/store';

export const GET = route('settings:read', async () => Response.json(await readSetting(await getConnection(), eventWeightsSetting)));

/** Changes the weights of the event types given; the others keep theirs. */
export const PATCH = route('settings:write', async (request) => {
  const { value } = await readBody(request, { maxBytes: 16 * 1024 });
  const patch = parseInput(eventWeightsPatchSchema, value, 'event weights');
  const conn = await getConnection();
  const weights = { ...(await readSetting(conn, eventWeightsSetting)), ...patch };
  await writeSetting(conn, eventWeightsSetting, weights);
  return Response.json(weights);
});
