import 'server-only';
import type { DatabaseConnection } from '@/db/client';
import type { EventWeights } from '@/lib/events/types';
import { eventWeightsSetting } from '@/lib/settings/event-weights';
import { readSetting } from '@/lib/settings/store';
import { cellComparisons, experimentBreakdowns, type BreakdownsJson } from './breakdowns';
import {
  alwaysValidInference,
  type ArmEstimate,
  compareMeans,
  compareRatios,
  type Comparison,
  cuped,
  CupedArm,
  type CupedRatioObservation,
  type CupedResult,
  type CupedSkipReason,
  DEFAULT_ALPHA,
  DEFAULT_POWER,
  holmBonferroni,
  type Interval,
  relativeLift,
  sampleRatioMismatch,
  type SampleRatioStatus,
  sampleSizePerVariantForMean,
  SRM_THRESHOLD,
  summariseMean,
  summariseRatio,
  varianceOfMean,
  verdictReady,
} from './stats';
import { weightHistory } from './store';
import { activeTraffic, planTraffic, type ActiveTraffic, type TrafficPlan } from './traffic';
import { LOWER_IS_BETTER, type Experiment, type Metric, type TestableMetric } from './types';

/**
 * Experiment results. The randomisation unit is the user, so every testable metric is computed
 * from per-user sums (SQL) handed to the stats package: CTR is Σ clicks / Σ items shown over the
 * users of a variant, compared by the delta method, not as if each impression were independent.
 *
 * - An impression is one item of a served list (`cardinality(items)`); a click is a distinct
 *   (list, item) pair among `click` events carrying the list's recommendation id. Conversions are
 *   the same with `purchase` or `add_to_cart`. So CTR and conversion never exceed 1.
 * - Engagement is the event-weighted sum of a user's events from first exposure to the stop.
 * - Diversity is the mean over a user's lists of distinct categories per item shown.
 * - Coverage (share of the servable catalogue served) and p99 latency describe a variant whole.
 *
 * CUPED: each comparison is adjusted by the users' own value of the metric over the
 * PRE_PERIOD_DAYS before their first exposure (the stats package's `cuped`), which the treatment
 * cannot have touched, so lifts keep their meaning while their intervals narrow. It applies when
 * enough users have a pre-period; the variants' `value`s stay the plain observed ones.
 *
 * The default view is sequential: always-valid intervals (valid however often results are looked
 * at), at α / (variants − 1) so the family of comparisons keeps its level. The fixed-horizon view,
 * valid only for a single planned look, comes alongside with Holm-adjusted p-values.
 */

/** The confidence sequences are tuned to be tightest at this many users (both arms). Fixed, not estimated: a design choice read from the data would void their guarantee. */
export const SEQUENTIAL_PLANNED_USERS = 10_000;
/** No verdict below this many users per variant, whatever the power calculation says. */
export const MIN_USERS_FOR_VERDICT = 100;
const DAY_MS = 86_400_000;
/**
 * How far before a user's first exposure CUPED looks for their pre-period value. Two weeks holds a
 * fortnight's habits (weekdays and weekends alike) without reaching back to users who have changed.
 */
export const PRE_PERIOD_DAYS = 14;

export interface ResultsOptions {
  /** Relative minimum detectable effect for the power and duration estimate. */
  mde: number;
  now?: Date;
}

type Verdict = 'better' | 'worse' | 'inconclusive' | 'insufficient_sample' | 'insufficient_data';

interface EstimateJson {
  estimate: number;
  ci: Interval;
  p_value: number;
}

/** A relative lift's interval: never below −1 (−100%); a null upper bound is unbounded, while the control mean cannot yet be told from 0. */
export type RelativeInterval = [lower: number, upper: number | null];

interface RelativeEstimateJson {
  estimate: number;
  ci: RelativeInterval;
  p_value: number;
}

export interface ComparisonJson {
  variant: string;
  absolute_lift: number;
  relative_lift: number;
  /** Default (sequential, always-valid) view. */
  ci: Interval;
  relative_ci: RelativeInterval;
  p_value: number;
  chance_to_beat_control: number;
  sequential: { alpha: number; absolute: EstimateJson; relative: RelativeEstimateJson };
  fixed_horizon: { alpha: number; absolute: EstimateJson & { se: number }; relative: RelativeEstimateJson & { se: number }; holm_p_value: number };
  verdict: Verdict;
}

/** Whether the comparisons were CUPED-adjusted, and by how much that narrowed them. */
export interface CupedJson {
  applied: boolean;
  /** 1 − adjusted / unadjusted variance of the variants' estimates; null when not applied. */
  variance_reduction: number | null;
  pre_period_days: number;
  /** Users with pre-period data: a non-zero value for a mean metric, a pre-period denominator (lists shown) for a ratio. */
  users_with_pre_period: number;
  /** Why not, when not applied. */
  reason: CupedSkipReason | null;
}

