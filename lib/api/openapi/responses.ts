import { z } from 'zod';
import { modelStatus, trainingStatus, trainingTrigger } from '@/db/schema';
import { API_KEY_SCOPES, PERMISSIONS, ROLES } from '@/lib/auth/types';
import { CURATION_KINDS, CURATION_TARGET_TYPES } from '@/lib/curation/types';
import { EVENT_TYPES } from '@/lib/events/types';
import { TIME_RANGES } from '@/lib/metrics/ranges';
import { CUPED_SKIP_REASONS } from '@/lib/experiments/stats/cuped';
import { SAMPLE_RATIO_STATUSES, SRM_MIN_EXPECTED_PER_VARIANT, SRM_MIN_EXPOSURES } from '@/lib/experiments/stats/srm';
import { EXPERIMENT_STATUSES, EXPERIMENT_TYPES, METRICS, TESTABLE_METRICS } from '@/lib/experiments/types';
import { CANDIDATE_SOURCES } from '@/lib/recommend/candidates/types';
import type { AdjustmentKind, ReasonKind } from '@/lib/recommend/explain';
import type { ExtraSource } from '@/lib/recommend/serve';
import { strategyConfigSchema } from '@/lib/strategies/schema';
import { DATA_SHARING_LEVELS } from '@/lib/users/schema';

/**
 * What the API answers, as JSON on the wire (timestamps are ISO 8601 strings). The OpenAPI
 * document is generated from these, and the contract test checks every response the route
 * integration tests receive against them. Analytical answers (results, dashboards, explanations)
 * name their top-level fields and leave the nested detail open: the console reads them whole.
 */

const timestamp = z.iso.datetime({ offset: true });
const nullableTimestamp = timestamp.nullable();
const openObject = z.looseObject({});
const page = { total: z.number().int().nonnegative(), limit: z.number().int(), offset: z.number().int() };

export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable machine-readable code: invalid_request, unauthorized, forbidden, not_found, conflict, payload_too_large, unsupported_media_type, unavailable, internal_error.' }),
      message: z.string(),
      fields: z.array(z.object({ field: z.string(), message: z.string(), index: z.number().int().optional() })).optional(),
    }),
  })
  .meta({
    id: 'Error',
    description: 'Every failure has this shape; `fields` names each bad input field (with its index in a batch).',
    examples: [{ error: { code: 'invalid_request', message: 'invalid event batch: [1].type: Invalid option', fields: [{ field: '[1].type', index: 1, message: 'Invalid option' }] } }],
  });

export const itemSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    category: z.string().nullable(),
    tags: z.array(z.string()),
    attributes: z.record(z.string(), z.unknown()),
    is_hidden: z.boolean(),
    published_at: nullableTimestamp,
    expires_at: nullableTimestamp,
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'Item' });

export const itemPageSchema = z.object({ items: z.array(itemSchema), ...page });
export const upsertResultSchema = z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }).meta({ id: 'UpsertResult' });

export const itemStatsSchema = z
  .object({
    item: z.string(),
    days: z.number().int(),
    impressions: z.number().int(),
    clicks: z.number().int(),
    recommended_clicks: z.number().int(),
    other_clicks: z.number().int(),
    ctr: z.number().nullable().describe('Clicks on recommendations / impressions: the CTR definition the overview and experiments use.'),
    daily: z.array(z.object({ day: z.string(), impressions: z.number().int(), recommended_clicks: z.number().int(), other_clicks: z.number().int() })),
  })
  .meta({ id: 'ItemStats' });

const REASON_KINDS = ['because_you_watched', 'editors_pick', 'new_arrival', 'trending', 'popular_in_category', 'matches_interest', 'similar_users'] as const satisfies readonly ReasonKind[];
const scoreBreakdownSchema = z
  .object({
    baseline: z.number(),
    contributions: z.array(z.object({ feature: z.string(), value: z.number(), contribution: z.number() })),
    exposure_penalty: z.number().describe("What the exposure penalty took from the ranker's score for the item being on many users' first pages already; 0 when none."),
  })
  .meta({ id: 'ScoreBreakdown', description: "The ranker's score split into per-feature contributions that add up to score + exposure_penalty − baseline." });

const ADJUSTMENT_KINDS = ['boosted', 'lowered', 'moved_up_by_diversity', 'moved_down_by_diversity', 'exploration', 'pinned'] as const satisfies readonly AdjustmentKind[];

