import 'server-only';
import { randomBytes } from 'node:crypto';
import type { DatabaseConnection } from '@/db/client';
import { ensurePresets, setDefaultStrategy, strategiesByKey } from '@/lib/strategies/store';
import { audiencesDisjoint, firstFreeSlot, rangesOverlap, type SlotRange } from './assignment';
import { CommandError } from '@/lib/runtime/command-errors';
import { experimentResults } from './results';
import { assessShip, decisionNote, type ShipAssessment } from './ship-assessment';
import { DEFAULT_BANDIT_INTERVAL_MINUTES, variantWeights, type ExperimentInput, type ExperimentPatch } from './schema';
import {
  deleteExperiment as removeExperiment,
  getExperiment,
  insertExperiment,
  liveExperiments,
  liveExperimentsInLayer,
  lockConfiguration,
  recordWeights,
  updateExperiment as writeExperiment,
  type ExperimentChanges,
  type Executor,
} from './store';
import { LAYER_SLOTS, slotCount, type Experiment, type ExperimentStatus, type ExperimentVariant } from './types';

/**
 * The experiment lifecycle: draft → running ⇄ paused → stopped. Every step runs in one transaction
 * under the configuration lock, so checks that span experiments (slot ranges in a layer) hold.
 *
 * While an experiment is live (running or paused) its users and what they are shown must not
 * change under it: variants, layer, targeting and type are frozen. Coverage may change, since it
 * only moves the edge of the experiment's slot range.
 */

/** Fields of a live experiment that may change; the rest would move users or change what a variant serves. */
const LIVE_EDITABLE = new Set<keyof ExperimentPatch>(['name', 'hypothesis', 'coverage_percent', 'primary_metric', 'secondary_metrics', 'guardrails', 'breakdown_attributes', 'bandit']);
/** The MDE the ship check reads verdicts at: the results page's default. */
const DEFAULT_SHIP_MDE = 0.05;
/** A stopped experiment is a record: only its description and how its results are read may change. */
const STOPPED_EDITABLE = new Set<keyof ExperimentPatch>(['name', 'hypothesis', 'primary_metric', 'secondary_metrics', 'guardrails', 'breakdown_attributes']);

export async function createExperiment(conn: DatabaseConnection, input: ExperimentInput): Promise<Experiment> {
  await ensurePresets(conn);
  await checkStrategiesExist(conn.db, input.variants, 'invalid');
  const weights = variantWeights(input.variants);
  const experiment = await insertExperiment(conn.db, {
    key: input.key,
    name: input.name ?? input.key,
    hypothesis: input.hypothesis,
    type: input.type,
    layer: input.layer,
    coveragePercent: input.coverage_percent,
    // Random, not the key: an experiment re-created under an old key splits users afresh.
    seed: randomBytes(8).toString('hex'),
    targeting: input.targeting,
    variants: input.variants.map((variant, index) => ({ key: variant.key, strategy: variant.strategy, weight: weights[index]!, strategyVersion: null })),
    primaryMetric: input.primary_metric,
    secondaryMetrics: input.secondary_metrics,
    guardrails: input.guardrails.map((rail) => ({ metric: rail.metric, maxDegradation: rail.max_degradation })),
    breakdownAttributes: input.breakdown_attributes,
    banditIntervalMinutes: input.type === 'bandit' ? (input.bandit?.reallocate_every_minutes ?? DEFAULT_BANDIT_INTERVAL_MINUTES) : null,
  });
  if (!experiment) throw CommandError.conflict(`experiment '${input.key}' already exists`);
  return experiment;
}

