'use client';

import { formatDuration } from '@/components/charts/format';
import { DataTable, type Column } from '@/components/ui/data-table';
import { ProgressBar } from '@/components/ui/progress-bar';
import type { TrainingRun } from '@/lib/training/runs';
import { LocalTime } from './local-time';
import styles from './models.module.css';
import { StatusBadge } from './status-badge';

export function isPending(run: TrainingRun): boolean {
  return run.status === 'queued' || run.status === 'running';
}

/** Finished runs only: a running one's elapsed time would go stale between polls. */
function durationSeconds(run: TrainingRun): number | null {
  if (!run.started_at || !run.finished_at) return null;
  return (Date.parse(run.finished_at) - Date.parse(run.started_at)) / 1000;
}

const COLUMNS: Column<TrainingRun>[] = [
  { key: 'id', header: 'Run', render: (run) => `#${run.id}`, sortValue: (run) => run.id },
  { key: 'status', header: 'Status', render: (run) => <StatusBadge status={run.status} />, sortValue: (run) => run.status },
  { key: 'trigger', header: 'Trigger', render: (run) => run.trigger, sortValue: (run) => run.trigger },
  {
    key: 'progress',
    header: 'Progress',
    render: (run) =>
      run.status === 'failed' ? (
        <span className={styles.errorText}>{run.error ?? 'failed'}</span>
      ) : (
        <div className={styles.progressCell}>
          <ProgressBar value={run.progress} label={run.stage} />
        </div>
      ),
    sortValue: (run) => run.progress,
  },
  { key: 'version', header: 'Version', render: (run) => (run.version_id ? `v${run.version_id}` : '—'), sortValue: (run) => run.version_id },
  { key: 'queued', header: 'Queued', render: (run) => <span className={styles.nowrap}><LocalTime iso={run.queued_at} /></span>, sortValue: (run) => run.queued_at },
  { key: 'duration', header: 'Duration', numeric: true, render: (run) => formatDuration(durationSeconds(run)), sortValue: durationSeconds },
];

/** Training runs, newest first; the ones in flight show a live progress bar with their stage. */
export function RunsTable({ runs }: { runs: TrainingRun[] }) {
  return <DataTable rows={runs} columns={COLUMNS} rowKey={(run) => run.id} initialSort={{ key: 'id', direction: 'desc' }} />;
}