export interface MetricResultJson {
  metric: Metric;
  primary: boolean;
  kind: 'ratio' | 'mean' | 'aggregate';
  /** Null for aggregate metrics, which have no per-user values to adjust. */
  cuped: CupedJson | null;
  variants: { variant: string; users: number; value: number | null; numerator?: number; denominator?: number }[];
  /** Per non-control variant against the control; empty for aggregate metrics. A null means too little data to compare. */
  comparisons: ({ variant: string; verdict: Verdict } | ComparisonJson)[];
  /** Users per variant for the MDE at 80% power; null when the control has too little data to estimate it. */
  minimum_sample_per_variant: number | null;
}

export interface ExperimentResultsJson {
  experiment: string;
  type: Experiment['type'];
  status: Experiment['status'];
  control: string;
  started_at: string | null;
  stopped_at: string | null;
  generated_at: string;
  default_view: 'sequential';
  alpha: number;
  variants: { key: string; strategy: string; strategy_version: number | null; weight: number; users: number; lists: number; impressions: number; clicks: number; ctr: number | null }[];
  srm: { chi_square: number; p_value: number; threshold: number; status: SampleRatioStatus; mismatch: boolean; observed: Record<string, number>; expected: Record<string, number> } | null;
  metrics: MetricResultJson[];
  guardrails: { metric: Metric; max_degradation: number; variants: { variant: string; relative_change: number | null; breached: boolean }[] }[];
  planning: {
    metric: Metric;
    mde: number;
    power: number;
    alpha: number;
    baseline: number | null;
    sample_size_per_variant: number | null;
    users_per_variant: Record<string, number>;
    ready: boolean;
    daily_users: number | null;
    audience_users: number | null;
    reachable: boolean | null;
    duration_days: number | null;
    days_remaining: number | null;
  };
  /** `date` is a UTC day (YYYY-MM-DD), or an hour (YYYY-MM-DDTHH:00Z) while the experiment is under three days old. */
  timeseries_granularity: SeriesGranularity;
  timeseries: Record<string, { date: string; exposures: number; impressions: number; clicks: number; ctr: number | null }[]>;
  weight_history: { at: string; reason: string; weights: Record<string, number> }[];
  /** The primary metric by device, new vs returning and the chosen attributes, Holm-adjusted across the cells. */
  breakdowns: BreakdownsJson;
}

interface UnitSums {
  lists: number;
  shown: number;
  clicks: number;
  conversions: number;
  diversity: number;
  engagement: number;
}

/** A user's sums under the experiment, and over the pre-period before their first exposure (CUPED's covariate). */
interface Unit extends UnitSums {
  /** The user's external id. */
  user: string;
  pre: UnitSums;
}

export async function experimentResults(conn: DatabaseConnection, experiment: Experiment, { mde, now = new Date() }: ResultsOptions): Promise<ExperimentResultsJson> {
  const wanted = new Set<Metric>([experiment.primaryMetric, ...experiment.secondaryMetrics, ...experiment.guardrails.map((rail) => rail.metric)]);
  const variantKeys = experiment.variants.map((variant) => variant.key);
  const granularity = seriesGranularity(experiment, now);
  const [arms, coverage, latency, daily, history, traffic] = await Promise.all([
    variantArms(conn, experiment, wanted),
    wanted.has('coverage') ? variantCoverage(conn, experiment) : null,
    wanted.has('latency_p99') ? variantLatency(conn, experiment) : null,
    dailySeries(conn, experiment, granularity),
    weightHistory(conn.db, experiment.id),
    activeTraffic(conn, experiment.stoppedAt && experiment.stoppedAt < now ? experiment.stoppedAt : now),
  ]);
  const context = analysisContext(experiment, mde);

  const metrics: MetricResultJson[] = [];
  for (const metric of orderedMetrics(experiment, wanted)) {
    const primary = metric === experiment.primaryMetric;
    if (metric === 'coverage') metrics.push(aggregate(metric, variantKeys, arms, coverage!));
    else if (metric === 'latency_p99') metrics.push(aggregate(metric, variantKeys, arms, latency!));
    else metrics.push(analyseTestable(metric, primary, arms, context));
  }

  const users = arms.map((list) => list.length);
  const exposed = await exposureCounts(conn, experiment);
  const totals = arms.map((list) => list.reduce((sum, u) => ({ lists: sum.lists + u.lists, shown: sum.shown + u.shown, clicks: sum.clicks + u.clicks }), { lists: 0, shown: 0, clicks: 0 }));
  const primaryResult = metrics.find((result) => result.primary)!;
  return {
    experiment: experiment.key,
    type: experiment.type,
    status: experiment.status,
    control: variantKeys[0] ?? '',
    started_at: experiment.startedAt?.toISOString() ?? null,
    stopped_at: experiment.stoppedAt?.toISOString() ?? null,
    generated_at: now.toISOString(),
    default_view: 'sequential',
    alpha: DEFAULT_ALPHA,
    variants: experiment.variants.map((variant, index) => ({
      key: variant.key,
      strategy: variant.strategy,
      strategy_version: variant.strategyVersion,
      weight: variant.weight,
      users: exposed.get(variant.key) ?? 0,
      lists: totals[index]!.lists,
      impressions: totals[index]!.shown,
      clicks: totals[index]!.clicks,
      ctr: totals[index]!.shown > 0 ? totals[index]!.clicks / totals[index]!.shown : null,
    })),
    srm: srmCheck(experiment, exposed),
    metrics,
    guardrails: experiment.guardrails.map((rail) => {
      const result = metrics.find((candidate) => candidate.metric === rail.metric)!;
      const control = result.variants[0]?.value ?? null;
      return {
        metric: rail.metric,
        max_degradation: rail.maxDegradation,
        variants: result.variants.slice(1).map(({ variant, value }) => {
          const change = control !== null && value !== null && control !== 0 ? value / control - 1 : null;
          const degradation = change === null ? null : LOWER_IS_BETTER.has(rail.metric) ? change : -change;
          return { variant, relative_change: change, breached: degradation !== null && degradation > rail.maxDegradation };
        }),
      };
    }),
    planning: planning(experiment, primaryResult, users, mde, context.familyAlpha, traffic, now),
    timeseries_granularity: granularity,
    timeseries: cumulative(variantKeys, daily),
    weight_history: history.map((change) => ({ at: change.at.toISOString(), reason: change.reason, weights: change.weights })),
    breakdowns: await experimentBreakdowns(conn, experiment, arms, (cell) => cellComparisons(analyseTestable(experiment.primaryMetric, true, cell, context))),
  };
}