/** `patch` has been checked against the experiment as it was read; the status rules are checked here, under the lock. */
export async function updateExperiment(conn: DatabaseConnection, key: string, patch: ExperimentPatch): Promise<Experiment> {
  return conn.db.transaction(async (tx) => {
    await lockConfiguration(tx);
    const current = await mustGet(tx, key);
    const editable = current.status === 'draft' ? null : current.status === 'stopped' ? STOPPED_EDITABLE : LIVE_EDITABLE;
    if (editable) {
      const frozen = (Object.keys(patch) as (keyof ExperimentPatch)[]).filter((field) => !editable.has(field));
      if (frozen.length > 0) throw CommandError.conflict(`cannot change ${frozen.join(', ')} of a ${current.status} experiment${current.status === 'stopped' ? '' : '; stop it and start a new one'}`);
    }
    const changes: ExperimentChanges = {};
    if (patch.name !== undefined) changes.name = patch.name;
    if (patch.hypothesis !== undefined) changes.hypothesis = patch.hypothesis;
    if (patch.layer !== undefined) changes.layer = patch.layer;
    if (patch.targeting !== undefined) changes.targeting = patch.targeting;
    if (patch.variants !== undefined) {
      await checkStrategiesExist(tx, patch.variants, 'invalid');
      const weights = variantWeights(patch.variants);
      changes.variants = patch.variants.map((variant, index) => ({ key: variant.key, strategy: variant.strategy, weight: weights[index]!, strategyVersion: null }));
    }
    if (patch.primary_metric !== undefined) {
      changes.primaryMetric = patch.primary_metric;
      // A metric promoted to primary leaves the secondaries rather than being listed twice.
      if (patch.secondary_metrics === undefined) changes.secondaryMetrics = current.secondaryMetrics.filter((metric) => metric !== patch.primary_metric);
    }
    if (patch.secondary_metrics !== undefined) changes.secondaryMetrics = patch.secondary_metrics;
    if (patch.guardrails !== undefined) changes.guardrails = patch.guardrails.map((rail) => ({ metric: rail.metric, maxDegradation: rail.max_degradation }));
    if (patch.breakdown_attributes !== undefined) changes.breakdownAttributes = patch.breakdown_attributes;
    const type = patch.type ?? current.type;
    if (patch.type !== undefined) changes.type = patch.type;
    if (patch.type !== undefined || patch.bandit !== undefined) {
      if (type !== 'bandit') changes.banditIntervalMinutes = null;
      else if (current.type === 'bandit' && current.status !== 'draft' && patch.bandit === null) throw CommandError.conflict('a live bandit needs its reallocation interval');
      else changes.banditIntervalMinutes = patch.bandit?.reallocate_every_minutes ?? current.banditIntervalMinutes ?? DEFAULT_BANDIT_INTERVAL_MINUTES;
    }
    if (patch.coverage_percent !== undefined) {
      changes.coveragePercent = patch.coverage_percent;
      if (current.status === 'running' || current.status === 'paused') changes.slotStart = await resizedSlotStart(tx, current, patch.coverage_percent);
    }
    return writeExperiment(tx, current.id, changes);
  });
}

/**
 * Starts a draft, or resumes a paused experiment. A draft's variants are pinned to their
 * strategies' current versions and it takes the lowest free run of slots in its layer; 409 when
 * it could get no users, it competes with a live experiment of another layer, the layer has no
 * room, or a strategy has gone.
 */
export async function startExperiment(conn: DatabaseConnection, key: string, now = new Date()): Promise<Experiment> {
  return conn.db.transaction(async (tx) => {
    await lockConfiguration(tx);
    const current = await mustGet(tx, key);
    if (current.status !== 'draft' && current.status !== 'paused') throw refusal(current, 'start', ['draft', 'paused']);
    if (current.coveragePercent === 0) throw CommandError.conflict(`experiment '${current.key}' covers 0% of layer '${current.layer}' and would get no users; raise its coverage first`);
    await checkNoCompetitor(tx, current);
    if (current.status === 'paused') return writeExperiment(tx, current.id, { status: 'running' });
    const strategies = await checkStrategiesExist(tx, current.variants, 'conflict');
    const variants: ExperimentVariant[] = current.variants.map((variant) => ({ ...variant, strategyVersion: strategies.get(variant.strategy)!.version }));
    const slotStart = await freeSlotStart(tx, current, current.coveragePercent);
    await recordWeights(tx, current.id, { at: now, weights: weightsOf(variants), reason: 'start', details: {} });
    return writeExperiment(tx, current.id, { status: 'running', variants, slotStart, startedAt: now, lastReallocatedAt: current.type === 'bandit' ? now : null });
  });
}

