import { describe, expect, it } from 'vitest';
import type { Health } from '@/lib/health/check';
import { LAG_WARN_MS, overviewStatus } from './status';

const health = (status: Health['status'], fallbacks: string[] = [], cache: 'up' | 'down' = 'up') =>
  ({ status, cache: { status: cache, kind: 'memory', latency_ms: 1 }, serving: { fallbacks } }) as unknown as Pick<Health, 'status' | 'cache' | 'serving'>;

describe('overviewStatus', () => {
  it('is normal only with no fallback and features keeping up', () => {
    expect(overviewStatus(health('ok'), 120)).toEqual({ tone: 'good', label: 'All systems normal', reasons: [] });
    expect(overviewStatus(health('ok'), null).tone).toBe('good');
  });

  it('warns when the feature store lags, though health says ok', () => {
    expect(overviewStatus(health('ok'), LAG_WARN_MS * 60)).toEqual({ tone: 'warn', label: 'Degraded: event-to-feature lag p95 3600 s', reasons: ['event-to-feature lag p95 3600 s'] });
  });

  it('names every fallback in force', () => {
    const status = overviewStatus(health('degraded', ['no_model: serving popular items'], 'down'), 0);
    expect(status.tone).toBe('warn');
    expect(status.reasons).toEqual(['cache down', 'no_model: serving popular items']);
    expect(status.label).toBe('Degraded (2)');
  });

  it('is bad when the database is down or the process stops', () => {
    expect(overviewStatus(health('down'), null).tone).toBe('bad');
    expect(overviewStatus(health('stopping'), null).label).toBe('Status: stopping');
  });
});
