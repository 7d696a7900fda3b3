import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GET as getOpenApi } from '@/app/api/v1/openapi.json/route';
import { call } from '@/lib/testing/http';
import { contractViolation } from './contract';
import { openApiDocument } from './document';
import { OPERATIONS } from './operations';
import * as responses from './responses';
import { generateSdkTypes, SDK_TYPES_PATH } from './sdk-types';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const API_DIR = path.join(ROOT, 'app/api');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
/** Sign-in and sign-out belong to next-auth: not part of the API. */
const NOT_DOCUMENTED = ['app/api/auth/[...nextauth]/route.ts'];

/** `method path` of every handler a route file exports, with `[id]` written as `{id}`. */
function routeFileOperations(): string[] {
  const files = (readdirSync(API_DIR, { recursive: true }) as string[]).filter((file) => path.basename(file) === 'route.ts').map((file) => path.join('app/api', file));
  return files
    .filter((file) => !NOT_DOCUMENTED.includes(file))
    .flatMap((file) => {
      const source = readFileSync(path.join(ROOT, file), 'utf8');
      const routePath = `/${path.dirname(file).replace(/^app\//, '').replace(/\[([^\]]+)\]/g, '{$1}')}`;
      return METHODS.filter((method) => new RegExp(`export (const|async function) ${method}\\b`).test(source)).map((method) => `${method.toLowerCase()} ${routePath}`);
    })
    .sort();
}

function documentedOperations(): string[] {
  return Object.entries(openApiDocument().paths)
    .flatMap(([routePath, operations]) => Object.keys(operations).map((method) => `${method} ${routePath}`))
    .sort();
}

describe('the OpenAPI document', () => {
  it('is served at /api/v1/openapi.json, without credentials', async () => {
    const served = await call(getOpenApi, 'GET', '/api/v1/openapi.json');
    expect(served.status).toBe(200);
    expect(served.body).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it('documents every handler of every route file, and nothing else', () => {
    const files = routeFileOperations();
    expect(files.length).toBeGreaterThan(60);
    expect(documentedOperations()).toEqual(files);
  });

  it('links only to schemas it defines', () => {
    const text = JSON.stringify(openApiDocument());
    const references = [...text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1]!);
    expect(references.filter((name) => !(name in openApiDocument().components.schemas))).toEqual([]);
  });

  it('gives examples its own schemas accept', () => {
    const withExamples = OPERATIONS.filter((operation) => operation.example !== undefined);
    expect(withExamples.length).toBeGreaterThan(15);
    for (const operation of withExamples) {
      // A PUT names its resource by the path; the route adds the id to the body before parsing.
      const body = operation.method === 'put' ? { id: 'i-7', ...(operation.example as object) } : operation.example;
      expect(operation.body!.safeParse(body).error?.issues ?? [], `${operation.method} ${operation.path}`).toEqual([]);
    }
    for (const schema of Object.values(responses)) {
      for (const example of (z.globalRegistry.get(schema)?.examples as unknown[] | undefined) ?? []) expect(schema.safeParse(example).success).toBe(true);
    }
  });

  it('states the scopes each operation needs, from the permission table', () => {
    const recommend = openApiDocument().paths['/api/v1/recommendations']!.get!;
    expect(recommend.security).toEqual([{ apiKey: ['recommend', 'admin'] }, { session: ['admin', 'pm', 'editor', 'operator'] }]);
    expect(openApiDocument().paths['/api/v1/events']!.post!.security).toEqual([{ apiKey: ['events', 'admin'] }, { session: ['admin'] }]);
  });
});

describe('the contract check every route test runs (lib/testing/http.ts)', () => {
  const item = { id: 'i-1', title: 'A', description: '', category: null, tags: [], attributes: {}, is_hidden: false, published_at: null, expires_at: null, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' };

  it('accepts a documented answer', () => {
    expect(contractViolation('GET', '/api/v1/items/i-1', 200, item)).toBeNull();
    expect(contractViolation('GET', '/api/v1/items/i-1', 404, { error: { code: 'not_found', message: "item 'i-1' does not exist" } })).toBeNull();
  });

  it('refuses a body that does not match, an undocumented status, and an undocumented route', () => {
    expect(contractViolation('GET', '/api/v1/items/i-1', 200, { ...item, tags: 'running' })).toMatch(/tags/);
    expect(contractViolation('GET', '/api/v1/items/i-1', 404, { message: 'gone' })).toMatch(/does not match/);
    expect(contractViolation('GET', '/api/v1/items/i-1', 409, { error: { code: 'conflict', message: 'x' } })).toMatch(/does not list/);
    expect(contractViolation('GET', '/api/v1/nothing', 200, {})).toMatch(/not in the OpenAPI document/);
  });
});

describe('the SDK', () => {
  it('was generated from the current document (npm run sdk:generate)', async () => {
    expect(readFileSync(path.join(ROOT, SDK_TYPES_PATH), 'utf8')).toBe(await generateSdkTypes(openApiDocument()));
  });
});
