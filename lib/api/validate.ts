import { z } from 'zod';
import { externalId } from './fields';
import { ApiError, fieldPath, fieldProblems } from './errors';

/** Parses untrusted input, or throws a 400 naming every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'request body', prefix = ''): z.infer<S> {
  refuseUnstorable(input, what, prefix);
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = fieldProblems(result.error, prefix);
  const summary = fields
    .slice(0, 3)
    .map((problem) => `${problem.field}: ${problem.message}`)
    .join('; ');
  throw ApiError.badRequest(`invalid ${what}: ${summary}${fields.length > 3 ? ` (and ${fields.length - 3} more)` : ''}`, fields);
}

/** Deeper than any document the API takes; deeper input is refused before a schema, or the database, recurses into it. */
export const MAX_INPUT_DEPTH = 32;

interface InputProblem {
  path: PropertyKey[];
  message: string;
}

/**
 * Every schema's text passes here first: PostgreSQL cannot store NUL characters, and a lone UTF-16
 * surrogate is not text at all (it would fail mid-write, after some rows were stored).
 */
function refuseUnstorable(input: unknown, what: string, prefix: string): void {
  const problem = unstorable(input, 0);
  if (!problem) return;
  const field = fieldPath(problem.path, prefix) || '(body)';
  throw ApiError.badRequest(`invalid ${what}: ${field}: ${problem.message}`, [{ field, message: problem.message }]);
}

/** The first string or key that is not storable text, or the first place nested too deeply. */
function unstorable(value: unknown, depth: number): InputProblem | null {
  if (typeof value === 'string') return textProblem(value);
  if (typeof value !== 'object' || value === null) return null;
  if (depth >= MAX_INPUT_DEPTH) return { path: [], message: `must not be nested deeper than ${MAX_INPUT_DEPTH} levels` };
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const problem = unstorable(value[index], depth + 1);
      if (problem) return within(index, problem);
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    const problem = keyProblem(key) ?? unstorable((value as Record<string, unknown>)[key], depth + 1);
    if (problem) return within(key, problem);
  }
  return null;
}

function within(key: PropertyKey, problem: InputProblem): InputProblem {
  problem.path.unshift(key);
  return problem;
}

function textProblem(text: string): InputProblem | null {
  if (text.includes('\u0000')) return { path: [], message: 'must not contain NUL characters' };
  if (!text.isWellFormed()) return { path: [], message: 'must not contain unpaired UTF-16 surrogates' };
  return null;
}

function keyProblem(key: string): InputProblem | null {
  const problem = textProblem(key);
  return problem && { path: [], message: `key ${problem.message}` };
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

/** Numeric ids are PostgreSQL integers: none lies beyond this. */
const MAX_NUMERIC_ID = 2_147_483_647;

const numericId = z.string().regex(/^0*[1-9][0-9]*$/, 'must be a positive whole number');

/**
 * For resources with numeric ids (model versions, training runs, rules, keys, console users).
 * An id too large to exist is a 404 for `kind`, as any other id that names nothing.
 */
export async function numericPathId(context: { params: Promise<{ id: string }> }, kind: string): Promise<number> {
  const { id } = await context.params;
  const value = Number(parseInput(numericId, id, 'path parameter id', 'id'));
  if (value > MAX_NUMERIC_ID) throw ApiError.notFound(kind, id);
  return value;
}
