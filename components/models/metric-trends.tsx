'use client';

import { formatNumber, formatPercent } from '@/components/charts/format';
import { VersionTrendChart } from '@/components/charts/version-trend-chart';
import { EmptyState } from '@/components/ui/empty-state';
import { metricTrend, type ModelVersion } from '@/lib/models/versions';

/** Offline ranking quality and ANN index recall across versions, oldest to newest. */
export function MetricTrends({ versions }: { versions: ModelVersion[] }) {
  const trend = metricTrend(versions);
  return (
    <div className="chart-grid">
      <section className="card" aria-label="Offline metrics over versions">
        <h2>Offline metrics over versions</h2>
        {trend.length === 0 ? (
          <EmptyState title="No trained versions yet" />
        ) : (
          <VersionTrendChart
            data={trend}
            lines={[
              { key: 'ndcg', name: 'NDCG@10', color: '#4f46e5' },
              { key: 'popularityNdcg', name: 'NDCG@10, popularity baseline', color: '#98a2b3', dashed: true },
              { key: 'recall', name: 'Recall@10', color: '#0ea5e9' },
              { key: 'precision', name: 'Precision@10', color: '#f59e0b' },
              { key: 'map', name: 'MAP@10', color: '#10b981' },
            ]}
            format={(value) => formatNumber(value, 3)}
            domain={[0, 'auto']}
          />
        )}
      </section>
      <section className="card" aria-label="ANN index recall over versions">
        <h2>ANN index recall over versions</h2>
        {trend.length === 0 ? (
          <EmptyState title="No trained versions yet" />
        ) : (
          <VersionTrendChart
            data={trend}
            lines={[
              { key: 'annRecallFactors', name: 'Collaborative factors', color: '#4f46e5' },
              { key: 'annRecallContent', name: 'Content embeddings', color: '#ec4899' },
            ]}
            format={(value) => formatPercent(value, 1)}
            domain={[(lowest: number) => Math.max(0, Math.min(0.9, Math.floor(lowest * 20) / 20)), 1]}
          />
        )}
      </section>
    </div>
  );
}
