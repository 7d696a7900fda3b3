import { z } from 'zod';
import { pageLimit } from '@/lib/api/fields';
import { EXPERIMENT_STATUSES, EXPERIMENT_TYPES, LAYER_SLOTS, MAX_BREAKDOWN_ATTRIBUTES, METRICS, TESTABLE_METRICS, slotCount, type Experiment } from './types';

export * from './types';

/** Weights must sum to 1 within this; any looser and a typo (0.5 + 0.4) would pass. */
export const WEIGHT_TOLERANCE = 1e-6;
export const MAX_VARIANTS = 10;
export const DEFAULT_BANDIT_INTERVAL_MINUTES = 60;
/** p99 latency may grow by a fifth before a variant is flagged; tighten it per experiment. */
export const DEFAULT_GUARDRAILS = [{ metric: 'latency_p99' as const, max_degradation: 0.2 }];

/**
 * Keys of experiments, variants, layers and strategies. They travel in `X-Experiment: key:variant`
 * and in URLs, so no colons, spaces or slashes.
 */
export const slug = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'must be 1–64 letters, digits, _ . or -, starting with a letter or digit');

/** `all`, `new`, `returning`, or an attribute rule `key=value` (split at the first `=`). */
const targeting = z
  .string()
  .trim()
  .max(256)
  .regex(/^(all|new|returning|[^=]+=.+)$/, "must be 'all', 'new', 'returning' or an attribute rule 'key=value'");

const variantInput = z
  .object({
    key: slug,
    strategy: slug,
    weight: z.number().gt(0, 'must be above 0').max(1).optional(),
  })
  .strict();

const guardrail = z
  .object({
    metric: z.enum(METRICS),
    max_degradation: z.number().gt(0).max(10),
  })
  .strict();

/** A key of users' `attributes`, as profiles store them. */
const attributeKey = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/, 'must be an attribute key: 1–64 letters, digits, _ . or -');

const breakdownAttributes = z
  .array(attributeKey)
  .max(MAX_BREAKDOWN_ATTRIBUTES, `at most ${MAX_BREAKDOWN_ATTRIBUTES} attributes`)
  .superRefine((keys, context) => {
    keys.forEach((key, index) => {
      if (keys.indexOf(key) !== index) context.addIssue({ code: 'custom', path: [index], message: `'${key}' appears twice` });
    });
  });

const banditSettings = z
  .object({
    /** At least 5 minutes: each reallocation reads the experiment's impressions. */
    reallocate_every_minutes: z.number().int().min(5).max(7 * 24 * 60),
  })
  .strict();

const fields = {
  name: z.string().trim().min(1).max(200),
  hypothesis: z.string().max(5000),
  type: z.enum(EXPERIMENT_TYPES),
  layer: slug,
  coverage_percent: z.number().min(0).max(100),
  targeting,
  variants: z.array(variantInput).min(2, 'an experiment needs a control and at least one other variant').max(MAX_VARIANTS),
  primary_metric: z.enum(TESTABLE_METRICS),
  secondary_metrics: z.array(z.enum(METRICS)).max(METRICS.length),
  guardrails: z.array(guardrail).max(METRICS.length),
  breakdown_attributes: breakdownAttributes,
  bandit: banditSettings.nullable(),
};

type VariantInput = z.infer<typeof variantInput>;

/** Weights are all given or all left out (an even split); given, they must sum to 1. */
function checkVariants(variants: VariantInput[], context: z.RefinementCtx): void {
  const seen = new Set<string>();
  variants.forEach((variant, index) => {
    if (seen.has(variant.key)) context.addIssue({ code: 'custom', path: ['variants', index, 'key'], message: `variant '${variant.key}' appears twice` });
    seen.add(variant.key);
  });
  const given = variants.filter((variant) => variant.weight !== undefined);
  if (given.length === 0) return;
  if (given.length < variants.length) {
    variants.forEach((variant, index) => {
      if (variant.weight === undefined) context.addIssue({ code: 'custom', path: ['variants', index, 'weight'], message: 'give every variant a weight, or none for an even split' });
    });
    return;
  }
  const sum = given.reduce((total, variant) => total + (variant.weight ?? 0), 0);
  if (Math.abs(sum - 1) > WEIGHT_TOLERANCE) context.addIssue({ code: 'custom', path: ['variants'], message: `weights sum to ${sum}; they must sum to 1` });
}

function checkMetrics(shape: { primary_metric?: string; secondary_metrics?: string[] }, context: z.RefinementCtx): void {
  const secondary = shape.secondary_metrics ?? [];
  secondary.forEach((metric, index) => {
    if (metric === shape.primary_metric) context.addIssue({ code: 'custom', path: ['secondary_metrics', index], message: `'${metric}' is already the primary metric` });
    else if (secondary.indexOf(metric) !== index) context.addIssue({ code: 'custom', path: ['secondary_metrics', index], message: `'${metric}' appears twice` });
  });
}

function checkBandit(shape: { type: string; bandit: unknown }, context: z.RefinementCtx): void {
  if (shape.type !== 'bandit' && shape.bandit !== null) context.addIssue({ code: 'custom', path: ['bandit'], message: "only experiments of type 'bandit' take bandit settings" });
}

