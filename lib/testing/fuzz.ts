import fc from 'fast-check';
import { z } from 'zod';

/** The part of JSON Schema that `z.toJSONSchema` emits for the API's input schemas. */
interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

/** Input no route may take: text PostgreSQL cannot store, text that is not text, and nesting past any limit. */
export const ALWAYS_INVALID = {
  nul: 'a\u0000b',
  loneSurrogate: 'it\ud800em',
  loneLowSurrogate: '\udc00',
  deep: nested(1_000),
} as const;

export function nested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level++) value = level % 2 === 0 ? [value] : { a: value };
  return value;
}

const alwaysInvalid = fc.constantFrom<unknown>(...Object.values(ALWAYS_INVALID));

/** Values that are wrong somewhere, or right only by luck: the edges of every type. */
const suspicious = fc.oneof(
  fc.constantFrom<unknown>(
    -1,
    0,
    2_147_483_648,
    9_000_000_000_000_000,
    1e308,
    -1e308,
    0.5,
    '',
    ' ',
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '10000-01-01T00:00:00Z',
    'x'.repeat(70_000),
    null,
    true,
    [],
    {},
    JSON.parse('{"__proto__": {"polluted": 1}}') as unknown,
    '__proto__',
    '../../etc/passwd',
    "'; drop table items; --",
    '%FF',
    '\u202e\ufeff',
    '😀'.repeat(300),
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A value shaped like the schema asks: it passes the types and bounds, not necessarily the refinements. */
export function shapedLike(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map(shapedLike));
  if (schema.allOf?.[0]) return shapedLike(schema.allOf[0]);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => shapedLike({ ...schema, type })));
  switch (types[0]) {
    case 'string':
      return shapedString(schema);
    case 'integer':
      return fc.integer({ min: Math.max(schema.minimum ?? -1_000, -1e9), max: Math.min(schema.maximum ?? 1_000, 1e9) });
    case 'number':
      return fc.double({ min: schema.exclusiveMinimum ?? schema.minimum ?? -1_000, max: schema.exclusiveMaximum ?? schema.maximum ?? 1_000, noNaN: true, noDefaultInfinity: true, minExcluded: schema.exclusiveMinimum !== undefined, maxExcluded: schema.exclusiveMaximum !== undefined });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(schema.items ? shapedLike(schema.items) : fc.jsonValue({ maxDepth: 1 }), { minLength: schema.minItems ?? 0, maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)) });
    case 'object':
      return shapedObject(schema);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

const SAMPLE_DATES = fc.date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true });

function shapedString(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'date-time') return SAMPLE_DATES.map((date) => date.toISOString());
  if (schema.format === 'date') return SAMPLE_DATES.map((date) => date.toISOString().slice(0, 10));
  if (schema.format === 'email') return fc.emailAddress();
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
  const minLength = schema.minLength ?? 0;
  return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 24, 24)) });
}

function shapedObject(schema: JsonSchema): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const shapes = Object.fromEntries(Object.entries(properties).map(([key, property]) => [key, shapedLike(property)]));
  const known = fc.record(shapes, { requiredKeys: (schema.required ?? []).filter((key) => key in shapes) });
  if (Object.keys(properties).length > 0 || schema.additionalProperties === false) return known;
  return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
}

/** Every place inside a JSON value: the root, each array element and each object field. */
function placesIn(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const places = [path];
  if (Array.isArray(value)) value.forEach((child, index) => places.push(...placesIn(child, [...path, index])));
  else if (typeof value === 'object' && value !== null) for (const [key, child] of Object.entries(value)) places.push(...placesIn(child, [...path, key]));
  return places;
}

function replaceAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return replacement;
  if (Array.isArray(value)) return value.map((child, index) => (index === head ? replaceAt(child, rest, replacement) : child));
  return { ...(value as Record<string, unknown>), [head]: replaceAt((value as Record<string, unknown>)[head], rest, replacement) };
}

function addKeyAt(value: unknown, path: (string | number)[], key: string): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value, [key]: 'x' } : value;
  if (Array.isArray(value)) return value.map((child, index) => (index === head ? addKeyAt(child, rest, key) : child));
  return { ...(value as Record<string, unknown>), [head]: addKeyAt((value as Record<string, unknown>)[head], rest, key) };
}

