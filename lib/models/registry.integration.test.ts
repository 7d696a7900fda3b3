import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConnection } from '@/db';
import { modelArtifacts, modelVersions } from '@/db/schema';
import { listAudit } from '@/lib/auth/audit';
import { loadableBundle, withCorruptRanker } from '@/lib/testing/serving-fixture';
import { bundleChecksum, packBundle } from './bundle/container';
import {
  activeVersion,
  DELETED_ARTIFACT,
  getVersion,
  lastTrainedEventId,
  promoteVersion,
  pruneCandidateArtifacts,
  readVerifiedArtifact,
  registerVersion,
  RegistryError,
  rollbackVersion,
} from './registry';

/** Containers that are not recommenders: enough for storage, never loadable. */
const bundle = (marker: number) => packBundle({ meta: { marker }, sections: { weights: Float32Array.from([marker, marker + 1]) } });
const version = (marker: number, bytes = bundle(marker)) => ({ bytes, params: { marker }, metrics: { ndcg: marker / 10 }, counts: { events: marker }, dataFrom: null, dataTo: null, trainingRunId: null });

let loadable: Uint8Array;
const modelDir = mkdtempSync(path.join(tmpdir(), 'tailor-registry-'));
beforeAll(async () => {
  loadable = await loadableBundle();
}, 120_000);
afterAll(() => rmSync(modelDir, { recursive: true, force: true }));

async function promotedLoadable(marker: number): Promise<number> {
  const conn = await getConnection();
  const row = await registerVersion(conn, version(marker, loadable), null);
  await promoteVersion(conn, row.id);
  return row.id;
}

/** As if a bad bundle had been promoted before promotion loaded versions: its bytes and checksum replaced in place. */
async function breakArtifact(id: number): Promise<void> {
  const conn = await getConnection();
  const broken = withCorruptRanker(loadable);
  await conn.db.update(modelArtifacts).set({ bytes: broken }).where(eq(modelArtifacts.versionId, id));
  await conn.db.update(modelVersions).set({ checksum: bundleChecksum(broken), sizeBytes: broken.byteLength }).where(eq(modelVersions.id, id));
}

