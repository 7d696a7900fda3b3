import { describe, expect, it } from 'vitest';
import { metricTrend, offlineMetrics, type ModelVersion } from './versions';

const version = (id: number, metrics: Record<string, unknown>) => ({ id, metrics }) as ModelVersion;

describe('offlineMetrics', () => {
  it('reads the holdout and ANN numbers training records, null for missing or non-numeric ones', () => {
    expect(offlineMetrics(version(1, { holdout_ndcg: 0.21, popularity_holdout_ndcg: 0.08, holdout_recall: 0.3, ann_recall_factors: 0.98, ann_ef_factors: 64, holdout_map: 'n/a' }))).toEqual({
      ndcg: 0.21,
      popularityNdcg: 0.08,
      recall: 0.3,
      precision: null,
      map: null,
      annRecallFactors: 0.98,
      annEfFactors: 64,
      annRecallContent: null,
      annEfContent: null,
    });
  });
});

describe('metricTrend', () => {
  it('orders versions oldest first and leaves out those without offline metrics', () => {
    const trend = metricTrend([version(3, { holdout_ndcg: 0.3 }), version(2, {}), version(1, { holdout_ndcg: 0.2 })]);
    expect(trend.map((point) => [point.id, point.ndcg])).toEqual([
      [1, 0.2],
      [3, 0.3],
    ]);
  });
});
