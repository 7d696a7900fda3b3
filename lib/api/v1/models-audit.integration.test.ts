import { describe, expect, it } from 'vitest';
import { POST as rollback } from '@/app/api/v1/models/rollback/route';
import { POST as promote } from '@/app/api/v1/models/versions/[id]/promote/route';
import { getConnection } from '@/db';
import { listAudit } from '@/lib/auth/audit';
import { packBundle } from '@/lib/models/bundle/container';
import { registerVersion } from '@/lib/models/registry';
import { call } from '@/lib/testing/http';

async function candidate(marker: number) {
  const bytes = packBundle({ meta: { marker }, sections: { weights: Float32Array.from([marker]) } });
  return registerVersion(await getConnection(), { bytes, params: {}, metrics: {}, counts: {}, dataFrom: null, dataTo: null, trainingRunId: null }, null);
}

async function auditOf(targetType: string) {
  const { entries } = await listAudit(await getConnection(), { target_type: targetType, limit: 50, offset: 0 });
  return entries.map(({ action, targetId, details }) => ({ action, targetId, details }));
}

describe('model changes are audited', () => {
  it('records promote and rollback with the version they replaced, and not a refused one', async () => {
    const first = await candidate(1);
    const second = await candidate(2);
    const at = (id: number) => ({ params: { id: String(id) } });
    await call(promote, 'POST', `/api/v1/models/versions/${first.id}/promote`, at(first.id));
    await call(promote, 'POST', `/api/v1/models/versions/${second.id}/promote`, at(second.id));
    // Promoting the active version again is a no-op and leaves no entry.
    await call(promote, 'POST', `/api/v1/models/versions/${second.id}/promote`, at(second.id));
    expect((await call(rollback, 'POST', '/api/v1/models/rollback')).status).toBe(200);
    expect((await call(promote, 'POST', '/api/v1/models/versions/999999/promote', at(999999))).status).toBe(404);

    expect(await auditOf('model_version')).toEqual([
      { action: 'model.rollback', targetId: String(first.id), details: { from_version: second.id } },
      { action: 'model.promote', targetId: String(second.id), details: { from_version: first.id } },
      { action: 'model.promote', targetId: String(first.id), details: { from_version: null } },
    ]);
  });
});
