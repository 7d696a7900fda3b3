import type { ModelVersion } from '@/lib/models/versions';
import type { TrainingRun } from '@/lib/training/runs';

const CLASSES: Record<ModelVersion['status'] | TrainingRun['status'], string> = {
  active: 'badge badge-good',
  candidate: 'badge',
  archived: 'badge badge-muted',
  failed: 'badge badge-bad',
  queued: 'badge badge-muted',
  running: 'badge',
  succeeded: 'badge badge-good',
};

export function StatusBadge({ status }: { status: ModelVersion['status'] | TrainingRun['status'] }) {
  return <span className={CLASSES[status]}>{status}</span>;
}
