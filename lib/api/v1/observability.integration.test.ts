import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as livez } from '@/app/api/v1/livez/route';
import { GET as getMe } from '@/app/api/v1/me/route';
import { GET as readyz } from '@/app/api/v1/readyz/route';
import { GET as feed } from '@/app/api/v1/recommendations/route';
import { getConnection } from '@/db';
import { createApiKey } from '@/lib/auth/api-keys';
import { getConfig } from '@/lib/config';
import { getImpressionWriter, type Impression } from '@/lib/impressions';
import { tailorMetrics } from '@/lib/metrics/registry';
import { logToForTests } from '@/lib/runtime/log';
import { call } from '@/lib/testing/http';

function capturedLogs(): { lines: () => Record<string, unknown>[]; raw: () => string } {
  const chunks: string[] = [];
  logToForTests(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString());
        done();
      },
    }),
  );
  const raw = () => chunks.join('');
  return { raw, lines: () => raw().trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) };
}

async function sample(name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
  const metric = tailorMetrics().registry.getSingleMetric(name);
  const values = (await metric?.get())?.values ?? [];
  return values.find((value) => Object.entries(labels).every(([key, expected]) => String(value.labels[key]) === expected))?.value;
}

describe('request logs', () => {
  const logs = capturedLogs();
  afterAll(() => logToForTests(new Writable({ write: (_chunk, _encoding, done) => done() }), 'silent'));

  it('log one line per request with the route pattern, status, duration, request id and API key id, never the secret', async () => {
    const { key, secret } = await createApiKey(await getConnection(), { name: 'logged', scopes: ['recommend'] }, 'test');
    const response = await call(getMe, 'GET', '/api/v1/me', { headers: { authorization: `Bearer ${secret}`, 'x-request-id': 'client-trace-42' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('client-trace-42');

    const line = logs.lines().find((entry) => entry.requestId === 'client-trace-42');
    expect(line).toMatchObject({ msg: 'request', method: 'GET', route: '/api/v1/me', status: 200, principal: 'key', apiKeyId: key.id });
    expect(line?.durationMs).toEqual(expect.any(Number));
    expect(logs.raw()).not.toContain(secret);
    expect(logs.raw()).not.toContain(secret.slice(-16));
  });

  it('log the route pattern rather than the raw path, and a generated request id when the client sent none or a bad one', async () => {
    const first = await call(feed, 'GET', '/api/v1/recommendations?user=logged-user&n=3');
    const second = await call(feed, 'GET', '/api/v1/recommendations?user=logged-user&n=3', { headers: { 'x-request-id': 'bad id\twith "quotes"' } });
    const ids = [first.headers.get('x-request-id'), second.headers.get('x-request-id')];
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[0]).not.toBe(ids[1]);
    const lines = logs.lines().filter((entry) => ids.includes(entry.requestId as string));
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatchObject({ route: '/api/v1/recommendations', status: 200, principal: 'anonymous' });
    expect(lines[0]).not.toHaveProperty('apiKeyId');
  });
});

describe('probes', () => {
  it('livez answers 200 and readyz 200 once the database answers and the model state is loaded', async () => {
    await getConnection();
    expect(await call(livez, 'GET', '/api/v1/livez')).toMatchObject({ status: 200, body: { status: 'alive' } });
    // No model trained yet: serving popular items is the intended fallback, so the instance is ready.
    expect(await call(readyz, 'GET', '/api/v1/readyz')).toMatchObject({ status: 200, body: { status: 'ready' } });
  });
});

describe('metrics', () => {
  beforeAll(async () => {
    await getConnection();
  });

  it('report the database pool: its size and the statements in flight', async () => {
    const expectedMax = getConfig().database.kind === 'postgres' ? Number(process.env.DATABASE_POOL_SIZE ?? 10) : 1;
    expect(await sample('tailor_database_connections', { state: 'max' })).toBe(expectedMax);
    const conn = await getConnection();
    // Sampled before the statement can finish: the embedded database runs in this thread, so a timer would fire only after it.
    const statement = conn.query('select 1');
    const during = sample('tailor_database_connections', { state: 'in_use' });
    await statement;
    expect(await during).toBe(1);
    expect(await sample('tailor_database_connections', { state: 'in_use' })).toBe(0);
  });

  it('report impressions queued, and those dropped once the writer is closed', async () => {
    const writer = await getImpressionWriter();
    // The feeds served above queued theirs.
    const queuedBefore = (await sample('tailor_impressions_queued')) ?? 0;
    const impression = (id: string): Impression => ({ recommendationId: id, userId: 'metrics-user', surface: 'feed', items: ['a'], strategy: 'popular', modelVersion: null, experiment: null, variant: null, fallback: null, latencyMs: 1, servedAt: new Date() });
    writer.log(impression('queued-1'));
    expect(await sample('tailor_impressions_queued')).toBe(queuedBefore + 1);
    await writer.close();
    expect(await sample('tailor_impressions_queued')).toBe(0);
    writer.log(impression('late-1'));
    writer.log(impression('late-2'));
    expect(await sample('tailor_impressions_dropped_total', { reason: 'overflow' })).toBe(2);
    expect(await sample('tailor_impressions_dropped_total', { reason: 'rejected' })).toBe(0);
  });
});
