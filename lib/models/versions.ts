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