/**
 * The primary metric alone, for pages that list many experiments: one pass over the experiment's
 * impressions, without the SRM check, daily series, guardrails or secondary metrics.
 */
export async function primaryMetricResult(conn: DatabaseConnection, experiment: Experiment, mde: number): Promise<MetricResultJson> {
  const arms = await variantArms(conn, experiment, new Set([experiment.primaryMetric]));
  return analyseTestable(experiment.primaryMetric, true, arms, analysisContext(experiment, mde));
}

/** Per variant, in the experiment's order: its users' sums and pre-period sums, with diversity and engagement filled in when wanted. */
async function variantArms(conn: DatabaseConnection, experiment: Experiment, wanted: ReadonlySet<Metric>): Promise<Unit[][]> {
  const listMetrics = wanted.has('ctr') || wanted.has('conversion') || wanted.has('diversity');
  const weights = wanted.has('engagement') ? await readSetting(conn, eventWeightsSetting) : null;
  const [units, diversity, engagement, preUnits, preDiversity, preEngagement] = await Promise.all([
    userUnits(conn, experiment),
    wanted.has('diversity') ? userDiversity(conn, experiment) : null,
    weights ? userEngagement(conn, experiment, weights) : null,
    listMetrics ? prePeriodUnits(conn, experiment) : null,
    wanted.has('diversity') ? prePeriodDiversity(conn, experiment) : null,
    weights ? prePeriodEngagement(conn, experiment, weights) : null,
  ]);
  for (const [key, value] of diversity ?? []) unitOf(units, key).diversity = value;
  for (const [key, value] of engagement ?? []) unitOf(units, key).engagement = value;
  // The pre-period queries start from the exposures, whose users are all in `units` already.
  for (const [key, sums] of preUnits ?? []) Object.assign(unitOf(units, key).pre, sums);
  for (const [key, value] of preDiversity ?? []) unitOf(units, key).pre.diversity = value;
  for (const [key, value] of preEngagement ?? []) unitOf(units, key).pre.engagement = value;
  const byVariant = new Map<string, Unit[]>(experiment.variants.map((variant) => [variant.key, []]));
  for (const [key, unit] of units) byVariant.get(key.slice(0, key.indexOf('\u0000')))?.push(unit);
  return experiment.variants.map((variant) => byVariant.get(variant.key)!);
}

function analysisContext(experiment: Experiment, mde: number): AnalysisContext {
  const treatments = Math.max(1, experiment.variants.length - 1);
  // One family per metric: the verdicts across variants share α.
  return { variantKeys: experiment.variants.map((variant) => variant.key), mde, familyAlpha: DEFAULT_ALPHA / treatments };
}

/** Each ratio metric's numerator and denominator among a user's sums. */
const RATIO_PARTS = {
  ctr: ['clicks', 'shown'],
  conversion: ['conversions', 'shown'],
  diversity: ['diversity', 'lists'],
} as const satisfies Record<Exclude<TestableMetric, 'engagement'>, [keyof UnitSums, keyof UnitSums]>;

function analyseTestable(metric: TestableMetric, primary: boolean, arms: Unit[][], context: AnalysisContext): MetricResultJson {
  if (metric === 'engagement') return analyseMean(metric, primary, arms.map((users) => users.map((u) => ({ value: u.engagement, preValue: u.pre.engagement }))), context);
  const [top, bottom] = RATIO_PARTS[metric];
  return analyseRatio(metric, primary, arms.map((users) => users.map((u) => ({ numerator: u[top], denominator: u[bottom], preNumerator: u.pre[top], preDenominator: u.pre[bottom] }))), context);
}

