import type { ModelVersionRow } from '@/db/schema';

/** A model version as the API shows it. */
export interface ModelVersion {
  id: number;
  status: ModelVersionRow['status'];
  params: Record<string, unknown>;
  metrics: Record<string, unknown>;
  counts: Record<string, number>;
  data_from: string | null;
  data_to: string | null;
  /** `location`: `database`, a file path, or `deleted` for a candidate whose artifact was pruned. */
  artifact: { location: string; checksum: string; size_bytes: number };
  training_run_id: number | null;
  created_at: string;
  promoted_at: string | null;
  archived_at: string | null;
}

export function toModelVersion(row: ModelVersionRow): ModelVersion {
  return {
    id: row.id,
    status: row.status,
    params: row.params,
    metrics: row.metrics,
    counts: row.counts,
    data_from: row.dataFrom?.toISOString() ?? null,
    data_to: row.dataTo?.toISOString() ?? null,
    artifact: { location: row.artifactLocation === 'db' ? 'database' : row.artifactLocation, checksum: row.checksum, size_bytes: row.sizeBytes },
    training_run_id: row.trainingRunId,
    created_at: row.createdAt.toISOString(),
    promoted_at: row.promotedAt?.toISOString() ?? null,
    archived_at: row.archivedAt?.toISOString() ?? null,
  };
}

/** The offline numbers a version was judged by; null where training did not record one. */
export interface OfflineMetrics {
  ndcg: number | null;
  /** NDCG@10 of all-time popularity on the same held-out items: the baseline a version must beat. */
  popularityNdcg: number | null;
  recall: number | null;
  precision: number | null;
  map: number | null;
  /** Recall@k of the tuned HNSW index against exact search, and the `ef` it was tuned to. */
  annRecallFactors: number | null;
  annEfFactors: number | null;
  annRecallContent: number | null;
  annEfContent: number | null;
}

const OFFLINE_METRIC_KEYS: Record<keyof OfflineMetrics, string> = {
  ndcg: 'holdout_ndcg',
  popularityNdcg: 'popularity_holdout_ndcg',
  recall: 'holdout_recall',
  precision: 'holdout_precision',
  map: 'holdout_map',
  annRecallFactors: 'ann_recall_factors',
  annEfFactors: 'ann_ef_factors',
  annRecallContent: 'ann_recall_content',
  annEfContent: 'ann_ef_content',
};

export function offlineMetrics(version: Pick<ModelVersion, 'metrics'>): OfflineMetrics {
  const read = (key: string) => {
    const value = version.metrics[key];
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
  };
  return Object.fromEntries(Object.entries(OFFLINE_METRIC_KEYS).map(([name, key]) => [name, read(key)])) as unknown as OfflineMetrics;
}

/** Oldest first, one point per version that recorded any offline metric: the trend over versions. */
export function metricTrend(versions: readonly ModelVersion[]): ({ id: number } & OfflineMetrics)[] {
  return [...versions]
    .sort((a, b) => a.id - b.id)
    .map((version) => ({ id: version.id, ...offlineMetrics(version) }))
    .filter((point) => Object.entries(point).some(([key, value]) => key !== 'id' && value !== null));
}