const reasonSchema = z.object({ kind: z.enum(REASON_KINDS), text: z.string(), item: z.string().optional().meta({ description: 'The history item behind a "because you watched" reason.' }) });

const EXTRA_SOURCES = ['editorial', 'fresh'] as const satisfies readonly ExtraSource[];

const fallbackSchema = z
  .enum(['ranker', 'feature_store', 'neighbors_trending', 'no_model', 'popular'])
  .nullable()
  .meta({ description: 'What served the list when the full pipeline could not; null when it could.' });

export const servedItemSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    category: z.string().nullable(),
    score: z.number(),
    reasons: z.array(reasonSchema),
    sources: z.array(z.enum([...CANDIDATE_SOURCES, ...EXTRA_SOURCES])).optional().meta({ description: 'With `explain`: the candidate sources that proposed it.' }),
    explanation: scoreBreakdownSchema.nullable().optional(),
    score_rank: z.number().int().min(1).nullable().optional().meta({ description: 'With `explain`: the rank of its score before post-processing; null when placed (pinned, exploration), not ranked.' }),
    adjustments: z
      .array(z.object({ kind: z.enum(ADJUSTMENT_KINDS), text: z.string() }))
      .optional()
      .meta({ description: 'With `explain`: what moved the item from its score rank or placed it: boosts, diversity, exploration, pins.' }),
  })
  .meta({ id: 'ServedItem' });

export const recommendationResponseSchema = z
  .object({
    recommendation_id: z.string().meta({ description: 'Send it back as `recommendation_id` on the events the list leads to.' }),
    model_version: z.number().int().nullable(),
    strategy: z.string(),
    experiment: z.string().nullable(),
    variant: z.string().nullable(),
    fallback: fallbackSchema,
    items: z.array(servedItemSchema),
    next_cursor: z.string().nullable(),
    timings_ms: z.record(z.string(), z.number()),
  })
  .meta({
    id: 'Recommendations',
    examples: [
      {
        recommendation_id: 'r-5f2c',
        model_version: 3,
        strategy: 'hybrid',
        experiment: null,
        variant: null,
        fallback: null,
        items: [{ id: 'i-7', title: 'Blue running shoes', category: 'shoes', score: 0.9321, reasons: [{ kind: 'because_you_watched', text: 'Because you viewed Trail shoes', item: 'i-3' }] }],
        next_cursor: 'eyJyIjoiYTEiLCJvIjoyMH0',
        timings_ms: { total: 12.4 },
      },
    ],
  });

export const eventResultSchema = z
  .object({ accepted: z.number().int(), duplicates: z.number().int(), duplicate_event_ids: z.array(z.string()) })
  .meta({ id: 'EventResult', description: 'Events whose `event_id` was seen before are counted as duplicates and not recorded again.' });

export const userSchema = z
  .object({
    id: z.string(),
    preferences: z.object({ categories: z.array(z.string()), attributes: z.record(z.string(), z.unknown()) }),
    data_sharing: z.enum(DATA_SHARING_LEVELS),
    created_at: timestamp,
    last_active_at: nullableTimestamp,
  })
  .meta({ id: 'User' });

const historyEntrySchema = z.object({
  event_id: z.string(),
  type: z.enum(EVENT_TYPES),
  value: z.number().nullable(),
  timestamp,
  item: z.object({ id: z.string(), title: z.string(), category: z.string().nullable() }),
});

const exposureSchema = z
  .object({ experiment: z.string(), variant: z.string(), first_exposed_at: timestamp, device: z.string().nullable(), returning: z.boolean().nullable() })
  .meta({ description: 'First serving under each experiment, with the device it was requested from and whether the user was returning (results break down by both).' });
