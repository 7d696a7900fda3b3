import { randomUUID } from 'node:crypto';
import { readBody } from '@/lib/api/body';
import { route } from '@/lib/api/route';
import { recommendationJson, withServingErrors } from '@/lib/api/serving-errors';
import { parseInput } from '@/lib/api/validate';
import { recommendFeed } from '@/lib/serving/feed';
import { sessionRequestSchema } from '@/lib/serving/schema';

export const dynamic = 'force-dynamic';

const MAX_BODY_BYTES = 64 * 1024;

/** Anonymous and guest users: recommendations from the session's items alone. */
export const POST = route('recommend', async (request) => {
  const { value } = await readBody(request, { maxBytes: MAX_BODY_BYTES });
  const { recent_items: recentItems, n, category, exclude, explain } = parseInput(sessionRequestSchema, value);
  return recommendationJson(
    await withServingErrors(() => recommendFeed({ userId: `session:${randomUUID()}`, sessionItems: recentItems, surface: 'session', query: { n, category, exclude, explain, context: 'home' } })),
  );
});