function orderedMetrics(experiment: Experiment, wanted: Set<Metric>): Metric[] {
  const ordered: Metric[] = [experiment.primaryMetric, ...experiment.secondaryMetrics];
  for (const metric of wanted) if (!ordered.includes(metric)) ordered.push(metric);
  return ordered;
}

function emptySums(): UnitSums {
  return { lists: 0, shown: 0, clicks: 0, conversions: 0, diversity: 0, engagement: 0 };
}

function unitOf(units: Map<string, Unit>, key: string): Unit {
  let unit = units.get(key);
  if (!unit) units.set(key, (unit = { user: key.slice(key.indexOf('\u0000') + 1), ...emptySums(), pre: emptySums() }));
  return unit;
}

interface AnalysisContext {
  variantKeys: string[];
  mde: number;
  familyAlpha: number;
}

/** A variant's summary in the terms every comparison shares: the metric, and its per-user standard deviation. */
interface ArmSummary {
  n: number;
  mean: number;
  /** √(n · Var(mean)): for a ratio, the SD of the delta method's per-user linearisation. */
  unitSd: number;
}

/** The arm's estimate and its sampling variance, as the relative lift's interval needs them. */
function armEstimate({ n, mean, unitSd }: ArmSummary): ArmEstimate {
  return { mean, variance: (unitSd * unitSd) / n };
}

/** JSON has no infinity: an unbounded upper end goes out as null. */
function relativeInterval([lower, upper]: Interval): RelativeInterval {
  return [lower, Number.isFinite(upper) ? upper : null];
}

function attempt<T>(compute: () => T): T | null {
  try {
    const value = compute();
    return value;
  } catch {
    // Too few users, no denominator, a zero control: the stats package refuses, and so the comparison is left out.
    return null;
  }
}

/** The CUPED outcome as the results report it. */
function cupedJson(result: CupedResult): CupedJson {
  return {
    applied: result.applied,
    variance_reduction: result.applied ? result.varianceReduction : null,
    pre_period_days: PRE_PERIOD_DAYS,
    users_with_pre_period: result.usersWithPrePeriod,
    reason: result.applied ? null : result.reason,
  };
}

function analyseRatio(metric: Metric, primary: boolean, arms: CupedRatioObservation[][], context: AnalysisContext): MetricResultJson {
  const observed = arms.map((users) => attempt(() => summariseRatio(users)));
  const adjustment = cuped(arms.map((users) => CupedArm.ofRatios(users)));
  // The comparisons use each arm's CUPED-adjusted ratio and variance; the reported value stays the observed ratio.
  const summaries = adjustment.applied ? observed.map((summary, index) => summary && { ...summary, ...adjustment.arms[index]! }) : observed;
  const control = summaries[0] ?? null;
  return analyse(metric, primary, 'ratio', context, {
    cuped: cupedJson(adjustment),
    values: arms.map((users, index) => {
      const numerator = users.reduce((sum, u) => sum + u.numerator, 0);
      const denominator = users.reduce((sum, u) => sum + u.denominator, 0);
      return { users: users.length, value: observed[index]?.mean ?? (denominator > 0 ? numerator / denominator : null), numerator, denominator };
    }),
    summaries: summaries.map((summary) => (summary ? { n: summary.n, mean: summary.mean, unitSd: Math.sqrt(summary.variance * summary.n) } : null)),
    compare: (index) => {
      const treatment = summaries[index];
      return control && treatment ? attempt(() => compareRatios(treatment, control)) : null;
    },
  });
}

function analyseMean(metric: Metric, primary: boolean, arms: { value: number; preValue: number }[][], context: AnalysisContext): MetricResultJson {
  const observed = arms.map((users) => attempt(() => summariseMean(users.map((user) => user.value))));
  const adjustment = cuped(arms.map((users) => CupedArm.ofMeans(users)));
  // Welch's test on the CUPED-adjusted means, with the standard deviation that gives their adjusted variance.
  const summaries = adjustment.applied
    ? observed.map((summary, index) => summary && { n: summary.n, mean: adjustment.arms[index]!.mean, standardDeviation: Math.sqrt(adjustment.arms[index]!.variance * summary.n) })
    : observed;
  const control = summaries[0] ?? null;
  return analyse(metric, primary, 'mean', context, {
    cuped: cupedJson(adjustment),
    values: arms.map((users, index) => ({ users: users.length, value: observed[index]?.mean ?? (users.length > 0 ? users.reduce((sum, user) => sum + user.value, 0) / users.length : null) })),
    summaries: summaries.map((summary) => (summary ? { n: summary.n, mean: summary.mean, unitSd: Math.sqrt(varianceOfMean(summary) * summary.n) } : null)),
    compare: (index) => {
      const treatment = summaries[index];
      return control && treatment ? attempt(() => compareMeans(treatment, control)) : null;
    },
  });
}

