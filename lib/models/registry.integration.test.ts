import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { getConnection } from '@/db';
import { modelArtifacts } from '@/db/schema';
import { packBundle } from './bundle/container';
import { activeVersion, getVersion, promoteVersion, readVerifiedArtifact, registerVersion, RegistryError, rollbackVersion } from './registry';

const bundle = (marker: number) => packBundle({ meta: { marker }, sections: { weights: Float32Array.from([marker, marker + 1]) } });
const version = (marker: number) => ({ bytes: bundle(marker), params: { marker }, metrics: { ndcg: marker / 10 }, counts: { events: marker }, dataFrom: null, dataTo: null, trainingRunId: null });

const modelDir = mkdtempSync(path.join(tmpdir(), 'tailor-registry-'));
afterAll(() => rmSync(modelDir, { recursive: true, force: true }));

describe('model registry', () => {
  it('promotes a candidate and archives the previous active version', async () => {
    const conn = await getConnection();
    const first = await registerVersion(conn, version(1), null);
    expect(first.status).toBe('candidate');
    await promoteVersion(conn, first.id);
    const second = await registerVersion(conn, version(2), null);
    await promoteVersion(conn, second.id);
    expect((await activeVersion(conn))?.id).toBe(second.id);
    expect((await getVersion(conn, first.id))?.status).toBe('archived');
  });

  it('rolls back to the version active before the current one', async () => {
    const conn = await getConnection();
    const before = await activeVersion(conn);
    const next = await registerVersion(conn, version(3), null);
    await promoteVersion(conn, next.id);
    const restored = await rollbackVersion(conn);
    expect(restored.id).toBe(before?.id);
    expect((await activeVersion(conn))?.id).toBe(before?.id);
    expect((await getVersion(conn, next.id))?.status).toBe('archived');
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

  it('answers clearly for unknown versions and an empty history', async () => {
    const conn = await getConnection();
    await expect(promoteVersion(conn, 999_999)).rejects.toThrow(/does not exist/);
  });
});
