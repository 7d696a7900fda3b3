import { ServingInputError, UnknownItemError } from '@/lib/serving/contract';
import { ApiError } from './errors';

/** Serving refusals name the parameter (400) or the missing item (404); anything else degrades inside serving. */
export async function withServingErrors<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof ServingInputError) throw ApiError.badRequest(`invalid ${error.field}: ${error.message}`, [{ field: error.field, message: error.message }]);
    if (error instanceof UnknownItemError) throw ApiError.notFound('item', error.itemId);
    throw error;
  }
}

/** Every recommendation response names its experiment, for clients that read headers only. */
export function recommendationJson(body: { experiment: string | null; variant: string | null; timings_ms: Record<string, number | undefined> }): Response {
  const headers = new Headers({ 'cache-control': 'no-store' });
  if (body.experiment) headers.set('x-experiment', `${body.experiment}:${body.variant}`);
  headers.set('server-timing', Object.entries(body.timings_ms).flatMap(([stage, ms]) => (ms === undefined ? [] : [`${stage};dur=${ms.toFixed(2)}`])).join(', '));
  return Response.json(body, { headers });
}