export const userWithHistorySchema = userSchema.extend({
  history: z.array(historyEntrySchema),
  experiments: z.array(exposureSchema).meta({ description: 'The experiments the user was served in and the variant each assigned them, earliest first.' }),
});
export const userPageSchema = z.object({ users: z.array(userSchema.extend({ event_count: z.number().int() })), ...page });
export const userDeletedSchema = z.object({ id: z.string(), deleted: z.literal(true), deleted_events: z.number().int() });
export const userExportSchema = z.object({
  exported_at: timestamp,
  user: userSchema,
  events: z.array(historyEntrySchema.extend({ session_id: z.string().nullable(), recommendation_id: z.string().nullable(), context: z.record(z.string(), z.unknown()).nullable() })),
  impressions: z.array(
    z.object({ recommendation_id: z.string(), served_at: timestamp, surface: z.string(), items: z.array(z.string()), strategy: z.string(), experiment: z.string().nullable(), variant: z.string().nullable() }),
  ),
  experiment_exposures: z.array(exposureSchema),
});
export const liveProfileSchema = z.object({
  recent: z
    .array(z.object({ itemId: z.string(), type: z.enum(EVENT_TYPES), at: z.number(), strength: z.number().optional(), title: z.string().nullable(), category: z.string().nullable() }))
    .meta({ description: 'Newest first; `at` is epoch milliseconds.' }),
  session: z.object({ id: z.string().nullable(), category: z.string().nullable(), views: z.number().int(), startedAt: z.number(), lastAt: z.number() }).nullable(),
  affinities: z.array(z.object({ category: z.string(), affinity: z.number() })).meta({ description: 'Decayed to now, strongest first.' }),
  updated_at: nullableTimestamp,
});

const ruleEffectSchema = z.object({ rule: z.number().int(), action: z.enum(['pinned', 'boosted', 'lowered', 'picked', 'blocked']), text: z.string() }).meta({ id: 'CurationRuleEffect' });

export const curationRuleSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(CURATION_KINDS),
    target_type: z.enum(CURATION_TARGET_TYPES),
    target: z.string(),
    position: z.number().int().nullable(),
    boost: z.number().nullable(),
    segment: z.string().nullable(),
    starts_at: nullableTimestamp,
    ends_at: nullableTimestamp,
    note: z.string(),
    collection: z.string().nullable(),
    created_by: z.string().nullable(),
    created_at: timestamp,
    updated_at: timestamp,
    target_item: z
      .object({ title: z.string(), category: z.string().nullable() })
      .nullable()
      .meta({ description: 'The catalog item an item rule targets; null for tags, categories and ids the catalog does not have.' }),
  })
  .meta({ id: 'CurationRule' });

export const curationRulePageSchema = z.object({ rules: z.array(curationRuleSchema), ...page });
export const feedPreviewSchema = z.object({
  user: z.string(),
  model_version: z.number().int().nullable(),
  fallback: fallbackSchema,
  rules: z.array(curationRuleSchema).meta({ description: 'The rules in force for this user now, in the order serving applies them.' }),
  curated: z.array(servedItemSchema),
  uncurated: z.array(servedItemSchema),
  attribution: z
    .object({
      curated: z.array(z.object({ id: z.string(), rules: z.array(ruleEffectSchema) })).meta({ description: 'Each curated item, in order, with the rules that pinned, boosted or picked it.' }),
      removed: z
        .array(z.object({ id: z.string(), position: z.number().int(), rules: z.array(ruleEffectSchema) }))
        .meta({ description: 'Items of the feed without rules missing with them; `rules` names the blocks or lowering boosts that removed each, empty when others pushed it off the page.' }),
    })
    .meta({ description: 'Which rule acted on each item, matched as serving matches.' }),
});

export const experimentSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    hypothesis: z.string(),
    type: z.enum(EXPERIMENT_TYPES),
    status: z.enum(EXPERIMENT_STATUSES),
    layer: z.string(),
    coverage_percent: z.number(),
    layer_range_percent: z.tuple([z.number(), z.number()]).nullable(),
    targeting: z.string(),
    control: z.string(),
    variants: z.array(z.object({ key: z.string(), strategy: z.string(), weight: z.number(), strategy_version: z.number().int().nullable() })),
    primary_metric: z.string(),
    secondary_metrics: z.array(z.string()),
    guardrails: z.array(z.object({ metric: z.string(), max_degradation: z.number() })),
    breakdown_attributes: z.array(z.string()).meta({ description: 'User attributes the results break the primary metric down by, besides device and new vs returning.' }),
    bandit: z.object({ reallocate_every_minutes: z.number().int(), last_reallocated_at: nullableTimestamp }).nullable(),
    shipped_variant: z.string().nullable(),
    started_at: nullableTimestamp,
    stopped_at: nullableTimestamp,
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'Experiment' });

export const experimentPageSchema = z.object({ experiments: z.array(experimentSchema), ...page });
const interval = z.tuple([z.number(), z.number()]);
const estimate = z.object({ estimate: z.number(), ci: interval, p_value: z.number() });
const relativeInterval = z
  .tuple([z.number(), z.number().nullable()])
  .meta({ description: "Relative lift interval by Fieller's method: never below −1 (−100%); a null upper bound is unbounded (the control mean cannot yet be told from 0)." });
