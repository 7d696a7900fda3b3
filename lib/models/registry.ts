import 'server-only';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { and, asc, desc, eq, inArray, isNotNull, lt, ne, sql } from 'drizzle-orm';
import type { DatabaseConnection } from '@/db/client';
import { modelArtifacts, modelVersions, type ModelVersionRow } from '@/db/schema';
import { recordAudit } from '@/lib/auth/audit';
import type { Principal } from '@/lib/auth/principal';
import { publishChange } from '@/lib/runtime/changes';
import { log } from '@/lib/runtime/log';
import { loadServingModel, type ServingModel } from '@/lib/serving/model';
import { bundleChecksum } from './bundle/container';
import { scrubBundle } from './scrub';

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
      await insertArtifactParts(tx, row.id, version.bytes, partBytes);
    }
    return row;
  });
}

type Transaction = Parameters<Parameters<DatabaseConnection['db']['transaction']>[0]>[0];

/** One part at a time: a statement carries at most one part's bytes. */
async function insertArtifactParts(tx: Transaction, versionId: number, bytes: Uint8Array, partBytes: number): Promise<void> {
  const parts = Math.max(1, Math.ceil(bytes.byteLength / partBytes));
  for (let part = 0; part < parts; part++) {
    await tx.insert(modelArtifacts).values({ versionId, part, bytes: bytes.subarray(part * partBytes, (part + 1) * partBytes) });
  }
}

/** Bundles of large catalogues run to hundreds of megabytes: stored in the database, they go in parts of this size. */
export const ARTIFACT_PART_BYTES = 64 * 1024 * 1024;

/** Written beside and renamed into place: a reader never sees half a file, even when another version already names it. */
async function writeArtifactFile(modelDir: string, checksum: string, bytes: Uint8Array): Promise<string> {
  await mkdir(modelDir, { recursive: true });
  const file = path.resolve(modelDir, `bundle-${checksum}.tlrb`);
  const partial = `${file}.${process.pid}-${randomUUID()}.partial`;
  await writeFile(partial, bytes);
  await rename(partial, file);
  return file;
}

/** The artifact, verified against its checksum. */
export async function readVerifiedArtifact(conn: DatabaseConnection, version: ModelVersionRow): Promise<Uint8Array> {
  try {
    return await readArtifactMatching(conn, version);
  } catch (error) {
    // A scrub may have rewritten the artifact since `version` was read: the row as it is now names the new bytes.
    const current = error instanceof RegistryError && error.code === 'corrupt' ? await getVersion(conn, version.id) : null;
    if (!current || (current.checksum === version.checksum && current.artifactLocation === version.artifactLocation)) throw error;
    return readArtifactMatching(conn, current);
  }
}

async function readArtifactMatching(conn: DatabaseConnection, version: ModelVersionRow): Promise<Uint8Array> {
  const bytes = await readArtifact(conn, version);
  if (bundleChecksum(bytes) !== version.checksum) throw new RegistryError(`model version ${version.id}: artifact checksum does not match`, 'corrupt');
  return bytes;
}

/**
 * The version loaded as serving loads it: ONNX session, ANN indexes and all. A checksum only
 * proves the bytes are the ones stored; a bundle whose sections cannot be loaded is as corrupt.
 * Failures to read (the database down) stay what they are: they say nothing about the version.
 */
export async function loadVersion(conn: DatabaseConnection, version: ModelVersionRow): Promise<ServingModel> {
  const bytes = await readVerifiedArtifact(conn, version);
  try {
    return await loadServingModel(version.id, bytes);
  } catch (error) {
    throw new RegistryError(`model version ${version.id} cannot be loaded: ${(error as Error).message}`, 'corrupt');
  }
}

/** Marks a version that cannot be loaded as failed, for good: nothing promotes, rolls back to or falls back to it. */
export async function markVersionFailed(conn: DatabaseConnection, id: number, reason: string, by: Principal | 'system'): Promise<void> {
  await conn.db.update(modelVersions).set({ status: 'failed' }).where(eq(modelVersions.id, id));
  await recordAudit(conn, by, { action: 'model.fail', targetType: 'model_version', targetId: id, details: { reason } });
}

/** Where a pruned candidate's artifact was: its row stays, for the history of metrics. */
export const DELETED_ARTIFACT = 'deleted';

