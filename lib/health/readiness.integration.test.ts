import { createServer } from 'node:net';
import { beforeAll, expect, it } from 'vitest';
import { GET as livez } from '@/app/api/v1/livez/route';
import { GET as readyz } from '@/app/api/v1/readyz/route';
import { resetConfigForTests } from '@/lib/config';
import { call } from '@/lib/testing/http';

/** A port nothing listens on: connections are refused, as when the database is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// A file of its own: every test here runs against a database that is down.
beforeAll(async () => {
  process.env.DATABASE_URL = `postgres://tailor@127.0.0.1:${await closedPort()}/tailor`;
  resetConfigForTests();
});

it('answers readyz 503 naming the database while it does not answer, and livez 200 all the same', async () => {
  const response = await call(readyz, 'GET', '/api/v1/readyz');
  expect(response.status).toBe(503);
  expect(response.body.status).toBe('not_ready');
  expect(response.body.reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^database: /)]));
  expect((await call(livez, 'GET', '/api/v1/livez')).status).toBe(200);
});
