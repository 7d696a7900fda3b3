import { z } from 'zod';
import { DEFAULT_EVENT_WEIGHTS, EVENT_TYPES, type EventWeights } from '@/lib/events/types';

const NEGATIVE_TYPES = new Set<string>(['dislike', 'skip']);
const weight = z.number().finite().min(-100).max(100);

const weightsShape = z
  .object(Object.fromEntries(EVENT_TYPES.map((type) => [type, weight])) as Record<(typeof EVENT_TYPES)[number], typeof weight>)
  .strict();

function signsMatchMeaning(weights: Partial<Record<string, number>>, context: z.RefinementCtx): void {
  for (const [type, value] of Object.entries(weights)) {
    if (value === undefined) continue;
    const negative = NEGATIVE_TYPES.has(type);
    if (negative ? value > 0 : value < 0) {
      context.addIssue({ code: 'custom', path: [type], message: negative ? 'a negative signal must not have a positive weight' : 'must not be negative' });
    }
  }
}

export const eventWeightsSchema = weightsShape.superRefine(signsMatchMeaning);

/** A partial update merges into the stored weights. */
export const eventWeightsPatchSchema = weightsShape.partial().superRefine(signsMatchMeaning);

export const eventWeightsSetting = {
  key: 'event_weights',
  schema: eventWeightsSchema,
  defaultValue: DEFAULT_EVENT_WEIGHTS satisfies EventWeights,
};