const relativeEstimate = z.object({ estimate: z.number(), ci: relativeInterval, p_value: z.number() });
const verdict = z.enum(['better', 'worse', 'inconclusive', 'insufficient_sample', 'insufficient_data']);
const comparisonSchema = z.object({
  variant: z.string(),
  absolute_lift: z.number(),
  relative_lift: z.number(),
  ci: interval.meta({ description: 'The default, sequential (always-valid) view.' }),
  relative_ci: relativeInterval,
  p_value: z.number(),
  chance_to_beat_control: z.number(),
  sequential: z.object({ alpha: z.number(), absolute: estimate, relative: relativeEstimate }),
  fixed_horizon: z.object({ alpha: z.number(), absolute: estimate.extend({ se: z.number() }), relative: relativeEstimate.extend({ se: z.number() }), holm_p_value: z.number() }),
  verdict,
});

const breakdownsSchema = z
  .object({
    metric: z.enum(TESTABLE_METRICS),
    alpha: z.number(),
    min_users_per_variant: z.number().int(),
    max_cells: z.number().int(),
    tests: z.number().int().meta({ description: 'Comparisons the Holm correction spans: every compared variant in every cell with enough data, across all dimensions.' }),
    dimensions: z.array(
      z.object({
        kind: z.enum(['device', 'new_vs_returning', 'attribute']),
        key: z.string().meta({ description: '`device`, `returning`, or the attribute key.' }),
        cells: z.array(
          z.object({
            value: z.string().nullable().meta({ description: 'Null for users with no value recorded, and for the merged "other" cell.' }),
            other: z.boolean(),
            values: z.number().int().meta({ description: 'Values merged into the "other" cell; 1 otherwise.' }),
            users: z.record(z.string(), z.number()),
            enough_data: z.boolean().meta({ description: 'False below `min_users_per_variant` in some variant: no comparison is made.' }),
            comparisons: z
              .array(
              z.object({
                variant: z.string(),
                relative_lift: z.number(),
                relative_interval: z
                  .object({ lower: z.number(), upper: z.number().nullable() })
                  .meta({ description: 'Fixed-horizon, by Fieller\'s method, not adjusted for the number of cells: never below −1; a null upper bound is unbounded.' }),
                p_value: z.number().meta({ description: 'Fixed-horizon, as the interval: neither is adjusted for the number of cells.' }),
                adjusted_p_value: z.number().meta({ description: 'Holm-adjusted across all cells of all dimensions.' }),
                significant: z.boolean().meta({ description: 'The adjusted p-value is below `alpha`.' }),
              }),
            )
              .meta({ description: 'The variants the stats could compare with the control in this cell; empty without enough data, or without data for the metric.' }),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'ExperimentBreakdowns', description: 'The primary metric by device, new vs returning and the chosen user attributes; p-values Holm-adjusted across all cells.' });
const cupedSchema = z
  .object({
    applied: z.boolean(),
    variance_reduction: z.number().nullable().meta({ description: 'Share of the estimates\' variance removed (1 − adjusted / unadjusted); null when not applied.' }),
    pre_period_days: z.number().int(),
    users_with_pre_period: z.number().int(),
    reason: z.enum(CUPED_SKIP_REASONS).nullable().meta({ description: 'Why CUPED was not applied; null when it was.' }),
  })
  .nullable()
  .meta({
    description:
      "CUPED: the comparisons (lifts, intervals, p-values) are adjusted by each user's value of the metric over the pre-period before their first exposure; the variants' values stay as observed. Null for aggregate metrics.",
  });

export const experimentPlanSchema = z
  .object({
    metric: z.enum(['ctr', 'conversion']),
    mde: z.number(),
    power: z.number(),
    alpha: z.number(),
    window_days: z.number(),
    baseline: z.number().nullable(),
    history_users: z.number(),
    sample_size_per_variant: z.number().nullable(),
    daily_users: z.number().optional().describe('Distinct active users a day within the coverage; absent without a sample size.'),
    audience_users: z.number().optional(),
    reachable: z.boolean().optional(),
    duration_days: z.number().nullable().optional(),
  })
  .meta({ id: 'ExperimentPlan', description: 'Sample size from the metric history, and whether and when the active users supply it.' });

export const experimentResultsSchema = z
  .object({
    experiment: z.string(),
    type: z.enum(EXPERIMENT_TYPES),
    status: z.enum(EXPERIMENT_STATUSES),
    control: z.string(),
    started_at: nullableTimestamp,
    stopped_at: nullableTimestamp,
    generated_at: timestamp,
    default_view: z.literal('sequential'),
    alpha: z.number(),
    variants: z.array(
      z.object({ key: z.string(), strategy: z.string(), strategy_version: z.number().int().nullable(), weight: z.number(), users: z.number(), lists: z.number(), impressions: z.number(), clicks: z.number(), ctr: z.number().nullable() }),
    ),
    srm: z
      .object({
        chi_square: z.number(),
        p_value: z.number(),
        threshold: z.number(),
        status: z.enum(SAMPLE_RATIO_STATUSES).meta({
          description: `not_enough_data below ${SRM_MIN_EXPOSURES} exposures in total or ${SRM_MIN_EXPECTED_PER_VARIANT} expected in any variant: the p-value then decides nothing.`,
        }),
        mismatch: z.boolean(),
        observed: z.record(z.string(), z.number()),
        expected: z.record(z.string(), z.number()),
      })
      .nullable()
      .meta({ description: 'Sample-ratio mismatch check; null for a bandit, which moves its split on purpose.' }),
    metrics: z.array(
      z.object({
        metric: z.enum(METRICS),
        primary: z.boolean(),
        kind: z.enum(['ratio', 'mean', 'aggregate']),
        cuped: cupedSchema,
        variants: z.array(z.object({ variant: z.string(), users: z.number(), value: z.number().nullable(), numerator: z.number().optional(), denominator: z.number().optional() })),
        comparisons: z.array(z.union([comparisonSchema, z.object({ variant: z.string(), verdict })])),
        minimum_sample_per_variant: z.number().nullable(),
      }),
    ),
    guardrails: z.array(z.object({ metric: z.enum(METRICS), max_degradation: z.number(), variants: z.array(z.object({ variant: z.string(), relative_change: z.number().nullable(), breached: z.boolean() })) })),
    planning: z.object({
      metric: z.enum(METRICS),
      mde: z.number(),
      power: z.number(),
      alpha: z.number(),
      baseline: z.number().nullable(),
      sample_size_per_variant: z.number().nullable(),
      users_per_variant: z.record(z.string(), z.number()),
      ready: z.boolean(),
      daily_users: z.number().nullable().describe('Distinct active users a day (any event) within the coverage, over the last 28 days.'),
      audience_users: z.number().nullable().describe('Distinct users active in the last 28 days within the coverage.'),
      reachable: z.boolean().nullable().describe('False when the audience cannot supply the required sample in every variant: no verdict at this MDE.'),
      duration_days: z.number().nullable(),
      days_remaining: z.number().nullable(),
    }),
    timeseries_granularity: z.enum(['hour', 'day']).describe('Hourly points while the experiment is under three days old; `date` is then `YYYY-MM-DDTHH:00Z`.'),
    timeseries: z.record(z.string(), z.array(z.object({ date: z.string(), exposures: z.number(), impressions: z.number(), clicks: z.number(), ctr: z.number().nullable() }))),
    weight_history: z.array(z.object({ at: timestamp, reason: z.string(), weights: z.record(z.string(), z.number()) })),
    breakdowns: breakdownsSchema,
  })
  .meta({ id: 'ExperimentResults', description: 'Per-variant lifts with sequential and fixed-horizon intervals, sample-ratio check, guardrails, planning and a daily series.' });

export const strategySchema = z
  .object({
    key: z.string(),
    name: z.string(),
    description: z.string(),
    version: z.number().int(),
    config: strategyConfigSchema,
    preset: z.boolean(),
    is_default: z.boolean(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: 'Strategy' });

export const strategyWithVersionsSchema = strategySchema.extend({
  versions: z.array(z.object({ version: z.number().int(), name: z.string(), description: z.string(), config: strategyConfigSchema, created_at: timestamp })),
});
export const strategyListSchema = z.object({ strategies: z.array(strategySchema), default: z.string() });

export const modelVersionSchema = z
  .object({
    id: z.number().int(),
    status: z.enum(modelStatus.enumValues),
    params: z.record(z.string(), z.unknown()),
    metrics: z.record(z.string(), z.unknown()),
    counts: z.record(z.string(), z.number()),
    data_from: nullableTimestamp,
    data_to: nullableTimestamp,
    artifact: z.object({ location: z.string(), checksum: z.string(), size_bytes: z.number().int() }),
    training_run_id: z.number().int().nullable(),
    created_at: timestamp,
    promoted_at: nullableTimestamp,
    archived_at: nullableTimestamp,
  })
  .meta({ id: 'ModelVersion' });

export const trainingRunSchema = z
  .object({
    id: z.number().int(),
    status: z.enum(trainingStatus.enumValues),
    trigger: z.enum(trainingTrigger.enumValues),
    stage: z.string(),
    progress: z.number().min(0).max(1),
    version_id: z.number().int().nullable(),
    error: z.string().nullable(),
    queued_at: timestamp,
    started_at: nullableTimestamp,
    finished_at: nullableTimestamp,
  })
  .meta({ id: 'TrainingRun' });

export const apiKeySchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    displayPrefix: z.string(),
    scopes: z.array(z.enum(API_KEY_SCOPES)),
    createdBy: z.string(),
    createdAt: timestamp,
    lastUsedAt: nullableTimestamp,
    revokedAt: nullableTimestamp,
  })
  .meta({ id: 'ApiKey' });

export const createdApiKeySchema = apiKeySchema.extend({ secret: z.string().meta({ description: 'Shown once: store it now.' }) });

export const consoleUserSchema = z
  .object({ id: z.number().int(), email: z.string(), name: z.string(), role: z.enum(ROLES), lastSignInAt: nullableTimestamp, createdAt: timestamp })
  .meta({ id: 'ConsoleUser' });

export const auditPageSchema = z.object({
  entries: z.array(z.object({ id: z.number().int(), at: timestamp, actor: z.string(), action: z.string(), targetType: z.string(), targetId: z.string(), details: z.record(z.string(), z.unknown()) })),
  ...page,
});

const dependencySchema = z.object({ status: z.enum(['up', 'down']), kind: z.string(), latency_ms: z.number().nullable(), error: z.string().optional() });
const circuitSchema = z.object({ kind: z.string(), state: z.string(), last_error: z.string().nullable() });
export const healthSchema = z
  .object({
    status: z.enum(['ok', 'degraded', 'down', 'stopping']).describe('`stopping` (with 503): the process is shutting down; send it nothing new.'),
    version: z.string(),
    build: z.string(),
    started_at: timestamp,
    uptime_seconds: z.number(),
    database: dependencySchema,
    cache: dependencySchema,
    sign_in_limits: z.object({ counting: z.enum(['shared', 'in-process']), since: timestamp.nullable(), last_error: z.string().nullable() }),
    serving: z.object({
      model_version: z.number().int().nullable(),
      model: z.object({ degraded: z.boolean(), active_version: z.number().int().nullable(), serving_version: z.number().int().nullable(), reason: z.string().nullable() }),
      feature_store: circuitSchema,
      response_cache: circuitSchema,
      fallbacks: z.array(z.string()),
    }),
  })
  .meta({ id: 'Health' });

export const livenessSchema = z.object({ status: z.literal('alive') }).meta({ id: 'Liveness' });

export const readinessSchema = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    reasons: z.array(z.string()).optional().meta({ description: 'Why the instance is not ready: database, model still loading, or draining.' }),
  })
  .meta({ id: 'Readiness' });

export const meSchema = z.object({
  principal: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('user'), id: z.number().int(), email: z.string(), name: z.string(), role: z.enum(ROLES) }),
    z.object({ kind: z.literal('key'), id: z.number().int(), name: z.string(), scopes: z.array(z.enum(API_KEY_SCOPES)) }),
    z.object({ kind: z.literal('anonymous'), scopes: z.array(z.enum(API_KEY_SCOPES)) }),
  ]),
  permissions: z.array(z.enum(PERMISSIONS)),
});