/** Users fall back to the default strategy; the experiment keeps its slots for when it resumes. */
export async function pauseExperiment(conn: DatabaseConnection, key: string): Promise<Experiment> {
  return conn.db.transaction(async (tx) => {
    await lockConfiguration(tx);
    const current = await mustGet(tx, key);
    if (current.status !== 'running') throw refusal(current, 'pause', ['running']);
    return writeExperiment(tx, current.id, { status: 'paused' });
  });
}

export async function stopExperiment(conn: DatabaseConnection, key: string, now = new Date()): Promise<Experiment> {
  return conn.db.transaction(async (tx) => {
    await lockConfiguration(tx);
    const current = await mustGet(tx, key);
    if (current.status !== 'running' && current.status !== 'paused') throw refusal(current, 'stop', ['running', 'paused']);
    return writeExperiment(tx, current.id, { status: 'stopped', stoppedAt: now });
  });
}

export interface ShipRequest {
  variant: string;
  /** The editor's reason, kept in the decision note. */
  note?: string;
  /** The experiment's key, typed to confirm a ship the evidence speaks against. */
  confirmKey?: string;
}

/**
 * Ship the winner: the variant's strategy becomes the default for everyone, and the experiment
 * stops. A variant that is losing or breaches a guardrail ships only with the experiment's key in
 * `confirmKey` (409 otherwise, naming the risks). Returns the decision note for the audit log.
 */
export async function shipVariant(conn: DatabaseConnection, key: string, request: ShipRequest, now = new Date()): Promise<{ experiment: Experiment; assessment: ShipAssessment; decision: string }> {
  const before = await mustGet(conn.db, key);
  const assessment = before.status === 'draft' ? null : assessShip(await experimentResults(conn, before, { mde: DEFAULT_SHIP_MDE, now }), request.variant);
  const experiment = await conn.db.transaction(async (tx) => {
    await lockConfiguration(tx);
    const current = await mustGet(tx, key);
    if (current.status === 'draft') throw refusal(current, 'ship', ['running', 'paused', 'stopped']);
    const variant = current.variants.find((candidate) => candidate.key === request.variant);
    if (!variant) throw CommandError.invalid('variant', `experiment '${key}' has no variant '${request.variant}' (it has ${current.variants.map((v) => `'${v.key}'`).join(', ')})`);
    // Started between reading its results and taking the lock: there were no results to judge.
    if (!assessment) throw CommandError.conflict(`experiment '${key}' started just now; look at its results, then ship`);
    if (assessment.risks.length > 0 && request.confirmKey !== key) {
      throw CommandError.conflict(`shipping '${variant.key}' needs confirming: ${assessment.risks.join('; ')}. Send confirm_key '${key}' to ship it anyway`);
    }
    try {
      await setDefaultStrategy(tx, variant.strategy);
    } catch (error) {
      if (error instanceof CommandError && error.reason === 'not_found') throw CommandError.conflict(`strategy '${variant.strategy}' of variant '${variant.key}' no longer exists`);
      throw error;
    }
    return writeExperiment(tx, current.id, {
      shippedVariant: variant.key,
      ...(current.status !== 'stopped' && { status: 'stopped' as const, stoppedAt: now }),
    });
  });
  return { experiment, assessment: assessment!, decision: decisionNote(assessment!, request.note) };
}

/** Only drafts: an experiment that ran has exposures and impressions that name it. */
export async function deleteExperiment(conn: DatabaseConnection, key: string): Promise<Experiment> {
  return conn.db.transaction(async (tx) => {
    await lockConfiguration(tx);
    const current = await mustGet(tx, key);
    if (current.status !== 'draft') throw CommandError.conflict(`only drafts can be deleted; experiment '${key}' is ${current.status} and its data refers to it`);
    await removeExperiment(tx, current.id);
    return current;
  });
}

async function mustGet(db: Executor, key: string): Promise<Experiment> {
  const experiment = await getExperiment(db, key);
  if (!experiment) throw CommandError.notFound('experiment', key);
  return experiment;
}

function refusal(experiment: Experiment, action: string, from: ExperimentStatus[]): CommandError {
  return CommandError.conflict(`cannot ${action} experiment '${experiment.key}': it is ${experiment.status} (only ${from.join(' or ')} experiments can be ${action === 'stop' ? 'stopped' : action === 'ship' ? 'shipped' : `${action}ed`})`);
}