function analyse(
  metric: Metric,
  primary: boolean,
  kind: 'ratio' | 'mean',
  { variantKeys, mde, familyAlpha }: AnalysisContext,
  arms: {
    cuped: CupedJson;
    values: { users: number; value: number | null; numerator?: number; denominator?: number }[];
    summaries: (ArmSummary | null)[];
    compare: (index: number) => Comparison | null;
  },
): MetricResultJson {
  const control = arms.summaries[0] ?? null;
  const required = control ? requiredSample(control, mde, familyAlpha) : null;
  const minimum = required === null ? null : Math.max(required, MIN_USERS_FOR_VERDICT);
  const comparisons = variantKeys.slice(1).map((_, offset) => arms.compare(offset + 1));
  // Holm over the comparisons that could be made; the others have no p-value to adjust.
  const compared = comparisons.flatMap((comparison, offset) => (comparison ? [{ offset, p: comparison.absolute.pValue }] : []));
  const adjusted = compared.length > 0 ? holmBonferroni(compared.map((entry) => entry.p)) : [];
  const holm = new Map(compared.map((entry, index) => [entry.offset, adjusted[index]!]));
  return {
    metric,
    primary,
    kind,
    cuped: arms.cuped,
    variants: arms.values.map((value, index) => ({ variant: variantKeys[index]!, ...value })),
    comparisons: comparisons.map((comparison, offset) => {
      const variant = variantKeys[offset + 1]!;
      const treatment = arms.summaries[offset + 1];
      if (!comparison || !treatment || !control) return { variant, verdict: 'insufficient_data' as const };
      const n = treatment.n + control.n;
      const sequential = attempt(() => {
        const absolute = alwaysValidInference({ estimate: comparison.absolute.estimate, se: comparison.absolute.se, n, plannedSampleSize: SEQUENTIAL_PLANNED_USERS, alpha: familyAlpha });
        // The relative interval inverts the same always-valid test (Fieller), so both views reach the same decision.
        return { absolute, relative: relativeLift(armEstimate(treatment), armEstimate(control), absolute) };
      });
      if (!sequential) return { variant, verdict: 'insufficient_data' as const };
      const ready = minimum !== null && verdictReady([control.n, treatment.n], minimum);
      const [lower, upper] = sequential.absolute.ci;
      const verdict: Verdict = !ready ? 'insufficient_sample' : lower > 0 ? 'better' : upper < 0 ? 'worse' : 'inconclusive';
      return {
        variant,
        absolute_lift: comparison.absolute.estimate,
        relative_lift: comparison.relative.estimate,
        ci: sequential.absolute.ci,
        relative_ci: relativeInterval(sequential.relative.ci),
        p_value: sequential.absolute.pValue,
        chance_to_beat_control: comparison.chanceToBeat,
        sequential: {
          alpha: familyAlpha,
          absolute: { estimate: comparison.absolute.estimate, ci: sequential.absolute.ci, p_value: sequential.absolute.pValue },
          relative: { estimate: comparison.relative.estimate, ci: relativeInterval(sequential.relative.ci), p_value: sequential.relative.pValue },
        },
        fixed_horizon: {
          alpha: DEFAULT_ALPHA,
          absolute: { estimate: comparison.absolute.estimate, se: comparison.absolute.se, ci: comparison.absolute.ci, p_value: comparison.absolute.pValue },
          relative: { estimate: comparison.relative.estimate, se: comparison.relative.se, ci: relativeInterval(comparison.relative.ci), p_value: comparison.relative.pValue },
          holm_p_value: holm.get(offset)!,
        },
        verdict,
      };
    }),
    minimum_sample_per_variant: minimum,
  };
}

/** Users per variant to detect a relative change of `mde` at 80% power, from the control's mean and spread. */
function requiredSample(control: ArmSummary, mde: number, alpha: number): number | null {
  return attempt(() => sampleSizePerVariantForMean({ mean: control.mean, standardDeviation: control.unitSd, relativeMde: mde, alpha, power: DEFAULT_POWER }));
}

function aggregate(metric: Metric, variantKeys: string[], arms: Unit[][], values: Map<string, number>): MetricResultJson {
  return {
    metric,
    primary: false,
    kind: 'aggregate',
    cuped: null,
    variants: variantKeys.map((variant, index) => ({ variant, users: arms[index]!.length, value: values.get(variant) ?? null })),
    comparisons: [],
    minimum_sample_per_variant: null,
  };
}

function srmCheck(experiment: Experiment, exposed: Map<string, number>): ExperimentResultsJson['srm'] {
  // A bandit moves its weights on purpose: exposures cannot be held to any one split.
  if (experiment.type === 'bandit') return null;
  const observed = experiment.variants.map((variant) => exposed.get(variant.key) ?? 0);
  const result = attempt(() => sampleRatioMismatch(observed, experiment.variants.map((variant) => variant.weight)));
  if (!result) return null;
  return {
    chi_square: result.chiSquare,
    p_value: result.pValue,
    threshold: SRM_THRESHOLD,
    status: result.status,
    mismatch: result.mismatch,
    observed: Object.fromEntries(experiment.variants.map((variant, index) => [variant.key, observed[index]!])),
    expected: Object.fromEntries(experiment.variants.map((variant, index) => [variant.key, result.expected[index]!])),
  };
}

