import { describe, expect, it } from 'vitest';
import { POST as rollback } from '@/app/api/v1/models/rollback/route';
import { POST as promote } from '@/app/api/v1/models/versions/[id]/promote/route';
import { getConnection } from '@/db';
import { listAudit } from '@/lib/auth/audit';
import { registerVersion } from '@/lib/models/registry';
import { call } from '@/lib/testing/http';
import { loadableBundle, withCorruptRanker } from '@/lib/testing/serving-fixture';

async function candidate(bytes?: Uint8Array) {
  return registerVersion(await getConnection(), { bytes: bytes ?? (await loadableBundle()), params: {}, metrics: {}, counts: {}, dataFrom: null, dataTo: null, trainingRunId: null }, null);
}

async function auditOf(targetType: string) {
  const { entries } = await listAudit(await getConnection(), { target_type: targetType, limit: 50, offset: 0 });
  return entries.map(({ action, targetId, details }) => ({ action, targetId, details }));
}

describe('model changes are audited', () => {
  it('records promote and rollback with the version they replaced, and a version refused for failing to load', async () => {
    const first = await candidate();
    const second = await candidate();
    const broken = await candidate(withCorruptRanker(await loadableBundle()));
    const at = (id: number) => ({ params: { id: String(id) } });
    await call(promote, 'POST', `/api/v1/models/versions/${first.id}/promote`, at(first.id));
    await call(promote, 'POST', `/api/v1/models/versions/${second.id}/promote`, at(second.id));
    // Promoting the active version again is a no-op and leaves no entry.
    await call(promote, 'POST', `/api/v1/models/versions/${second.id}/promote`, at(second.id));
    expect((await call(rollback, 'POST', '/api/v1/models/rollback')).status).toBe(200);
    expect((await call(promote, 'POST', '/api/v1/models/versions/999999/promote', at(999999))).status).toBe(404);
    expect((await call(promote, 'POST', `/api/v1/models/versions/${broken.id}/promote`, at(broken.id))).status).toBe(409);

    expect(await auditOf('model_version')).toEqual([
      { action: 'model.fail', targetId: String(broken.id), details: { reason: expect.stringMatching(/cannot load the ranker ONNX model/) } },
      { action: 'model.rollback', targetId: String(first.id), details: { from_version: second.id } },
      { action: 'model.promote', targetId: String(second.id), details: { from_version: first.id } },
      { action: 'model.promote', targetId: String(first.id), details: { from_version: null } },
    ]);
  });
});
