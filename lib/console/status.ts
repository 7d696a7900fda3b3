import type { Health } from '@/lib/health/check';

/** Above this p95 event-to-feature lag, profiles trail what users just did: the overview warns. */
export const LAG_WARN_MS = 60_000;

export interface OverviewStatus {
  tone: 'good' | 'warn' | 'bad';
  label: string;
  /** Why it is not `good`: every fallback in force and a lagging feature store, in words. */
  reasons: string[];
}

/**
 * The overview's status badge: health alone said "All systems normal" while features lagged by
 * an hour or lists came from a fallback. Down or stopping is bad; any fallback or lag warns.
 */
export function overviewStatus(health: Pick<Health, 'status' | 'cache' | 'serving'>, lagP95Ms: number | null): OverviewStatus {
  const lagging = lagP95Ms !== null && lagP95Ms > LAG_WARN_MS;
  const reasons = [
    ...(health.cache.status === 'down' ? ['cache down'] : []),
    ...health.serving.fallbacks,
    ...(lagging ? [`event-to-feature lag p95 ${Math.round(lagP95Ms / 1_000)} s`] : []),
  ];
  if (health.status === 'down' || health.status === 'stopping') return { tone: 'bad', label: `Status: ${health.status}`, reasons };
  if (reasons.length > 0 || health.status !== 'ok') return { tone: 'warn', label: reasons.length === 1 ? `Degraded: ${reasons[0]}` : `Degraded (${reasons.length})`, reasons };
  return { tone: 'good', label: 'All systems normal', reasons };
}
