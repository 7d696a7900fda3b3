import { z } from 'zod';
import { rolesGranting, scopesGranting } from '@/lib/auth/permissions';
import { OPERATIONS, type Operation } from './operations';
import { errorResponseSchema } from './responses';

/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the zod schemas the routes validate
 * with (requests) and the response schemas the contract test holds them to (responses).
 */

type JsonSchema = Record<string, unknown>;

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: Record<string, unknown>;
  servers: { url: string }[];
  tags: { name: string }[];
  paths: Record<string, Record<string, JsonSchema>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  400: 'The input is invalid; `fields` names each problem.',
  401: 'No valid credentials: the API key is missing, unknown or revoked.',
  403: 'The credentials do not grant this operation (or a cookie session came from another site).',
  404: 'The resource does not exist.',
  409: 'The request conflicts with the resource\'s current state.',
  413: 'The body is larger than this operation accepts.',
  415: 'The body is not in a format this operation accepts.',
  500: 'An unexpected server error.',
  503: 'A dependency is unavailable; retry shortly (the SDK retries with backoff).',
};

const PATH_ID_SCHEMAS: Record<NonNullable<Operation['id']>, JsonSchema> = {
  external: { type: 'string', minLength: 1, maxLength: 256, description: 'The id your system gives it.' },
  key: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$', description: 'The key it was created with.' },
  numeric: { type: 'integer', minimum: 1 },
};

/** The failures an operation can give, from what it takes and whether it needs credentials. */
export function errorStatuses(operation: Operation): number[] {
  const statuses = new Set(operation.errors ?? []);
  if (operation.permission !== 'public') [401, 403].forEach((status) => statuses.add(status));
  if (operation.query || operation.body || operation.id) statuses.add(400);
  if (operation.id) statuses.add(404);
  if (operation.body) [413, 415].forEach((status) => statuses.add(status));
  [500, 503].forEach((status) => statuses.add(status));
  for (const status of Object.keys(operation.responses)) statuses.delete(Number(status));
  return [...statuses].sort((a, b) => a - b);
}

/** The document is the same for the life of the process: built once, on first use. */
let cached: OpenApiDocument | undefined;

export function openApiDocument(): OpenApiDocument {
  cached ??= buildDocument();
  return cached;
}

function buildDocument(): OpenApiDocument {
  const components: Record<string, JsonSchema> = {};
  const convert = (schema: z.ZodType, io: 'input' | 'output') => toJsonSchema(schema, io, components);
  const paths: OpenApiDocument['paths'] = {};
  for (const operation of OPERATIONS) {
    paths[operation.path] ??= {};
    paths[operation.path]![operation.method] = describeOperation(operation, convert);
  }
  convert(errorResponseSchema, 'output');
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tailor API',
      version: '1',
      description:
        'Recommendations, events, catalogue, users, curation, experiments, models and settings. Authenticate with an API key (`Authorization: Bearer <key>`); each operation names the key scopes (and console roles) it needs. Browser apps use a key with only the `recommend` and `events` scopes.',
    },
    servers: [{ url: '/' }],
    tags: [...new Set(OPERATIONS.map((operation) => operation.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key created under Settings → API keys. Its scopes decide what it may do.' },
        session: { type: 'apiKey', in: 'cookie', name: 'next-auth.session-token', description: 'The console\'s signed-in session; its role decides what it may do.' },
      },
    },
  };
}

function describeOperation(operation: Operation, convert: (schema: z.ZodType, io: 'input' | 'output') => JsonSchema): JsonSchema {
  const parameters = [...(operation.id ? [{ name: 'id', in: 'path', required: true, schema: PATH_ID_SCHEMAS[operation.id] }] : []), ...(operation.query ? queryParameters(convert(operation.query, 'input')) : [])];
  const responses: Record<string, JsonSchema> = {};
  for (const [status, schema] of Object.entries(operation.responses)) {
    responses[status] = { description: STATUS_TEXT[Number(status)] ?? 'OK', content: { [operation.contentType ?? 'application/json']: { schema: convert(schema, 'output') } } };
  }
  for (const status of errorStatuses(operation)) {
    responses[String(status)] = { description: STATUS_TEXT[status], content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  }
  return {
    operationId: operationId(operation),
    tags: [operation.tag],
    summary: operation.summary,
    description: [operation.description, accessNote(operation)].filter(Boolean).join('\n\n'),
    ...(parameters.length > 0 && { parameters }),
    ...(operation.body && { requestBody: requestBody(operation, convert(operation.body, 'input')) }),
    responses,
    ...security(operation),
    'x-permission': operation.permission,
  };
}

function requestBody(operation: Operation, schema: JsonSchema): JsonSchema {
  const json = { schema, ...(operation.example !== undefined && { example: operation.example }) };
  const batches = operation.path === '/api/v1/events' || (operation.path === '/api/v1/items' && operation.method === 'post');
  return { required: true, content: { 'application/json': json, ...(batches && { 'application/x-ndjson': { schema: { type: 'string', description: 'One JSON object per line.' } } }) } };
}

function security(operation: Operation): JsonSchema {
  if (operation.permission === 'public') return { security: [{}] };
  return { security: [{ apiKey: scopesGranting(operation.permission) }, { session: rolesGranting(operation.permission) }] };
}

function accessNote(operation: Operation): string {
  if (operation.permission === 'public') return 'Public: no credentials needed.';
  const scopes = scopesGranting(operation.permission).map((scope) => `\`${scope}\``);
  const roles = rolesGranting(operation.permission).map((role) => `\`${role}\``);
  return `Requires \`${operation.permission}\`: an API key with scope ${scopes.join(' or ')}, or a console session with role ${roles.join(' or ')}.`;
}

/** `get /api/v1/items/{id}/stats` → `getItemsIdStats`. */
function operationId({ method, path }: Operation): string {
  const words = path
    .replace(/^\/api\/(v1\/)?/, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return method + words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');
}

function queryParameters(schema: JsonSchema): JsonSchema[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: 'query', required: required.has(name), ...(description !== undefined && { description }), schema: rest };
  });
}

/** JSON Schema 2020-12 (what OpenAPI 3.1 uses); named schemas (`.meta({ id })`) go to components. */
function toJsonSchema(schema: z.ZodType, io: 'input' | 'output', components: Record<string, JsonSchema>): JsonSchema {
  const converted = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    reused: 'inline',
    override: ({ zodSchema, jsonSchema }) => tidy(zodSchema, jsonSchema, io),
  }) as JsonSchema;
  const { $schema: _dialect, $defs, ...rest } = converted;
  const definitions = ($defs ?? {}) as Record<string, JsonSchema>;
  for (const [name, definition] of Object.entries(definitions)) components[name] = relink(definition);
  if (typeof rest.id === 'string') {
    const { id, ...named } = rest;
    components[id] = relink(named);
    return { $ref: `#/components/schemas/${id}` };
  }
  return relink(rest);
}

/**
 * Answers may carry fields a schema does not name (zod's plain objects allow them), so the
 * document does not forbid them; the long date-time regex and the safe-integer bounds are noise.
 */
function tidy(zodSchema: unknown, jsonSchema: JsonSchema, io: 'input' | 'output'): void {
  const def = (zodSchema as { _zod?: { def?: { type?: string; catchall?: unknown } } })._zod?.def;
  if (io === 'output' && def?.type === 'object' && def.catchall === undefined && jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
  if (jsonSchema.format === 'date-time' || jsonSchema.format === 'date') delete jsonSchema.pattern;
  if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
  if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
}

function relink(schema: JsonSchema): JsonSchema {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
}
