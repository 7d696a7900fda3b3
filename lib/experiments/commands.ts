import 'server-only';
import type { DatabaseConnection } from '@/db/client';
import { recordAudit } from '@/lib/auth/audit';
import type { Principal } from '@/lib/auth/principal';
import { CommandError } from '@/lib/runtime/command-errors';
import * as lifecycle from './lifecycle';
import { toExperimentJson, type ExperimentInput, type ExperimentPatch } from './schema';
import { experimentsChanged } from './serving';
import { getExperiment } from './store';
import type { Experiment } from './types';

/**
 * What people do to experiments, each audited, and announced when it changes what is served (every
 * process re-reads its live experiments). The rules of each step live in the lifecycle; routes parse
 * and answer.
 */

/** A draft serves nothing, so creating one announces nothing. */
export async function createExperiment(conn: DatabaseConnection, by: Principal, input: ExperimentInput): Promise<Experiment> {
  const experiment = await lifecycle.createExperiment(conn, input);
  const variants = experiment.variants.map((variant) => ({ key: variant.key, strategy: variant.strategy, weight: variant.weight }));
  await recordAudit(conn, by, { action: 'experiment.create', targetType: 'experiment', targetId: experiment.key, details: { type: experiment.type, layer: experiment.layer, variants } });
  return experiment;
}

/** `parsePatch` validates the patch against the experiment as it stands (which fields its type and status allow). */
export async function updateExperiment(conn: DatabaseConnection, by: Principal, key: string, parsePatch: (current: Experiment) => ExperimentPatch): Promise<Experiment> {
  const current = await getExperiment(conn.db, key);
  if (!current) throw CommandError.notFound('experiment', key);
  const patch = parsePatch(current);
  const experiment = await lifecycle.updateExperiment(conn, key, patch);
  experimentsChanged();
  await recordAudit(conn, by, { action: 'experiment.update', targetType: 'experiment', targetId: key, details: { changed: Object.keys(patch) } });
  return experiment;
}

/** Starts a draft or resumes a paused experiment: two different events in the log. */
export async function startExperiment(conn: DatabaseConnection, by: Principal, key: string): Promise<Experiment> {
  const resumed = (await getExperiment(conn.db, key))?.status === 'paused';
  const experiment = await lifecycle.startExperiment(conn, key);
  experimentsChanged();
  await recordAudit(conn, by, { action: resumed ? 'experiment.resume' : 'experiment.start', targetType: 'experiment', targetId: key, details: { layer_range_percent: toExperimentJson(experiment).layer_range_percent } });
  return experiment;
}

export async function pauseExperiment(conn: DatabaseConnection, by: Principal, key: string): Promise<Experiment> {
  const experiment = await lifecycle.pauseExperiment(conn, key);
  experimentsChanged();
  await recordAudit(conn, by, { action: 'experiment.pause', targetType: 'experiment', targetId: key });
  return experiment;
}

export async function stopExperiment(conn: DatabaseConnection, by: Principal, key: string): Promise<Experiment> {
  const experiment = await lifecycle.stopExperiment(conn, key);
  experimentsChanged();
  await recordAudit(conn, by, { action: 'experiment.stop', targetType: 'experiment', targetId: key });
  return experiment;
}

/** The audit entry carries the decision note and what the evidence said when it shipped. */
export async function shipExperiment(conn: DatabaseConnection, by: Principal, key: string, request: lifecycle.ShipRequest): Promise<Experiment> {
  const { experiment, assessment, decision } = await lifecycle.shipVariant(conn, key, request);
  experimentsChanged();
  const strategy = experiment.variants.find((candidate) => candidate.key === request.variant)?.strategy;
  await recordAudit(conn, by, {
    action: 'experiment.ship',
    targetType: 'experiment',
    targetId: key,
    details: {
      variant: request.variant,
      strategy,
      decision,
      verdict: assessment.verdict,
      chance_to_beat_control: assessment.chance_to_beat_control,
      guardrails: assessment.guardrails.map((rail) => ({ metric: rail.metric, breached: rail.breached })),
      confirmed_risks: assessment.risks,
    },
  });
  return experiment;
}

/** Drafts only; a draft served nothing, so deleting one announces nothing. */
export async function deleteExperiment(conn: DatabaseConnection, by: Principal, key: string): Promise<Experiment> {
  const experiment = await lifecycle.deleteExperiment(conn, key);
  await recordAudit(conn, by, { action: 'experiment.delete', targetType: 'experiment', targetId: key, details: { name: experiment.name } });
  return experiment;
}
