import { describe, expect, it } from 'vitest';
import { POST as rollback } from '@/app/api/v1/models/rollback/route';
import { GET as getRun } from '@/app/api/v1/models/runs/[id]/route';
import { POST as train } from '@/app/api/v1/models/train/route';
import { POST as promote } from '@/app/api/v1/models/versions/[id]/promote/route';
import { GET as listVersions } from '@/app/api/v1/models/versions/route';
import { getConnection } from '@/db';
import { getConfig } from '@/lib/config';
import { registerVersion } from '@/lib/models/registry';
import { call } from '@/lib/testing/http';
import { loadableBundle, withCorruptRanker } from '@/lib/testing/serving-fixture';

const at = (id: string) => ({ params: { id } });

async function candidate(marker: number) {
  return registerVersion(await getConnection(), { bytes: await loadableBundle(), params: {}, metrics: { holdout_ndcg: marker }, counts: {}, dataFrom: null, dataTo: null, trainingRunId: null }, null);
}

describe('models API', () => {
  it('promotes a version, rolls back, and answers 409 when there is nothing earlier', async () => {
    const first = await candidate(1);
    const second = await candidate(2);
    expect((await call(promote, 'POST', `/api/v1/models/versions/${first.id}/promote`, at(String(first.id)))).body.status).toBe('active');
    expect((await call(promote, 'POST', `/api/v1/models/versions/${second.id}/promote`, at(String(second.id)))).body.status).toBe('active');
    const back = await call(rollback, 'POST', '/api/v1/models/rollback');
    expect(back.body).toMatchObject({ id: first.id, status: 'active' });
    const versions = await call(listVersions, 'GET', '/api/v1/models/versions');
    expect(versions.body.versions.map((version: { id: number; status: string }) => [version.id, version.status])).toEqual([
      [second.id, 'archived'],
      [first.id, 'active'],
    ]);
    const again = await call(rollback, 'POST', '/api/v1/models/rollback');
    expect(again.body.id).toBe(second.id);
  });

  it('answers 409 naming why when a version cannot be loaded, marks it failed and keeps the active one', async () => {
    const active = (await call(listVersions, 'GET', '/api/v1/models/versions')).body.versions.find((version: { status: string }) => version.status === 'active');
    const bytes = withCorruptRanker(await loadableBundle());
    const broken = await registerVersion(await getConnection(), { bytes, params: {}, metrics: {}, counts: {}, dataFrom: null, dataTo: null, trainingRunId: null }, null);
    const refused = await call(promote, 'POST', `/api/v1/models/versions/${broken.id}/promote`, at(String(broken.id)));
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(new RegExp(`^model version ${broken.id} cannot be loaded: cannot load the ranker ONNX model`));
    const versions = (await call(listVersions, 'GET', '/api/v1/models/versions')).body.versions;
    expect(versions.find((version: { id: number }) => version.id === broken.id).status).toBe('failed');
    expect(versions.find((version: { status: string }) => version.status === 'active').id).toBe(active.id);
    const again = await call(promote, 'POST', `/api/v1/models/versions/${broken.id}/promote`, at(String(broken.id)));
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/failed verification/);
  });

  it('answers 404 for unknown versions and runs, 400 for malformed ids', async () => {
    expect((await call(promote, 'POST', '/api/v1/models/versions/999999/promote', at('999999'))).status).toBe(404);
    expect((await call(getRun, 'GET', '/api/v1/models/runs/424242', at('424242'))).status).toBe(404);
    const malformed = await call(getRun, 'GET', '/api/v1/models/runs/abc', at('abc'));
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.fields[0].field).toBe('id');
  });

  it('queues one training run at a time, or says why it cannot train here', async () => {
    const response = await call(train, 'POST', '/api/v1/models/train');
    if (getConfig().redis) {
      // With Redis the run waits in BullMQ for `npm run worker`; a second request joins it.
      expect(response.status).toBe(202);
      expect(response.headers.get('location')).toBe(`/api/v1/models/runs/${response.body.id}`);
      expect((await call(train, 'POST', '/api/v1/models/train')).body.id).toBe(response.body.id);
      expect((await call(getRun, 'GET', `/api/v1/models/runs/${response.body.id}`, at(String(response.body.id)))).body.status).toBe('queued');
    } else {
      // Embedded, only the server process started by `npm start` trains; this test process is not it.
      expect(response.status).toBe(503);
      const [row] = await (await getConnection()).query<{ n: number }>('select count(*)::int as n from training_runs');
      expect(row?.n).toBe(0);
    }
  });
});
