import { z } from 'zod';
import { externalId, freeJson, storedAsReal, timestampInput } from '@/lib/api/fields';
import { EVENT_TYPES } from './types';

export const MAX_EVENT_BATCH = 5_000;
/** Clock skew we tolerate from clients before calling a timestamp bad input. */
const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;
/** A `rate` event's value is a rating on this scale (stars; fractions allowed); its strength is the type's weight times the rating. */
const RATING_SCALE = { min: 0, max: 5 } as const;
/** The context is stored with every event, so it stays small. */
const MAX_CONTEXT_BYTES = 8 * 1024;

export const eventInputSchema = z
  .object({
    event_id: z.string().trim().min(1).max(128),
    user_id: externalId,
    item_id: externalId,
    type: z.enum(EVENT_TYPES),
    value: storedAsReal(z.number().min(-1e9).max(1e9)).nullable().default(null),
    timestamp: timestampInput.refine((date) => date.getTime() <= Date.now() + MAX_FUTURE_MS, { message: 'must not be more than a day in the future' }).optional(),
    session_id: z.string().max(128).nullable().default(null),
    context: z
      .object({ device: z.string().max(64).optional(), page: z.string().max(512).optional(), referrer: z.string().max(2048).optional() })
      .catchall(z.unknown())
      .pipe(freeJson(MAX_CONTEXT_BYTES))
      .nullable()
      .default(null),
    recommendation_id: z.string().max(128).nullable().default(null),
  })
  .strict()
  .refine((event) => event.type !== 'rate' || event.value !== null, { message: 'a rate event needs a value', path: ['value'] })
  .refine((event) => event.type !== 'rate' || event.value === null || (event.value >= RATING_SCALE.min && event.value <= RATING_SCALE.max), {
    message: `a rating must be between ${RATING_SCALE.min} and ${RATING_SCALE.max}`,
    path: ['value'],
  });

export const eventBatchSchema = z.array(eventInputSchema).min(1, 'at least one event').max(MAX_EVENT_BATCH, `at most ${MAX_EVENT_BATCH} events per request`);

export type EventInput = z.infer<typeof eventInputSchema>;

/** An event ready to store: ids still external, the store resolves them. */
export interface NewEvent {
  eventId: string;
  userId: string;
  itemId: string;
  type: (typeof EVENT_TYPES)[number];
  value: number | null;
  occurredAt: Date;
  sessionId: string | null;
  context: Record<string, unknown> | null;
  recommendationId: string | null;
}

export function toNewEvent(input: EventInput, receivedAt: Date): NewEvent {
  return {
    eventId: input.event_id,
    userId: input.user_id,
    itemId: input.item_id,
    type: input.type,
    value: input.value,
    occurredAt: input.timestamp ?? receivedAt,
    sessionId: input.session_id,
    context: input.context,
    recommendationId: input.recommendation_id,
  };
}