function planning(experiment: Experiment, primary: MetricResultJson, users: number[], mde: number, alpha: number, traffic: ActiveTraffic, now: Date): ExperimentResultsJson['planning'] {
  const required = primary.minimum_sample_per_variant;
  const started = experiment.startedAt?.getTime() ?? null;
  const until = Math.min(now.getTime(), experiment.stoppedAt?.getTime() ?? Infinity);
  const elapsedDays = started === null ? 0 : Math.max(0, until - started) / DAY_MS;
  const plan: TrafficPlan | null = required === null ? null : planTraffic(traffic, required, experiment.variants.map((variant) => variant.weight), experiment.coveragePercent);
  return {
    metric: primary.metric,
    mde,
    power: DEFAULT_POWER,
    alpha,
    baseline: primary.variants[0]?.value ?? null,
    sample_size_per_variant: required,
    users_per_variant: Object.fromEntries(primary.variants.map((variant) => [variant.variant, variant.users])),
    ready: required !== null && verdictReady(users, required),
    daily_users: plan?.daily_users ?? null,
    audience_users: plan?.audience_users ?? null,
    reachable: plan?.reachable ?? null,
    duration_days: plan?.duration_days ?? null,
    days_remaining: plan?.duration_days == null ? null : Math.max(0, Math.ceil(plan.duration_days - elapsedDays)),
  };
}

interface DailyRow {
  variant: string;
  day: string;
  exposures: number;
  impressions: number;
  clicks: number;
}

function cumulative(variantKeys: string[], rows: DailyRow[]): ExperimentResultsJson['timeseries'] {
  const series: ExperimentResultsJson['timeseries'] = {};
  for (const variant of variantKeys) {
    const days = rows.filter((row) => row.variant === variant).sort((a, b) => a.day.localeCompare(b.day));
    let exposures = 0;
    let impressions = 0;
    let clicks = 0;
    series[variant] = days.map((row) => {
      exposures += row.exposures;
      impressions += row.impressions;
      clicks += row.clicks;
      return { date: row.day, exposures, impressions, clicks, ctr: impressions > 0 ? clicks / impressions : null };
    });
  }
  return series;
}

// ---- SQL: per-user sums and per-variant aggregates. Numbers come back as float8 so both drivers return JS numbers.

/** Per served list `s`: items shown, and distinct items clicked and converted among `e`, the events carrying its recommendation id. */
const LIST_OUTCOMES = `cardinality(s.items) as shown,
  count(distinct e.item_id) filter (where e.type = 'click') as clicks,
  count(distinct e.item_id) filter (where e.type in ('purchase', 'add_to_cart')) as conversions`;
/** A user's per-list outcomes summed; a list's clicks never exceed its items. */
const USER_OUTCOMES = `count(*)::float8 as lists, sum(shown)::float8 as shown,
  sum(least(clicks, shown))::float8 as clicks, sum(least(conversions, shown))::float8 as conversions`;
/** Distinct categories per item shown in list `s`, as the lateral subquery `d`. */
const LIST_DIVERSITY = `cross join lateral (
  select count(distinct i.category)::float8 / greatest(cardinality(s.items), 1) as diversity
  from unnest(s.items) as u(id) join items i on i.external_id = u.id
) d`;
/** Event `e` weighted like training weighs it, the weights as jsonb in parameter $2. */
const WEIGHTED_EVENT = `case when e.type = 'rate' then coalesce(e.value, 0) else 1 end * ($2::jsonb ->> e.type::text)::float8`;
/** Joins list `s` to the experiment's exposure `x` when it was served within the pre-period before that first exposure ($2 days). */
const PRE_PERIOD_LISTS = `join impressions s on s.user_id = x.user_id and s.served_at < x.first_exposed_at
  and s.served_at >= x.first_exposed_at - $2::int * interval '1 day'`;

/**
 * Per (variant, user): lists served, items shown, distinct items clicked and converted. The
 * population is every exposed user plus anyone with an impression under the experiment, so an
 * exposed user who saw nothing counts as (0, 0) rather than vanishing.
 */