const timeRange = z.enum(TIME_RANGES);
const ctrCountsSchema = z.object({ impressions: z.number().int(), clicks: z.number().int(), ctr: z.number().nullable() });

export const ctrSeriesSchema = z
  .object({
    range: timeRange,
    from: timestamp,
    to: timestamp,
    step_seconds: z.number(),
    strategies: z.array(z.string()).meta({ description: 'Busiest first; past eight the rest are pooled as `other`.' }),
    totals: ctrCountsSchema.extend({ by_strategy: z.record(z.string(), ctrCountsSchema) }),
    points: z.array(ctrCountsSchema.extend({ time: z.number().meta({ description: 'Epoch milliseconds.' }), by_strategy: z.record(z.string(), ctrCountsSchema) })),
  })
  .meta({ id: 'CtrSeries' });

const percentilesSchema = z.object({ p50: z.number(), p95: z.number(), p99: z.number() }).nullable();

export const instanceDashboardSchema = z
  .object({
    range: timeRange,
    step_seconds: z.number(),
    instance: z.object({ started_at: timestamp, from: timestamp, to: timestamp, partial: z.boolean() }),
    totals: z.object({
      requests: z.number(),
      qps: z.number(),
      errors: z.number(),
      error_rate: z.number().nullable(),
      latency_ms: percentilesSchema,
      cache_hits: z.number(),
      cache_misses: z.number(),
      cache_hit_rate: z.number().nullable(),
      events_ingested: z.number(),
      events_per_second: z.number(),
      lag_ms: percentilesSchema,
    }),
    endpoints: z.array(
      z.object({ endpoint: z.string(), requests: z.number(), qps: z.number(), errors: z.number(), client_errors: z.number(), error_rate: z.number().nullable(), latency_ms: percentilesSchema }),
    ),
    points: z.array(
      z.object({
        time: z.number(),
        qps: z.number(),
        error_rate: z.number().nullable(),
        latency_ms: percentilesSchema,
        cache_hit_rate: z.number().nullable(),
        events_per_second: z.number(),
        lag_ms: percentilesSchema,
        endpoints: z.record(z.string(), z.object({ qps: z.number(), latency_ms: percentilesSchema })),
      }),
    ),
    gauges: z.object({
      model: z.object({ version: z.number().int(), created_at: timestamp, age_seconds: z.number() }).nullable(),
      coverage: z.object({ served_items: z.number().int(), servable_items: z.number().int().nullable(), ratio: z.number() }),
    }),
  })
  .meta({ id: 'InstanceDashboard' });
