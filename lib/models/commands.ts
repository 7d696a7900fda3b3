import 'server-only';
import type { DatabaseConnection } from '@/db/client';
import type { ModelVersionRow, TrainingRunRow } from '@/db/schema';
import { recordAudit } from '@/lib/auth/audit';
import type { Principal } from '@/lib/auth/principal';
import { CommandError } from '@/lib/runtime/command-errors';
import { requestTraining, TrainingUnavailableError } from '@/lib/training/dispatch';
import { activeVersion, promoteVersion, RegistryError, rollbackVersion } from './registry';

/**
 * What people do to models: promote a version, roll back, ask for training, each audited. The
 * registry announces a change of active model on the change bus itself (every process loads it).
 */

/**
 * Makes the version the active one. It is loaded whole first (a conflict, and marked failed, when
 * it cannot be); promoting the active version verifies it the same way and is not audited.
 */
export async function promoteModel(conn: DatabaseConnection, by: Principal, id: number): Promise<ModelVersionRow> {
  const previous = await activeVersion(conn);
  const version = await refusalsAsCommandErrors(() => promoteVersion(conn, id, by));
  if (previous?.id !== version.id) {
    await recordAudit(conn, by, { action: 'model.promote', targetType: 'model_version', targetId: version.id, details: { from_version: previous?.id ?? null } });
  }
  return version;
}

/** Re-activates the version that was active before the current one, passing over versions that cannot be loaded. */
export async function rollbackModel(conn: DatabaseConnection, by: Principal): Promise<ModelVersionRow> {
  const previous = await activeVersion(conn);
  const restored = await refusalsAsCommandErrors(() => rollbackVersion(conn, by));
  await recordAudit(conn, by, { action: 'model.rollback', targetType: 'model_version', targetId: restored.id, details: { from_version: previous?.id ?? null } });
  return restored;
}

/** Queues a training run, or returns the one already queued or running. */
export async function trainModel(conn: DatabaseConnection, by: Principal): Promise<TrainingRunRow> {
  const run = await refusalsAsCommandErrors(() => requestTraining('manual'));
  await recordAudit(conn, by, { action: 'model.train', targetType: 'training_run', targetId: run.id, details: { trigger: run.trigger, status: run.status } });
  return run;
}

/** Registry refusals are the caller's to fix (not found, conflict); a process that does not train is unavailable. */
async function refusalsAsCommandErrors<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof RegistryError) throw error.code === 'not_found' ? new CommandError('not_found', error.message) : CommandError.conflict(error.message);
    if (error instanceof TrainingUnavailableError) throw CommandError.unavailable(error.message);
    throw error;
  }
}