async function userUnits(conn: DatabaseConnection, experiment: Experiment): Promise<Map<string, Unit>> {
  const rows = await conn.query<{ user_id: string; variant: string; lists: number; shown: number; clicks: number; conversions: number }>(
    `with lists as (
       select s.user_id, s.variant, ${LIST_OUTCOMES}
       from impressions s
       left join events e on e.recommendation_id = s.recommendation_id and e.type in ('click', 'purchase', 'add_to_cart')
       where s.experiment = $1 and s.variant is not null
       group by s.id
     ), per_user as (
       select user_id, variant, ${USER_OUTCOMES} from lists group by user_id, variant
     )
     select coalesce(p.user_id, x.user_id) as user_id, coalesce(p.variant, x.variant) as variant,
            coalesce(p.lists, 0) as lists, coalesce(p.shown, 0) as shown, coalesce(p.clicks, 0) as clicks, coalesce(p.conversions, 0) as conversions
     from per_user p
     full join (select user_id, variant from experiment_exposures where experiment_id = $2) x on x.user_id = p.user_id and x.variant = p.variant`,
    [experiment.key, experiment.id],
  );
  const units = new Map<string, Unit>();
  for (const row of rows) {
    units.set(`${row.variant}\u0000${row.user_id}`, { user: row.user_id, ...emptySums(), lists: Number(row.lists), shown: Number(row.shown), clicks: Number(row.clicks), conversions: Number(row.conversions), pre: emptySums() });
  }
  return units;
}

/** Per (variant, user): the sum over their lists of distinct categories per item shown. */
async function userDiversity(conn: DatabaseConnection, experiment: Experiment): Promise<Map<string, number>> {
  const rows = await conn.query<{ user_id: string; variant: string; diversity: number }>(
    `select s.user_id, s.variant, sum(d.diversity)::float8 as diversity
     from impressions s
     ${LIST_DIVERSITY}
     where s.experiment = $1 and s.variant is not null
     group by s.user_id, s.variant`,
    [experiment.key],
  );
  return new Map(rows.map((row) => [`${row.variant}\u0000${row.user_id}`, Number(row.diversity)]));
}

/** Per exposed user: their events from first exposure until the experiment stopped, weighted like training weighs them. */
async function userEngagement(conn: DatabaseConnection, experiment: Experiment, weights: EventWeights): Promise<Map<string, number>> {
  const rows = await conn.query<{ user_id: string; variant: string; engagement: number }>(
    `select x.user_id, x.variant, coalesce(sum(${WEIGHTED_EVENT}), 0)::float8 as engagement
     from experiment_exposures x
     left join users u on u.external_id = x.user_id
     left join events e on e.user_id = u.id and e.occurred_at >= x.first_exposed_at and ($3::timestamptz is null or e.occurred_at < $3::timestamptz)
     where x.experiment_id = $1
     group by x.user_id, x.variant`,
    [experiment.id, JSON.stringify(weights), experiment.stoppedAt?.toISOString() ?? null],
  );
  return new Map(rows.map((row) => [`${row.variant}\u0000${row.user_id}`, Number(row.engagement)]));
}

// Pre-period (CUPED covariate) queries: per exposed user, the same sums over the PRE_PERIOD_DAYS before their first exposure, counting only what happened before it.

/** Per (variant, user) with lists in their pre-period: lists, items shown, and distinct items clicked and converted before the first exposure. */
async function prePeriodUnits(conn: DatabaseConnection, experiment: Experiment): Promise<Map<string, Pick<UnitSums, 'lists' | 'shown' | 'clicks' | 'conversions'>>> {
  const rows = await conn.query<{ user_id: string; variant: string; lists: number; shown: number; clicks: number; conversions: number }>(
    `with lists as (
       select x.user_id, x.variant, ${LIST_OUTCOMES}
       from experiment_exposures x
       ${PRE_PERIOD_LISTS}
       left join events e on e.recommendation_id = s.recommendation_id and e.type in ('click', 'purchase', 'add_to_cart') and e.occurred_at < x.first_exposed_at
       where x.experiment_id = $1
       group by x.user_id, x.variant, s.id
     )
     select user_id, variant, ${USER_OUTCOMES} from lists group by user_id, variant`,
    [experiment.id, PRE_PERIOD_DAYS],
  );
  return new Map(rows.map((row) => [`${row.variant}\u0000${row.user_id}`, { lists: Number(row.lists), shown: Number(row.shown), clicks: Number(row.clicks), conversions: Number(row.conversions) }]));
}

/** Per (variant, user): the sum over their pre-period lists of distinct categories per item shown. */
async function prePeriodDiversity(conn: DatabaseConnection, experiment: Experiment): Promise<Map<string, number>> {
  const rows = await conn.query<{ user_id: string; variant: string; diversity: number }>(
    `select x.user_id, x.variant, sum(d.diversity)::float8 as diversity
     from experiment_exposures x
     ${PRE_PERIOD_LISTS}
     ${LIST_DIVERSITY}
     where x.experiment_id = $1
     group by x.user_id, x.variant`,
    [experiment.id, PRE_PERIOD_DAYS],
  );
  return new Map(rows.map((row) => [`${row.variant}\u0000${row.user_id}`, Number(row.diversity)]));
}

