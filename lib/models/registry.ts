import 'server-only';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { and, asc, desc, eq, isNotNull, lt, ne } from 'drizzle-orm';
import type { DatabaseConnection } from '@/db/client';
import { modelArtifacts, modelVersions, type ModelVersionRow } from '@/db/schema';
import { publishChange } from '@/lib/runtime/changes';
import { bundleChecksum, unpackBundle } from './bundle/container';

export interface NewModelVersion {
  bytes: Uint8Array;
  params: Record<string, unknown>;
  metrics: Record<string, unknown>;
  counts: Record<string, number>;
  dataFrom: Date | null;
  dataTo: Date | null;
  trainingRunId: number | null;
}

export class RegistryError extends Error {
  constructor(
    message: string,
    readonly code: 'not_found' | 'corrupt' | 'conflict',
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

/** Stores the artifact first, then the row that points at it: a version never names missing bytes. */
export async function registerVersion(conn: DatabaseConnection, version: NewModelVersion, modelDir: string | null, partBytes = ARTIFACT_PART_BYTES): Promise<ModelVersionRow> {
  const checksum = bundleChecksum(version.bytes);
  const location = modelDir ? await writeArtifactFile(modelDir, checksum, version.bytes) : 'db';
  return conn.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(modelVersions)
      .values({
        params: version.params,
        metrics: version.metrics,
        counts: version.counts,
        dataFrom: version.dataFrom,
        dataTo: version.dataTo,
        artifactLocation: location,
        checksum,
        sizeBytes: version.bytes.byteLength,
        trainingRunId: version.trainingRunId,
      })
      .returning();
    if (!row) throw new Error('inserting a model version returned no row');
    if (location === 'db') {
      // One part at a time: a statement carries at most one part's bytes.
      const parts = Math.max(1, Math.ceil(version.bytes.byteLength / partBytes));
      for (let part = 0; part < parts; part++) {
        await tx.insert(modelArtifacts).values({ versionId: row.id, part, bytes: version.bytes.subarray(part * partBytes, (part + 1) * partBytes) });
      }
    }
    return row;
  });
}

/** Bundles of large catalogues run to hundreds of megabytes: stored in the database, they go in parts of this size. */
export const ARTIFACT_PART_BYTES = 64 * 1024 * 1024;

async function writeArtifactFile(modelDir: string, checksum: string, bytes: Uint8Array): Promise<string> {
  await mkdir(modelDir, { recursive: true });
  const file = path.resolve(modelDir, `bundle-${checksum}.tlrb`);
  await writeFile(file, bytes);
  return file;
}

/** The artifact, verified against its checksum and readable as a bundle. */
export async function readVerifiedArtifact(conn: DatabaseConnection, version: ModelVersionRow): Promise<Uint8Array> {
  const bytes = await readArtifact(conn, version);
  if (bundleChecksum(bytes) !== version.checksum) throw new RegistryError(`model version ${version.id}: artifact checksum does not match`, 'corrupt');
  try {
    unpackBundle(bytes);
  } catch (error) {
    throw new RegistryError(`model version ${version.id}: ${(error as Error).message}`, 'corrupt');
  }
  return bytes;
}

async function readArtifact(conn: DatabaseConnection, version: ModelVersionRow): Promise<Uint8Array> {
  if (version.artifactLocation !== 'db') {
    return new Uint8Array(await readFile(version.artifactLocation).catch(() => {
      throw new RegistryError(`model version ${version.id}: artifact file ${version.artifactLocation} is missing`, 'corrupt');
    }));
  }
  const parts = await conn.db.select({ bytes: modelArtifacts.bytes }).from(modelArtifacts).where(eq(modelArtifacts.versionId, version.id)).orderBy(asc(modelArtifacts.part));
  if (parts.length === 0) throw new RegistryError(`model version ${version.id}: artifact is missing`, 'corrupt');
  return parts.length === 1 ? new Uint8Array(parts[0]!.bytes) : new Uint8Array(Buffer.concat(parts.map((part) => part.bytes)));
}

export async function getVersion(conn: DatabaseConnection, id: number): Promise<ModelVersionRow | null> {
  const [row] = await conn.db.select().from(modelVersions).where(eq(modelVersions.id, id));
  return row ?? null;
}

export async function activeVersion(conn: DatabaseConnection): Promise<ModelVersionRow | null> {
  const [row] = await conn.db.select().from(modelVersions).where(eq(modelVersions.status, 'active'));
  return row ?? null;
}

export function listVersions(conn: DatabaseConnection, limit = 50): Promise<ModelVersionRow[]> {
  return conn.db.select().from(modelVersions).orderBy(desc(modelVersions.id)).limit(limit);
}

/**
 * Makes a version the active one. Its artifact is verified first; a corrupt one is marked
 * failed and the active version stays as it was.
 */
export async function promoteVersion(conn: DatabaseConnection, id: number): Promise<ModelVersionRow> {
  const version = await getVersion(conn, id);
  if (!version) throw new RegistryError(`model version ${id} does not exist`, 'not_found');
  if (version.status === 'active') return version;
  if (version.status === 'failed') throw new RegistryError(`model version ${id} failed verification and cannot be promoted`, 'conflict');
  try {
    await readVerifiedArtifact(conn, version);
  } catch (error) {
    if (error instanceof RegistryError && error.code === 'corrupt') {
      await conn.db.update(modelVersions).set({ status: 'failed' }).where(eq(modelVersions.id, id));
    }
    throw error;
  }
  const promoted = await conn.db.transaction(async (tx) => {
    const now = new Date();
    await tx.update(modelVersions).set({ status: 'archived', archivedAt: now }).where(eq(modelVersions.status, 'active'));
    const [row] = await tx.update(modelVersions).set({ status: 'active', promotedAt: now, archivedAt: null }).where(eq(modelVersions.id, id)).returning();
    return row!;
  });
  // Every web process starts loading it now rather than at its next registry check.
  publishChange('model');
  return promoted;
}

/** Goes back to the version that was active before the current one. */
export async function rollbackVersion(conn: DatabaseConnection): Promise<ModelVersionRow> {
  const current = await activeVersion(conn);
  if (!current) throw new RegistryError('no model version is active, so there is nothing to roll back', 'conflict');
  const [previous] = await conn.db
    .select()
    .from(modelVersions)
    .where(and(eq(modelVersions.status, 'archived'), isNotNull(modelVersions.promotedAt), ne(modelVersions.id, current.id), lt(modelVersions.promotedAt, current.promotedAt ?? new Date())))
    .orderBy(desc(modelVersions.promotedAt))
    .limit(1);
  if (!previous) throw new RegistryError('no earlier active version to roll back to', 'conflict');
  return promoteVersion(conn, previous.id);
}
