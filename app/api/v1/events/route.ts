import { readBody } from '@/lib/api/body';
import { route } from '@/lib/api/route';
import { parseOneOrBatch } from '@/lib/api/validate';
import { getEventIngestor } from '@/lib/events/ingestor';
import { eventBatchSchema, eventInputSchema, toNewEvent } from '@/lib/events/schema';
import { recordEventsIngested } from '@/lib/metrics/record';
import { eventsOfBehaviourSharers } from '@/lib/serving/users';
import { categoryOf, currentEventWeights, newlyAccepted, recordRealtimeEvents } from '@/lib/realtime';

const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** Records one event or a batch; answers only once they are durable and in the real-time profiles. */
export const POST = route('events:write', async (request) => {
  const { value } = await readBody(request, { maxBytes: MAX_BODY_BYTES, formats: ['json', 'ndjson'] });
  const receivedAt = new Date();
  const { values } = parseOneOrBatch(value, { one: eventInputSchema, many: eventBatchSchema, key: 'events', noun: 'event' });
  const events = values.map((input) => toNewEvent(input, receivedAt));
  const result = await (await getEventIngestor()).submit(events);
  // Duplicates were counted the first time; recording them again would double their weight.
  const accepted = newlyAccepted(events, result.duplicateEventIds);
  await recordRealtimeEvents(await eventsOfBehaviourSharers(accepted), categoryOf, await currentEventWeights());
  // Now serving can see them: the event-to-feature lag ends here.
  recordEventsIngested(accepted, Date.now());
  return Response.json({ accepted: result.accepted, duplicates: result.duplicates, duplicate_event_ids: result.duplicateEventIds });
});