export interface FuzzInput {
  value: unknown;
  /** True when the value holds input every route must refuse (NUL, a lone surrogate, deep nesting). */
  alwaysInvalid: boolean;
}

/**
 * Inputs for a schema: shaped like it, then (mostly) with one place replaced by a suspicious or an
 * always-invalid value, or given a key no schema allows.
 */
export function fuzzInputs(schema: z.ZodType): fc.Arbitrary<FuzzInput> {
  const shape = shapedLike(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema);
  return shape.chain((valid) => {
    const places = placesIn(valid);
    const place = fc.constantFrom(...places);
    return fc.oneof(
      { weight: 1, arbitrary: fc.constant<FuzzInput>({ value: valid, alwaysInvalid: false }) },
      { weight: 3, arbitrary: fc.tuple(place, suspicious).map(([path, bad]): FuzzInput => ({ value: replaceAt(valid, path, bad), alwaysInvalid: false })) },
      { weight: 2, arbitrary: fc.tuple(place, alwaysInvalid).map(([path, bad]): FuzzInput => ({ value: replaceAt(valid, path, bad), alwaysInvalid: true })) },
      { weight: 1, arbitrary: fc.tuple(place, fc.constantFrom(ALWAYS_INVALID.nul, ALWAYS_INVALID.loneSurrogate)).map(([path, key]): FuzzInput => ({ value: addKeyAt(valid, path, key), alwaysInvalid: isObjectAt(valid, path) })) },
    );
  });
}

function isObjectAt(value: unknown, path: (string | number)[]): boolean {
  const target = path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], value);
  return typeof target === 'object' && target !== null && !Array.isArray(target);
}

/** Query parameters: text only, so the suspicious values are the ones a URL can carry. */
export function fuzzQueries(schema: z.ZodType): fc.Arbitrary<{ query: Record<string, string>; alwaysInvalid: boolean }> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const names = Object.keys(json.properties ?? {});
  const shape = shapedLike(json).map((value) => Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, child]) => [key, String(child)])));
  const text = fc.constantFrom('-1', '0', '1e9', '1.5', 'NaN', 'Infinity', '99999999999999999999999', '', ' ', 'x'.repeat(5_000), '[object Object]', '%FF', '\u202e');
  return shape.chain((valid) =>
    fc.oneof(
      fc.constant({ query: valid, alwaysInvalid: false }),
      fc.tuple(fc.constantFrom(...names, 'unexpected'), text).map(([name, bad]) => ({ query: { ...valid, [name]: bad }, alwaysInvalid: false })),
      fc.constantFrom(...names).map((name) => ({ query: { ...valid, [name]: ALWAYS_INVALID.nul }, alwaysInvalid: true })),
    ),
  );
}

/** Path ids: a well-formed one, or one of the ids that once broke a route. */
export const fuzzIds = (valid: string[]) =>
  fc.oneof(
    fc.constantFrom(...valid).map((id) => ({ id, alwaysInvalid: false })),
    fc.constantFrom('2147483648', '99999999999999999999', '-1', '0', '1e3', ' 7', 'x'.repeat(300), '..', '%FF', '').map((id) => ({ id, alwaysInvalid: false })),
    fc.constantFrom(ALWAYS_INVALID.nul, ALWAYS_INVALID.loneSurrogate, `1${ALWAYS_INVALID.nul}`).map((id) => ({ id, alwaysInvalid: true })),
  );

/** Bodies that are not what their content type says, or not a body at all. */
export const fuzzRawBodies = fc.record({
  rawBody: fc.constantFrom('', ' ', '{', '{"a":', 'null', '[]', '"text"', '1e999', '{"__proto__":{"polluted":1}}', '[{}]', '{}\n{', 'a\u0000b', `{"a":"\\ud800"}`, '\ufeff{}'),
  contentType: fc.constantFrom('application/json', 'application/x-ndjson', 'text/plain', 'application/json; charset=latin1', ''),
});
