import type { ExperimentStatus } from '@/lib/experiments/types';
import { STATUS_BADGES } from './format';

export function StatusBadge({ status }: { status: ExperimentStatus }) {
  return (
    <span className={`badge ${STATUS_BADGES[status]}`} data-status={status}>
      {status === 'running' && <span className="dot" />}
      {status}
    </span>
  );
}
