import { expect, it } from 'vitest';
import { getConnection } from '@/db';
import { GET as health } from '@/app/api/v1/health/route';
import { GET as readyz } from '@/app/api/v1/readyz/route';
import { beginShutdown } from '@/lib/runtime/shutdown';
import { call } from '@/lib/testing/http';

// A file of its own: the shutdown flag is the process's, and no other test may see it set.
it('answers 503 "stopping" once the process is shutting down, with the database still up', async () => {
  await getConnection();
  expect((await call(health, 'GET', '/api/v1/health')).status).toBe(200);
  beginShutdown();
  const response = await call(health, 'GET', '/api/v1/health');
  expect(response.status).toBe(503);
  expect(response.body).toMatchObject({ status: 'stopping', database: { status: 'up' } });
});

it('answers readyz 503 while draining, naming the reason', async () => {
  beginShutdown();
  const response = await call(readyz, 'GET', '/api/v1/readyz');
  expect(response.status).toBe(503);
  expect(response.body).toEqual({ status: 'not_ready', reasons: ['stopping: the process is draining'] });
});