describe('model registry', () => {
  it('promotes a candidate and archives the previous active version', async () => {
    const conn = await getConnection();
    const first = await registerVersion(conn, version(1, loadable), null);
    expect(first.status).toBe('candidate');
    await promoteVersion(conn, first.id);
    const second = await promotedLoadable(2);
    expect((await activeVersion(conn))?.id).toBe(second);
    expect((await getVersion(conn, first.id))?.status).toBe('archived');
  });

  it('rolls back to the version active before the current one', async () => {
    const conn = await getConnection();
    const before = await activeVersion(conn);
    const next = await promotedLoadable(3);
    const restored = await rollbackVersion(conn);
    expect(restored.id).toBe(before?.id);
    expect((await activeVersion(conn))?.id).toBe(before?.id);
    expect((await getVersion(conn, next))?.status).toBe('archived');
  });

  it('never lets a corrupt artifact replace the active version', async () => {
    const conn = await getConnection();
    const active = await activeVersion(conn);
    const damaged = await registerVersion(conn, version(4), null);
    const flipped = bundle(4);
    flipped[flipped.length - 1]! ^= 0xff;
    await conn.db.update(modelArtifacts).set({ bytes: flipped }).where(eq(modelArtifacts.versionId, damaged.id));
    await expect(promoteVersion(conn, damaged.id)).rejects.toThrow(/checksum/);
    expect((await getVersion(conn, damaged.id))?.status).toBe('failed');
    expect((await activeVersion(conn))?.id).toBe(active?.id);
    await expect(promoteVersion(conn, damaged.id)).rejects.toBeInstanceOf(RegistryError);
  });

  it('refuses a bundle whose checksum holds but whose ONNX ranker cannot be loaded, and marks it failed', async () => {
    const conn = await getConnection();
    const active = await activeVersion(conn);
    const broken = await registerVersion(conn, version(8, withCorruptRanker(loadable)), null);
    expect(Buffer.from(await readVerifiedArtifact(conn, broken)).length).toBe(loadable.length);
    const refusal = await promoteVersion(conn, broken.id).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(RegistryError);
    expect(refusal).toMatchObject({ code: 'corrupt', message: expect.stringMatching(/cannot be loaded: cannot load the ranker ONNX model/) });
    expect((await getVersion(conn, broken.id))?.status).toBe('failed');
    expect((await activeVersion(conn))?.id).toBe(active?.id);
    const { entries } = await listAudit(conn, { target_type: 'model_version', target_id: String(broken.id), limit: 10, offset: 0 });
    expect(entries.map((entry) => [entry.action, entry.actor])).toEqual([['model.fail', 'system']]);
  });

  it('verifies the active version when it is promoted again, and marks it failed when it cannot be loaded', async () => {
    const conn = await getConnection();
    const before = await activeVersion(conn);
    const active = await promotedLoadable(9);
    await expect(promoteVersion(conn, active)).resolves.toMatchObject({ id: active, status: 'active' });
    await breakArtifact(active);
    await expect(promoteVersion(conn, active)).rejects.toThrow(/cannot be loaded/);
    expect((await getVersion(conn, active))?.status).toBe('failed');
    expect(await activeVersion(conn)).toBeNull();
    // With no version active, rollback goes back from the one that failed.
    expect((await rollbackVersion(conn)).id).toBe(before?.id);
  });

  it('rolls back past versions that cannot be loaded, marking them failed', async () => {
    const conn = await getConnection();
    const good = await promotedLoadable(10);
    const bad = await promotedLoadable(11);
    const current = await promotedLoadable(12);
    await breakArtifact(bad);
    const restored = await rollbackVersion(conn);
    expect(restored.id).toBe(good);
    expect((await getVersion(conn, bad))?.status).toBe('failed');
    expect((await getVersion(conn, current))?.status).toBe('archived');
    // The failed version is never a target again: going back from `good` passes over it.
    await promoteVersion(conn, current);
    expect((await rollbackVersion(conn)).id).toBe(good);
  });

  it('stores a large artifact in the database in parts and reads it back whole', async () => {
    const conn = await getConnection();
    const large = packBundle({ meta: { marker: 7 }, sections: { weights: Float32Array.from({ length: 1_000 }, (_, i) => i) } });
    const stored = await registerVersion(conn, { ...version(7), bytes: large }, null, 1_000);
    const parts = await conn.db.select({ part: modelArtifacts.part }).from(modelArtifacts).where(eq(modelArtifacts.versionId, stored.id));
    expect(parts.length).toBe(Math.ceil(large.byteLength / 1_000));
    expect(Buffer.from(await readVerifiedArtifact(conn, stored)).equals(Buffer.from(large))).toBe(true);
  });

  it('keeps artifacts in a directory when configured, and notices a tampered file', async () => {
    const conn = await getConnection();
    const stored = await registerVersion(conn, version(5), modelDir);
    expect(stored.artifactLocation.startsWith(modelDir)).toBe(true);
    expect([...(await readVerifiedArtifact(conn, stored))]).toEqual([...bundle(5)]);
    writeFileSync(stored.artifactLocation, Buffer.from('not a bundle'));
    await expect(promoteVersion(conn, stored.id)).rejects.toThrow(/checksum/);
  });

  it('keeps the artifacts of the newest candidates only, and the rows of all', async () => {
    const conn = await getConnection();
    const active = await promotedLoadable(20);
    const inDatabase = await registerVersion(conn, version(21), null);
    const inDirectory = await registerVersion(conn, version(22), modelDir);
    const newest = [await registerVersion(conn, version(23), null), await registerVersion(conn, version(24), modelDir)];
    const pruned = await pruneCandidateArtifacts(conn, 2);
    expect(pruned).toEqual(expect.arrayContaining([inDatabase.id, inDirectory.id]));
    expect(pruned).not.toEqual(expect.arrayContaining(newest.map((row) => row.id)));
    expect((await getVersion(conn, inDatabase.id))).toMatchObject({ status: 'candidate', artifactLocation: DELETED_ARTIFACT, metrics: { ndcg: 2.1 } });
    expect(await conn.db.select().from(modelArtifacts).where(eq(modelArtifacts.versionId, inDatabase.id))).toEqual([]);
    expect(existsSync(inDirectory.artifactLocation)).toBe(false);
    for (const kept of newest) expect((await getVersion(conn, kept.id))?.artifactLocation).not.toBe(DELETED_ARTIFACT);
    expect((await getVersion(conn, active))?.artifactLocation).toBe('db');
    // Nothing to fall back on: a pruned candidate cannot be promoted, and says why.
    await expect(promoteVersion(conn, inDatabase.id)).rejects.toThrow(/artifact was deleted/);
    expect((await getVersion(conn, inDatabase.id))?.status).toBe('candidate');
    expect(await pruneCandidateArtifacts(conn, 2)).toEqual([]);
  });

  it('knows the newest event any version was trained on, promoted or not', async () => {
    const conn = await getConnection();
    await registerVersion(conn, { ...version(30), counts: { last_event_id: 4_000_000_000 } }, null);
    await registerVersion(conn, { ...version(31), counts: { last_event_id: 17 } }, null);
    expect(await lastTrainedEventId(conn)).toBe(4_000_000_000);
  });

  it('answers clearly for unknown versions and an empty history', async () => {
    const conn = await getConnection();
    await expect(promoteVersion(conn, 999_999)).rejects.toThrow(/does not exist/);
  });
});
