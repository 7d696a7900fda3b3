import { z } from 'zod';
import { externalId } from './fields';
import { ApiError, fieldProblems } from './errors';

/** Parses untrusted input, or throws a 400 naming every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'request body', prefix = ''): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = fieldProblems(result.error, prefix);
  const summary = fields
    .slice(0, 3)
    .map((problem) => `${problem.field}: ${problem.message}`)
    .join('; ');
  throw ApiError.badRequest(`invalid ${what}: ${summary}${fields.length > 3 ? ` (and ${fields.length - 3} more)` : ''}`, fields);
}

/** Query strings arrive as text; schemas coerce. A repeated parameter keeps its first value. */
export function parseQuery<S extends z.ZodType>(schema: S, params: URLSearchParams): z.infer<S> {
  const query: Record<string, string> = {};
  for (const [key, value] of params) if (!(key in query)) query[key] = value;
  return parseInput(schema, query, 'query parameters');
}

/**
 * A body that may hold one element, an array of them, or `{ [key]: [...] }`.
 * A batch is validated whole, so one bad element refuses it with its index named.
 */
export function parseOneOrBatch<One extends z.ZodType, Many extends z.ZodType<z.infer<One>[]>>(
  payload: unknown,
  schemas: { one: One; many: Many; key: string; noun: string },
): { batch: boolean; values: z.infer<One>[] } {
  if (Array.isArray(payload)) return { batch: true, values: parseInput(schemas.many, payload, `${schemas.noun} batch`) };
  if (typeof payload === 'object' && payload !== null && schemas.key in payload) {
    const wrapped = (payload as Record<string, unknown>)[schemas.key];
    const extra = Object.keys(payload).filter((name) => name !== schemas.key);
    if (extra.length > 0) throw ApiError.badRequest(`unexpected field '${extra[0]}' beside '${schemas.key}'`, [{ field: extra[0] ?? '', message: 'unexpected field' }]);
    return { batch: true, values: parseInput(schemas.many, wrapped, `${schemas.noun} batch`, schemas.key) };
  }
  return { batch: false, values: [parseInput(schemas.one, payload, schemas.noun)] };
}

/** Route parameters are already decoded by Next; this only checks their shape. */
export async function pathId(context: { params: Promise<{ id: string }> }): Promise<string> {
  const { id } = await context.params;
  return parseInput(externalId, id, 'path parameter id', 'id');
}

/** A PUT body names its resource by the path; an `id` in the body may only repeat it. */
export function withPathId(body: unknown, id: string): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  if ('id' in body && String(body.id) !== id) {
    throw ApiError.badRequest(`body id '${String(body.id)}' does not match the path id '${id}'`, [{ field: 'id', message: 'must match the path' }]);
  }
  return { ...body, id };
}

const numericId = z.coerce.number().int().positive();

/** For resources with numeric ids (model versions, training runs). */
export async function numericPathId(context: { params: Promise<{ id: string }> }): Promise<number> {
  const { id } = await context.params;
  return parseInput(numericId, id, 'path parameter id', 'id');
}