/** Names the first variant whose strategy is missing: a 400 when the client just sent it, a 409 when it was deleted since. */
async function checkStrategiesExist(db: Executor, variants: readonly { strategy: string }[], missing: 'invalid' | 'conflict') {
  const strategies = await strategiesByKey(db, [...new Set(variants.map((variant) => variant.strategy))]);
  variants.forEach((variant, index) => {
    if (strategies.has(variant.strategy)) return;
    throw missing === 'invalid'
      ? CommandError.invalid(`variants[${index}].strategy`, `strategy '${variant.strategy}' does not exist`)
      : CommandError.conflict(`strategy '${variant.strategy}' of variant '${(variant as { key?: string }).key ?? index}' no longer exists`);
  });
  return strategies;
}

/**
 * Every experiment decides the same thing, the strategy a user is served, and a user can only be
 * served one: so experiments of different layers may only be live together when their audiences
 * cannot meet. Otherwise the one started first would take every shared user and silently starve
 * the other. Within one layer, disjoint slot ranges keep experiments apart instead.
 */
async function checkNoCompetitor(db: Executor, experiment: Experiment): Promise<void> {
  const competitor = (await liveExperiments(db)).find((other) => other.id !== experiment.id && other.layer !== experiment.layer && !audiencesDisjoint(other.targeting, experiment.targeting));
  if (!competitor) return;
  throw CommandError.conflict(
    `experiment '${competitor.key}' is ${competitor.status} in layer '${competitor.layer}' (${competitor.coveragePercent}% coverage, audience '${competitor.targeting}') and would compete with '${experiment.key}' for the same users; ` +
      `a user is served one strategy, so experiments in different layers cannot share an audience. Stop '${competitor.key}', or run '${experiment.key}' in layer '${competitor.layer}' on the free slots`,
  );
}

async function takenRanges(db: Executor, experiment: Experiment): Promise<{ key: string; range: SlotRange }[]> {
  const others = await liveExperimentsInLayer(db, experiment.layer, experiment.id);
  return others.filter((other) => other.slotStart !== null).map((other) => ({ key: other.key, range: { start: other.slotStart!, count: slotCount(other.coveragePercent) } }));
}

async function freeSlotStart(db: Executor, experiment: Experiment, coveragePercent: number): Promise<number> {
  const taken = await takenRanges(db, experiment);
  const count = slotCount(coveragePercent);
  const start = firstFreeSlot(count, taken.map((other) => other.range));
  if (start === null) {
    const used = taken.reduce((total, other) => total + other.range.count, 0);
    throw CommandError.conflict(
      `layer '${experiment.layer}' has no free ${coveragePercent}% for experiment '${experiment.key}': ${taken.map((other) => `'${other.key}'`).join(', ')} hold ${(used / LAYER_SLOTS) * 100}% of it; running experiments in one layer never share users`,
    );
  }
  return start;
}

/**
 * A live experiment grows or shrinks at the top of its range, keeping its users; 409 if growing
 * would reach into another live experiment's range. With no slots yet (coverage 0) it has no users
 * to keep, so it may take a free run anywhere.
 */
async function resizedSlotStart(db: Executor, experiment: Experiment, coveragePercent: number): Promise<number> {
  const start = experiment.slotStart;
  if (start === null || slotCount(experiment.coveragePercent) === 0) return freeSlotStart(db, experiment, coveragePercent);
  const wanted: SlotRange = { start, count: slotCount(coveragePercent) };
  const clash = (await takenRanges(db, experiment)).find((other) => rangesOverlap(wanted, other.range));
  if (start + wanted.count > LAYER_SLOTS) throw CommandError.conflict(`experiment '${experiment.key}' starts at ${(start / LAYER_SLOTS) * 100}% of layer '${experiment.layer}' and cannot grow to ${coveragePercent}% without moving its users`);
  if (clash) throw CommandError.conflict(`growing experiment '${experiment.key}' to ${coveragePercent}% would overlap '${clash.key}' in layer '${experiment.layer}'; running experiments in one layer never share users`);
  return start;
}

export function weightsOf(variants: readonly ExperimentVariant[]): Record<string, number> {
  return Object.fromEntries(variants.map((variant) => [variant.key, variant.weight]));
}