async function readArtifact(conn: DatabaseConnection, version: ModelVersionRow): Promise<Uint8Array> {
  if (version.artifactLocation === DELETED_ARTIFACT) throw new RegistryError(`model version ${version.id}: its artifact was deleted (only the newest candidates keep theirs)`, 'conflict');
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
 * Makes a version the active one, the active one included: it is loaded whole first, as serving
 * would load it. A version that cannot be loaded is marked failed and the active version stays
 * as it was (or, when it was the one that failed, no version is active and serving falls back).
 */
export async function promoteVersion(conn: DatabaseConnection, id: number, by: Principal | 'system' = 'system'): Promise<ModelVersionRow> {
  const version = await getVersion(conn, id);
  if (!version) throw new RegistryError(`model version ${id} does not exist`, 'not_found');
  if (version.status === 'failed') throw new RegistryError(`model version ${id} failed verification and cannot be promoted`, 'conflict');
  await verifyVersion(conn, version, by);
  if (version.status === 'active') return version;
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

async function verifyVersion(conn: DatabaseConnection, version: ModelVersionRow, by: Principal | 'system'): Promise<void> {
  try {
    const model = await loadVersion(conn, version);
    await model.release();
  } catch (error) {
    if (error instanceof RegistryError && error.code === 'corrupt') {
      await markVersionFailed(conn, version.id, error.message, by);
      if (version.status === 'active') publishChange('model');
    }
    throw error;
  }
}

/**
 * Goes back to the loadable version promoted most recently before the current one (or before
 * the last promoted one, when that has since failed). Versions that fail to load on the way are
 * marked failed and passed over.
 */
export async function rollbackVersion(conn: DatabaseConnection, by: Principal | 'system' = 'system'): Promise<ModelVersionRow> {
  const current = (await activeVersion(conn)) ?? (await lastPromotedVersion(conn));
  if (!current) throw new RegistryError('no model version is active, so there is nothing to roll back', 'conflict');
  const earlier = await conn.db
    .select()
    .from(modelVersions)
    .where(
      and(
        eq(modelVersions.status, 'archived'),
        isNotNull(modelVersions.promotedAt),
        ne(modelVersions.id, current.id),
        ne(modelVersions.artifactLocation, DELETED_ARTIFACT),
        lt(modelVersions.promotedAt, current.promotedAt ?? new Date()),
      ),
    )
    .orderBy(desc(modelVersions.promotedAt));
  for (const previous of earlier) {
    try {
      return await promoteVersion(conn, previous.id, by);
    } catch (error) {
      if (!(error instanceof RegistryError && error.code === 'corrupt')) throw error;
    }
  }
  throw new RegistryError('no earlier active version that can be loaded to roll back to', 'conflict');
}

async function lastPromotedVersion(conn: DatabaseConnection): Promise<ModelVersionRow | null> {
  const [row] = await conn.db.select().from(modelVersions).where(isNotNull(modelVersions.promotedAt)).orderBy(desc(modelVersions.promotedAt)).limit(1);
  return row ?? null;
}

/**
 * Versions serving may fall back to, best first: those once active (most recently promoted
 * first), then candidates (newest first). Failed versions and deleted artifacts are left out.
 */
export function fallbackVersions(conn: DatabaseConnection, except: number | null): Promise<ModelVersionRow[]> {
  return conn.db
    .select()
    .from(modelVersions)
    .where(and(inArray(modelVersions.status, ['archived', 'candidate']), ne(modelVersions.artifactLocation, DELETED_ARTIFACT), ne(modelVersions.id, except ?? -1)))
    .orderBy(sql`${modelVersions.promotedAt} desc nulls last`, desc(modelVersions.id));
}

/** Whether any version was ever active: before the first promotion, serving has nothing to fall back from. */
export async function anyVersionPromoted(conn: DatabaseConnection): Promise<boolean> {
  const [row] = await conn.db.select({ id: modelVersions.id }).from(modelVersions).where(isNotNull(modelVersions.promotedAt)).limit(1);
  return row !== undefined;
}

/** The newest event any training run has learned from, promoted or kept as a candidate. */
export async function lastTrainedEventId(conn: DatabaseConnection): Promise<number> {
  const [row] = await conn.db.select({ id: sql<string | null>`max((${modelVersions.counts}->>'last_event_id')::bigint)` }).from(modelVersions);
  return Number(row?.id ?? 0);
}

/**
 * Deletes the artifacts of all but the newest `keep` candidates. Their rows stay (metrics,
 * counts and what they were trained on), with the artifact marked deleted. Active and archived
 * versions (the rollback history) keep theirs.
 */
export async function pruneCandidateArtifacts(conn: DatabaseConnection, keep: number): Promise<number[]> {
  const stale = await conn.db
    .select()
    .from(modelVersions)
    .where(and(eq(modelVersions.status, 'candidate'), ne(modelVersions.artifactLocation, DELETED_ARTIFACT)))
    .orderBy(desc(modelVersions.id))
    .offset(keep);
  for (const version of stale) {
    await conn.db.transaction(async (tx) => {
      await tx.delete(modelArtifacts).where(eq(modelArtifacts.versionId, version.id));
      await tx.update(modelVersions).set({ artifactLocation: DELETED_ARTIFACT }).where(eq(modelVersions.id, version.id));
    });
    if (version.artifactLocation !== 'db') await removeUnusedArtifactFile(conn, version.artifactLocation);
  }
  return stale.map((version) => version.id);
}

/** Files are named by checksum, so two versions of identical bytes share one. */
async function removeUnusedArtifactFile(conn: DatabaseConnection, file: string): Promise<void> {
  const [user] = await conn.db.select({ id: modelVersions.id }).from(modelVersions).where(eq(modelVersions.artifactLocation, file)).limit(1);
  if (!user) await rm(file, { force: true });
}

/** Who is forgotten: keyed hashes of the users forgotten after a moment, and the hash of an id. */
export interface ForgottenUsers {
  since(at: Date): Promise<ReadonlySet<string>>;
  hash(userId: string): string;
}

/**
 * A tombstone is written in a statement of its own, stamped when that statement starts: one
 * stamped this long before a pass reads the tombstones has surely committed by then. A pass
 * records the artifacts as scrubbed up to its start less this, so none is ever passed over.
 */
const TOMBSTONE_COMMIT_MARGIN_MS = 60_000;

export interface ScrubReport {
  /** Versions whose artifact was rewritten without forgotten users. */
  rewritten: number[];
  /** Users taken out, summed over the versions. */
  users: number;
}

/**
 * Takes forgotten users out of every stored artifact that may hold them (those of versions whose
 * data ends, or whose last scrub was, before the tombstone), one version at a time: each is read,
 * scrubbed (lib/models/scrub.ts) and replaced in one transaction (database parts) or by a rename
 * (files), with its checksum. Serving goes on: every process masked the users at once, and a
 * version loaded later is simply cleaner. An artifact that cannot be read stays as it is, for the
 * next pass (a load would mask the users anyway); so do versions another process changed meanwhile.
 */
export async function scrubStoredArtifacts(conn: DatabaseConnection, forgotten: ForgottenUsers): Promise<ScrubReport> {
  const [clock] = await conn.query<{ now: Date | string }>('select now() as now');
  const scrubbedTo = new Date(new Date(clock!.now).getTime() - TOMBSTONE_COMMIT_MARGIN_MS);
  const stored = await conn.db.select().from(modelVersions).where(ne(modelVersions.artifactLocation, DELETED_ARTIFACT)).orderBy(asc(modelVersions.id));
  const report: ScrubReport = { rewritten: [], users: 0 };
  for (const version of stored) {
    const hashes = await forgotten.since(version.scrubbedTo ?? version.dataTo ?? new Date(0));
    if (hashes.size === 0) continue;
    const users = await scrubVersion(conn, version, (userId) => hashes.has(forgotten.hash(userId)), scrubbedTo);
    if (users > 0) {
      report.rewritten.push(version.id);
      report.users += users;
    }
  }
  return report;
}

/** The users taken out of one version's artifact (0 when none was in it, or it was left as it is). */
async function scrubVersion(conn: DatabaseConnection, version: ModelVersionRow, isForgotten: (userId: string) => boolean, scrubbedTo: Date): Promise<number> {
  let scrubbed;
  try {
    scrubbed = await scrubBundle(await readVerifiedArtifact(conn, version), isForgotten);
  } catch (error) {
    log.warn(`model version ${version.id}: forgotten users could not be scrubbed out of its artifact; the next pass tries again`, (error as Error).message);
    return 0;
  }
  const unchanged = and(eq(modelVersions.id, version.id), eq(modelVersions.checksum, version.checksum), eq(modelVersions.artifactLocation, version.artifactLocation));
  if (!scrubbed) {
    await conn.db.update(modelVersions).set({ scrubbedTo }).where(unchanged);
    return 0;
  }
  const location = version.artifactLocation === 'db' ? 'db' : await writeArtifactFile(path.dirname(version.artifactLocation), scrubbed.checksum, scrubbed.bytes);
  const replaced = await conn.db.transaction(async (tx) => {
    const [row] = await tx.update(modelVersions).set({ checksum: scrubbed.checksum, sizeBytes: scrubbed.bytes.byteLength, artifactLocation: location, scrubbedTo }).where(unchanged).returning({ id: modelVersions.id });
    if (!row) return false;
    if (location === 'db') {
      await tx.delete(modelArtifacts).where(eq(modelArtifacts.versionId, version.id));
      await insertArtifactParts(tx, version.id, scrubbed.bytes, ARTIFACT_PART_BYTES);
    }
    return true;
  });
  if (location !== 'db') await removeUnusedArtifactFile(conn, replaced ? version.artifactLocation : location);
  if (!replaced) return 0;
  await recordAudit(conn, 'system', { action: 'model.scrub', targetType: 'model_version', targetId: version.id, details: { forgotten_users: scrubbed.forgotten } });
  return scrubbed.forgotten;
}
