import type { ExperimentStatus, Metric } from '@/lib/experiments/types';

export const METRIC_LABELS: Record<Metric, string> = {
  ctr: 'Click-through rate',
  conversion: 'Conversion rate',
  engagement: 'Engagement per user',
  diversity: 'Diversity',
  coverage: 'Catalogue coverage',
  latency_p99: 'p99 latency',
};

export const STATUS_BADGES: Record<ExperimentStatus, string> = {
  draft: 'badge-muted',
  running: 'badge-good',
  paused: '',
  stopped: 'badge-muted',
};

export const VERDICT_LABELS = {
  better: 'Better',
  worse: 'Worse',
  inconclusive: 'Inconclusive',
  insufficient_sample: 'Needs more users',
  insufficient_data: 'Not enough data',
} as const;

export type Verdict = keyof typeof VERDICT_LABELS;

export const VERDICT_BADGES: Record<Verdict, string> = {
  better: 'badge-good',
  worse: 'badge-bad',
  inconclusive: 'badge-muted',
  insufficient_sample: 'badge-muted',
  insufficient_data: 'badge-muted',
};

/** A relative change with its sign: +3.2%. */
export function signedPercent(value: number, digits = 1): string {
  const text = `${(value * 100).toFixed(digits)}%`;
  return value > 0 ? `+${text}` : text;
}

export function percent(value: number | null, digits = 1): string {
  return value === null ? '—' : `${(value * 100).toFixed(digits)}%`;
}

/** A metric value the way people read it: rates in percent, latency in ms, engagement as a number. */
export function metricValue(metric: Metric, value: number | null): string {
  if (value === null) return '—';
  if (metric === 'latency_p99') return `${value.toFixed(0)} ms`;
  if (metric === 'engagement') return value.toFixed(2);
  return percent(value, 2);
}

/** A null upper bound is an unbounded relative interval. */
export function interval([lower, upper]: readonly [number, number | null]): string {
  return `[${signedPercent(lower)}, ${upper === null ? '+∞' : signedPercent(upper)}]`;
}

export function shortDate(iso: string | null): string {
  return iso ? new Date(iso).toISOString().slice(0, 10) : '—';
}

/** Distinct, colour-blind-friendly series colours; the control is always the neutral grey. */
export const VARIANT_COLOURS = ['#667085', '#4f46e5', '#0ea5e9', '#f59e0b', '#10b981', '#ec4899', '#8b5cf6', '#ef4444', '#14b8a6', '#84cc16'];