/** Per (variant, user) with events in their pre-period: those events, weighted as for engagement. */
async function prePeriodEngagement(conn: DatabaseConnection, experiment: Experiment, weights: EventWeights): Promise<Map<string, number>> {
  const rows = await conn.query<{ user_id: string; variant: string; engagement: number }>(
    `select x.user_id, x.variant, coalesce(sum(${WEIGHTED_EVENT}), 0)::float8 as engagement
     from experiment_exposures x
     join users u on u.external_id = x.user_id
     join events e on e.user_id = u.id and e.occurred_at < x.first_exposed_at and e.occurred_at >= x.first_exposed_at - $3::int * interval '1 day'
     where x.experiment_id = $1
     group by x.user_id, x.variant`,
    [experiment.id, JSON.stringify(weights), PRE_PERIOD_DAYS],
  );
  return new Map(rows.map((row) => [`${row.variant}\u0000${row.user_id}`, Number(row.engagement)]));
}

/** Per variant: distinct items served over the items servable now. */
async function variantCoverage(conn: DatabaseConnection, experiment: Experiment): Promise<Map<string, number>> {
  const [served, [catalogue]] = await Promise.all([
    conn.query<{ variant: string; items: number }>(
      `select s.variant, count(distinct u.id)::float8 as items
       from impressions s cross join lateral unnest(s.items) as u(id)
       where s.experiment = $1 and s.variant is not null
       group by s.variant`,
      [experiment.key],
    ),
    conn.query<{ items: number }>(`select count(*)::float8 as items from items where not is_hidden`),
  ]);
  const size = Number(catalogue?.items ?? 0);
  return new Map(served.map((row) => [row.variant, size > 0 ? Number(row.items) / size : 0]));
}

/** Per variant: the 99th percentile of serving latency, in milliseconds. */
async function variantLatency(conn: DatabaseConnection, experiment: Experiment): Promise<Map<string, number>> {
  const rows = await conn.query<{ variant: string; p99: number }>(
    `select variant, percentile_cont(0.99) within group (order by latency_ms)::float8 as p99
     from impressions where experiment = $1 and variant is not null group by variant`,
    [experiment.key],
  );
  return new Map(rows.map((row) => [row.variant, Number(row.p99)]));
}

async function exposureCounts(conn: DatabaseConnection, experiment: Experiment): Promise<Map<string, number>> {
  const rows = await conn.query<{ variant: string; users: number }>(`select variant, count(*)::float8 as users from experiment_exposures where experiment_id = $1 group by variant`, [experiment.id]);
  return new Map(rows.map((row) => [row.variant, Number(row.users)]));
}

export type SeriesGranularity = 'hour' | 'day';
/** Until an experiment has run this long, its series is hourly: a daily one would be a dot or two. */
const HOURLY_UNTIL_MS = 3 * DAY_MS;
const BUCKET_FORMATS: Record<SeriesGranularity, string> = { day: 'YYYY-MM-DD', hour: 'YYYY-MM-DD"T"HH24":00Z"' };

function seriesGranularity(experiment: Experiment, now: Date): SeriesGranularity {
  const until = Math.min(now.getTime(), experiment.stoppedAt?.getTime() ?? Infinity);
  return experiment.startedAt && until - experiment.startedAt.getTime() < HOURLY_UNTIL_MS ? 'hour' : 'day';
}

/** Per variant and UTC day (or hour, early on): new exposures, items shown and distinct items clicked (by the day the list was served). */
async function dailySeries(conn: DatabaseConnection, experiment: Experiment, granularity: SeriesGranularity): Promise<DailyRow[]> {
  const bucket = (column: string) => `to_char(date_trunc('${granularity}', ${column} at time zone 'UTC'), '${BUCKET_FORMATS[granularity]}')`;
  const [exposures, served] = await Promise.all([
    conn.query<{ variant: string; day: string; exposures: number }>(
      `select variant, ${bucket('first_exposed_at')} as day, count(*)::float8 as exposures
       from experiment_exposures where experiment_id = $1 group by 1, 2`,
      [experiment.id],
    ),
    conn.query<{ variant: string; day: string; impressions: number; clicks: number }>(
      `with lists as (
         select s.variant, s.served_at, cardinality(s.items) as shown, count(distinct e.item_id) as clicks
         from impressions s
         left join events e on e.recommendation_id = s.recommendation_id and e.type = 'click'
         where s.experiment = $1 and s.variant is not null
         group by s.id
       )
       select variant, ${bucket('served_at')} as day,
              sum(shown)::float8 as impressions, sum(least(clicks, shown))::float8 as clicks
       from lists group by 1, 2`,
      [experiment.key],
    ),
  ]);
  const rows = new Map<string, DailyRow>();
  const rowOf = (variant: string, day: string) => {
    const key = `${variant}\u0000${day}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { variant, day, exposures: 0, impressions: 0, clicks: 0 }));
    return row;
  };
  for (const row of exposures) rowOf(row.variant, row.day).exposures += Number(row.exposures);
  for (const row of served) {
    const target = rowOf(row.variant, row.day);
    target.impressions += Number(row.impressions);
    target.clicks += Number(row.clicks);
  }
  return [...rows.values()];
}
