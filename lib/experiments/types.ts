// Plain constants and types, free of imports: db/schema.ts (and so drizzle-kit) loads this file.

export const EXPERIMENT_TYPES = ['ab', 'bandit'] as const;
export const EXPERIMENT_STATUSES = ['draft', 'running', 'paused', 'stopped'] as const;

/**
 * What results can report. `ctr`, `conversion` and `diversity` are ratios of per-user sums,
 * `engagement` a per-user mean: those four can be tested. `coverage` and `latency_p99` describe a
 * variant as a whole (there is no per-user value to test), so they serve as secondary metrics or
 * guardrails only.
 */
export const METRICS = ['ctr', 'conversion', 'engagement', 'diversity', 'coverage', 'latency_p99'] as const;
export const TESTABLE_METRICS = ['ctr', 'conversion', 'engagement', 'diversity'] as const;

export type ExperimentType = (typeof EXPERIMENT_TYPES)[number];
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];
export type Metric = (typeof METRICS)[number];
export type TestableMetric = (typeof TESTABLE_METRICS)[number];

/** Metrics where a rise is bad news: a guardrail on them trips when they go up. */
export const LOWER_IS_BETTER: ReadonlySet<Metric> = new Set<Metric>(['latency_p99']);

/**
 * A layer is cut into this many slots (0.01% each). A running experiment owns a contiguous run of
 * them, as many as its coverage asks for; integers keep the ranges exact and comparable.
 */
export const LAYER_SLOTS = 10_000;

/** Each breakdown multiplies the cells Holm corrects for; a few keep the correction from swallowing every effect. */
export const MAX_BREAKDOWN_ATTRIBUTES = 3;

export interface ExperimentVariant {
  /** Unique within the experiment; the first variant is the control. */
  key: string;
  strategy: string;
  /** Share of the experiment's users, 0..1; the variants' weights sum to 1. */
  weight: number;
  /** The strategy's version when the experiment first started: what the variant actually tested. */
  strategyVersion: number | null;
}

export interface Guardrail {
  metric: Metric;
  /** Largest tolerated relative change for the worse against control: 0.1 is 10% worse. */
  maxDegradation: number;
}

export interface Experiment {
  id: number;
  key: string;
  name: string;
  hypothesis: string;
  type: ExperimentType;
  status: ExperimentStatus;
  /** Experiments in one layer never share a user; different layers overlap independently. */
  layer: string;
  /** Share of the layer the experiment takes, 0..100. */
  coveragePercent: number;
  /** First layer slot the experiment owns; set when it first starts and kept from then on. */
  slotStart: number | null;
  /** Mixed into the variant hash, so experiments split the same users independently. */
  seed: string;
  /** `all`, `new`, `returning`, or an attribute rule `key=value`. */
  targeting: string;
  variants: ExperimentVariant[];
  primaryMetric: TestableMetric;
  secondaryMetrics: Metric[];
  guardrails: Guardrail[];
  /** User attributes the primary metric is broken down by in the results, besides device and new vs returning. */
  breakdownAttributes: string[];
  /** Bandits only: how often the traffic weights are recomputed. */
  banditIntervalMinutes: number | null;
  lastReallocatedAt: Date | null;
  shippedVariant: string | null;
  startedAt: Date | null;
  stoppedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Slots a coverage takes: 12.5% is 1,250 of 10,000. */
export function slotCount(coveragePercent: number): number {
  return Math.round((coveragePercent / 100) * LAYER_SLOTS);
}
