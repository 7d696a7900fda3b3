import 'server-only';
import type { DatabaseConnection } from '@/db/client';
import { primaryMetricResult, type ComparisonJson } from './results';
import { toExperimentJson, type ExperimentJson } from './schema';
import { listExperiments } from './store';
import type { Experiment } from './types';

/** The list shows at most this many experiments, newest first. */
export const LISTED_EXPERIMENTS = 200;
/**
 * Lifts are computed for this many experiments at most (live ones first, then the newest stopped):
 * each one reads the experiment's impressions, so an old archive must not make the list slow.
 */
export const LIFTS_PER_LIST = 20;
/** The list judges lifts against the same default minimum detectable effect as the results page. */
const LIST_MDE = 0.05;

export interface PrimaryLift {
  metric: string;
  /** The treatment most likely to beat control. */
  variant: string;
  relative_lift: number;
  relative_ci: ComparisonJson['relative_ci'];
  chance_to_beat_control: number;
  verdict: ComparisonJson['verdict'];
  users: number;
}

export interface ExperimentSummary extends ExperimentJson {
  /** Null for drafts, experiments past the lift budget, and experiments with too little data to compare. */
  primary_lift: PrimaryLift | null;
}

export async function experimentSummaries(conn: DatabaseConnection): Promise<{ experiments: ExperimentSummary[]; total: number; liftsOmitted: number }> {
  const { experiments, total } = await listExperiments(conn, { limit: LISTED_EXPERIMENTS, offset: 0 });
  const withData = experiments.filter((experiment) => experiment.status !== 'draft');
  const ranked = [...withData].sort((a, b) => liveFirst(a) - liveFirst(b));
  const measured = new Set(ranked.slice(0, LIFTS_PER_LIST).map((experiment) => experiment.id));
  const lifts = new Map<number, PrimaryLift | null>();
  // One at a time: the embedded database serialises queries anyway, and PostgreSQL keeps its pool for serving.
  for (const experiment of experiments) if (measured.has(experiment.id)) lifts.set(experiment.id, await primaryLift(conn, experiment));
  return {
    experiments: experiments.map((experiment) => ({ ...toExperimentJson(experiment), primary_lift: lifts.get(experiment.id) ?? null })),
    total,
    liftsOmitted: withData.length - measured.size,
  };
}

const liveFirst = (experiment: Experiment) => (experiment.status === 'running' ? 0 : experiment.status === 'paused' ? 1 : 2);

async function primaryLift(conn: DatabaseConnection, experiment: Experiment): Promise<PrimaryLift | null> {
  const result = await primaryMetricResult(conn, experiment, LIST_MDE);
  const compared = result.comparisons.filter((comparison): comparison is ComparisonJson => 'relative_lift' in comparison);
  const best = compared.reduce<ComparisonJson | null>((top, comparison) => (top === null || comparison.chance_to_beat_control > top.chance_to_beat_control ? comparison : top), null);
  if (!best) return null;
  return {
    metric: result.metric,
    variant: best.variant,
    relative_lift: best.relative_lift,
    relative_ci: best.relative_ci,
    chance_to_beat_control: best.chance_to_beat_control,
    verdict: best.verdict,
    users: result.variants.reduce((sum, variant) => sum + variant.users, 0),
  };
}
