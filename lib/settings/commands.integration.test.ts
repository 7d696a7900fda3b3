import { describe, expect, it } from 'vitest';
import { getConnection } from '@/db';
import { inTransaction } from '@/db/client';
import { listAudit, recordAudit } from '@/lib/auth/audit';
import type { Principal } from '@/lib/auth/principal';
import { updateSetting } from './commands';
import { cacheTtlsSetting } from './serving';
import { readSetting, writeSetting } from './store';

const admin: Principal = { kind: 'user', id: 1, email: 'admin@example.com', name: 'Admin', role: 'admin' };
const auditOfCacheTtls = async () => (await listAudit(await getConnection(), { target_type: 'setting', target_id: cacheTtlsSetting.key, limit: 50, offset: 0 })).entries;

describe('setting commands', () => {
  it('write the value and one audit entry naming only the fields that changed', async () => {
    const conn = await getConnection();
    const after = await updateSetting(conn, admin, cacheTtlsSetting, (before) => ({ ...before, response_seconds: 5 }));
    expect(after).toEqual({ ...cacheTtlsSetting.defaultValue, response_seconds: 5 });
    expect(await readSetting(conn, cacheTtlsSetting)).toEqual(after);
    const [entry] = await auditOfCacheTtls();
    expect(entry).toMatchObject({ actor: 'user:admin@example.com', action: 'setting.update', details: { before: { response_seconds: 60 }, after: { response_seconds: 5 } } });
  });

  it('commit a write with its audit entry or neither (inTransaction)', async () => {
    const conn = await getConnection();
    const stored = await readSetting(conn, cacheTtlsSetting);
    const entries = (await auditOfCacheTtls()).length;
    await expect(
      inTransaction(conn, async (tx) => {
        await writeSetting(tx, cacheTtlsSetting, { ...stored, list_seconds: 120 });
        await recordAudit(tx, admin, { action: 'setting.update', targetType: 'setting', targetId: cacheTtlsSetting.key });
        throw new Error('fails after the write');
      }),
    ).rejects.toThrow('fails after the write');
    expect(await readSetting(conn, cacheTtlsSetting)).toEqual(stored);
    expect(await auditOfCacheTtls()).toHaveLength(entries);
    await expect(inTransaction(conn, (tx) => tx.query('select 1'))).rejects.toThrow(/cannot join a transaction/);
  });
});