export const experimentInputSchema = z
  .object({
    // `/api/v1/experiments/plan` is the planning estimate, so no experiment may live at that path.
    key: slug.refine((key) => key !== 'plan', "'plan' is reserved"),
    name: fields.name.optional(),
    hypothesis: fields.hypothesis.default(''),
    type: fields.type.default('ab'),
    layer: fields.layer.default('default'),
    coverage_percent: fields.coverage_percent.default(100),
    targeting: fields.targeting.default('all'),
    variants: fields.variants,
    primary_metric: fields.primary_metric.default('ctr'),
    secondary_metrics: fields.secondary_metrics.default([]),
    guardrails: fields.guardrails.default(DEFAULT_GUARDRAILS),
    breakdown_attributes: fields.breakdown_attributes.default([]),
    bandit: fields.bandit.default(null),
  })
  .strict()
  .superRefine((input, context) => {
    checkVariants(input.variants, context);
    checkMetrics(input, context);
    checkBandit(input, context);
  });

export type ExperimentInput = z.infer<typeof experimentInputSchema>;

/** Only the fields present change; whether they may change depends on the status (lifecycle.ts). */
export const experimentPatchSchema = z
  .object(fields)
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'at least one field must be given' })
  .superRefine((patch, context) => {
    if (patch.variants) checkVariants(patch.variants, context);
  });

export type ExperimentPatch = z.infer<typeof experimentPatchSchema>;

/** The metric and bandit rules, judged on the experiment a patch leaves behind. */
export function experimentPatchSchemaFor(current: Experiment) {
  return experimentPatchSchema.superRefine((patch, context) => {
    if (patch.secondary_metrics) checkMetrics({ primary_metric: patch.primary_metric ?? current.primaryMetric, secondary_metrics: patch.secondary_metrics }, context);
    if ((patch.type ?? current.type) !== 'bandit' && patch.bandit) checkBandit({ type: 'ab', bandit: patch.bandit }, context);
  });
}

/** Even split when no weights were given. */
export function variantWeights(variants: { weight?: number }[]): number[] {
  return variants.map((variant) => variant.weight ?? 1 / variants.length);
}

export const experimentListQuerySchema = z
  .object({
    status: z.enum(EXPERIMENT_STATUSES).optional(),
    type: z.enum(EXPERIMENT_TYPES).optional(),
    layer: slug.optional(),
    limit: pageLimit(200, 50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

export type ExperimentListQuery = z.infer<typeof experimentListQuerySchema>;

export const shipInputSchema = z
  .object({
    variant: slug,
    /** Why, in the editor's words: kept in the audit log's decision note. */
    note: z.string().trim().max(1000).optional(),
    /** The experiment's key, typed to confirm shipping a losing or guardrail-breaching variant. */
    confirm_key: z.string().max(64).optional(),
  })
  .strict();

export const resultsQuerySchema = z
  .object({
    /** Minimum detectable effect, relative: 0.05 is a 5% lift. */
    mde: z.coerce.number().gt(0).max(10).default(0.05),
  })
  .strict();

/** The creation form's estimate: `GET /api/v1/experiments/plan?metric=ctr&mde=0.05&coverage_percent=100&variants=2`. */
export const planQuerySchema = z
  .object({
    /** The ratio metrics, whose history every served list records. */
    metric: z.enum(['ctr', 'conversion']).default('ctr'),
    mde: z.coerce.number().gt(0).max(10).default(0.05),
    coverage_percent: z.coerce.number().gt(0).max(100).default(100),
    variants: z.coerce.number().int().min(2).max(MAX_VARIANTS).default(2),
  })
  .strict();
export type PlanQuery = z.infer<typeof planQuerySchema>;

/** An experiment as the API returns it. */
export interface ExperimentJson {
  key: string;
  name: string;
  hypothesis: string;
  type: Experiment['type'];
  status: Experiment['status'];
  layer: string;
  coverage_percent: number;
  /** The share of the layer the experiment owns, in percent: [from, to). Null until it first starts. */
  layer_range_percent: [number, number] | null;
  targeting: string;
  control: string;
  variants: { key: string; strategy: string; weight: number; strategy_version: number | null }[];
  primary_metric: string;
  secondary_metrics: string[];
  guardrails: { metric: string; max_degradation: number }[];
  breakdown_attributes: string[];
  bandit: { reallocate_every_minutes: number; last_reallocated_at: string | null } | null;
  shipped_variant: string | null;
  started_at: string | null;
  stopped_at: string | null;
  created_at: string;
  updated_at: string;
}

const percentOfSlots = (slots: number) => (slots / LAYER_SLOTS) * 100;

export function toExperimentJson(experiment: Experiment): ExperimentJson {
  const start = experiment.slotStart;
  return {
    key: experiment.key,
    name: experiment.name,
    hypothesis: experiment.hypothesis,
    type: experiment.type,
    status: experiment.status,
    layer: experiment.layer,
    coverage_percent: experiment.coveragePercent,
    layer_range_percent: start === null ? null : [percentOfSlots(start), percentOfSlots(start + slotCount(experiment.coveragePercent))],
    targeting: experiment.targeting,
    control: experiment.variants[0]?.key ?? '',
    variants: experiment.variants.map((variant) => ({ key: variant.key, strategy: variant.strategy, weight: variant.weight, strategy_version: variant.strategyVersion })),
    primary_metric: experiment.primaryMetric,
    secondary_metrics: experiment.secondaryMetrics,
    guardrails: experiment.guardrails.map((rail) => ({ metric: rail.metric, max_degradation: rail.maxDegradation })),
    breakdown_attributes: experiment.breakdownAttributes,
    bandit:
      experiment.banditIntervalMinutes === null
        ? null
        : { reallocate_every_minutes: experiment.banditIntervalMinutes, last_reallocated_at: experiment.lastReallocatedAt?.toISOString() ?? null },
    shipped_variant: experiment.shippedVariant,
    started_at: experiment.startedAt?.toISOString() ?? null,
    stopped_at: experiment.stoppedAt?.toISOString() ?? null,
    created_at: experiment.createdAt.toISOString(),
    updated_at: experiment.updatedAt.toISOString(),
  };
}