const itemRefSchema = z.object({ id: z.string(), title: z.string(), category: z.string().nullable() });

export const explainedFeedSchema = z.object({
  user: z.string(),
  profile: z
    .object({ known: z.boolean(), data_sharing: z.enum(DATA_SHARING_LEVELS).nullable(), interactions: z.number().int() })
    .meta({ description: 'What anyone who may explain a feed may know of the user: no preferences, attributes or history.' }),
  items: z.array(servedItemSchema),
  fallback: fallbackSchema,
  model_version: z.number().int().nullable(),
});

const strategyFeedSchema = z.object({
  strategy: z.string(),
  version: z.number().int().nullable().meta({ description: 'The stored version ranked with; null for an unsaved config.' }),
  fallback: fallbackSchema,
  items: z.array(servedItemSchema),
});

export const strategyPreviewSchema = z.object({
  user: z.string(),
  model_version: z.number().int().nullable(),
  preview: strategyFeedSchema.meta({ description: 'The feed under the config as sent, not saved.' }),
  default: strategyFeedSchema.meta({ description: 'The feed under the default strategy.' }),
});

export const strategyFeedsSchema = z.object({ user: z.string(), model_version: z.number().int().nullable(), feeds: z.array(strategyFeedSchema).meta({ description: 'One feed per strategy, in the order asked.' }) });

export const itemExplanationSchema = z.object({
  user: z.string(),
  item: itemRefSchema,
  would_show: z.boolean(),
  position: z.number().int().nullable().meta({ description: "1-based position in the user's feed, when it is among the items ranked for it." }),
  score: z.number().nullable(),
  reasons: z.array(reasonSchema),
  excluded_because: z.array(z.string()),
  breakdown: scoreBreakdownSchema.nullable(),
  model_version: z.number().int().nullable(),
});

export const whyNotSchema = z.object({
  verdict: z.enum(['shown', 'unavailable', 'blocked', 'disliked', 'seen', 'no_model', 'below_cut', 'not_a_candidate']),
  summary: z.string(),
  details: z.array(z.string()),
  user: z.string(),
  item: itemRefSchema,
  cut: z.number().int(),
  ranked: servedItemSchema.nullable(),
  last_shown: servedItemSchema.nullable(),
  model_version: z.number().int().nullable(),
});
export const openApiDocumentSchema = z.looseObject({ openapi: z.string(), paths: openObject });
