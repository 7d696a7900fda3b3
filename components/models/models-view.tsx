'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatNumber, formatPercent } from '@/components/charts/format';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { PageHeader } from '@/components/ui/page-header';
import { ProgressBar } from '@/components/ui/progress-bar';
import { QueryState } from '@/components/ui/query-state';
import { Stat } from '@/components/ui/stat';
import { consoleApi, unwrap } from '@/lib/console/api-client';
import { offlineMetrics, type ModelVersion } from '@/lib/models/versions';
import type { TrainingRun } from '@/lib/training/runs';
import { MetricTrends } from './metric-trends';
import styles from './models.module.css';
import { isPending, RunsTable } from './runs-table';
import { VersionsTable } from './versions-table';

/** While a run is in flight its progress is polled closely; otherwise the lists refresh now and then. */
const POLL_ACTIVE_MS = 1_500;
const POLL_IDLE_MS = 15_000;

interface ModelsViewProps {
  initialRuns: TrainingRun[];
  initialVersions: ModelVersion[];
  canOperate: boolean;
}

type Notice = { kind: 'success' | 'error'; text: string } | null;

export function ModelsView({ initialRuns, initialVersions, canOperate }: ModelsViewProps) {
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<Notice>(null);
  const runs = useQuery({
    queryKey: ['models', 'runs'],
    queryFn: async () => (await unwrap(consoleApi.GET('/api/v1/models/runs'))).runs,
    initialData: initialRuns,
    refetchInterval: (query) => (query.state.data?.some(isPending) ? POLL_ACTIVE_MS : POLL_IDLE_MS),
  });
  const inFlight = runs.data?.find(isPending) ?? null;
  const versions = useQuery({
    queryKey: ['models', 'versions'],
    queryFn: async () => (await unwrap(consoleApi.GET('/api/v1/models/versions'))).versions,
    initialData: initialVersions,
    // A run that finishes adds a version: follow the runs' pace while one is in flight.
    refetchInterval: inFlight ? POLL_ACTIVE_MS * 2 : POLL_IDLE_MS,
  });

  const onSettled = () => void queryClient.invalidateQueries({ queryKey: ['models'] });
  const onError = (error: Error) => setNotice({ kind: 'error', text: error.message });
  const train = useMutation({
    mutationFn: () => unwrap(consoleApi.POST('/api/v1/models/train')),
    onSuccess: (run) => setNotice({ kind: 'success', text: `Training run #${run.id} is ${run.status}.` }),
    onError,
    onSettled,
  });
  const promote = useMutation({
    mutationFn: (id: number) => unwrap(consoleApi.POST('/api/v1/models/versions/{id}/promote', { params: { path: { id } } })),
    onSuccess: (version) => setNotice({ kind: 'success', text: `Version v${version.id} is now active.` }),
    onError,
    onSettled,
  });
  const rollback = useMutation({
    mutationFn: () => unwrap(consoleApi.POST('/api/v1/models/rollback')),
    onSuccess: (version) => setNotice({ kind: 'success', text: `Rolled back: v${version.id} is active again.` }),
    onError,
    onSettled,
  });

  const active = versions.data?.find((version) => version.status === 'active') ?? null;
  const activeMetrics = active ? offlineMetrics(active) : null;
  const canRollBack = Boolean(active && versions.data?.some((version) => version.status === 'archived' && version.promoted_at));

  return (
    <>
      <PageHeader
        title="Models"
        subtitle="Training runs, model versions and the offline metrics they were promoted on."
        actions={
          canOperate && (
            <>
              {canRollBack && (
                <ConfirmButton
                  label="Roll back"
                  question={`Re-activate the version before v${active?.id}?`}
                  confirmLabel="Roll back"
                  pending={rollback.isPending}
                  onConfirm={() => rollback.mutate()}
                />
              )}
              <button type="button" className="button" onClick={() => train.mutate()} disabled={train.isPending || inFlight !== null}>
                {inFlight ? 'Training…' : train.isPending ? 'Queuing…' : 'Train now'}
              </button>
            </>
          )
        }
      />
      {notice && (
        <div className={notice.kind === 'success' ? 'success-box' : 'error-box'} role={notice.kind === 'error' ? 'alert' : 'status'} style={{ marginBottom: 16 }}>
          {notice.text}
        </div>
      )}

      <div className="grid grid-stats" style={{ marginBottom: 16 }}>
        <Stat label="Active version" value={active ? `v${active.id}` : 'None'} note={active ? `trained on ${(active.counts.events ?? 0).toLocaleString('en-US')} events` : 'serving popular fallback'} />
        <Stat label="Holdout NDCG@10" value={formatNumber(activeMetrics?.ndcg, 4)} note={`popularity baseline ${formatNumber(activeMetrics?.popularityNdcg, 4)} · recall@10 ${formatNumber(activeMetrics?.recall, 4)}`} />
        <Stat label="ANN recall, factors" value={formatPercent(activeMetrics?.annRecallFactors)} note={activeMetrics?.annEfFactors ? `tuned ef ${activeMetrics.annEfFactors}` : 'exact search'} />
        <Stat label="ANN recall, content" value={formatPercent(activeMetrics?.annRecallContent)} note={activeMetrics?.annEfContent ? `tuned ef ${activeMetrics.annEfContent}` : 'exact search'} />
      </div>

      <section className={`card ${styles.section}`} aria-label="Training runs">
        <div className={styles.sectionHeader}>
          <h2>Training runs</h2>
          {inFlight && <span className="badge">run #{inFlight.id} in progress</span>}
        </div>
        {inFlight && (
          <div className={styles.current}>
            <span className={styles.stage}>Run #{inFlight.id}</span>
            <ProgressBar value={inFlight.progress} label={inFlight.stage} />
          </div>
        )}
        <QueryState query={runs} isEmpty={(data) => data.length === 0} empty={{ title: 'No training runs yet', body: canOperate ? 'Press “Train now” to train the first model.' : 'An operator can start one.' }}>
          {(data) => <RunsTable runs={data} />}
        </QueryState>
      </section>

      <MetricTrends versions={versions.data ?? []} />

      <section className={`card ${styles.section}`} aria-label="Versions">
        <div className={styles.sectionHeader}>
          <h2>Versions</h2>
        </div>
        <QueryState query={versions} isEmpty={(data) => data.length === 0} empty={{ title: 'No model versions yet', body: 'A version appears when a training run succeeds.' }}>
          {(data) => (
            <VersionsTable
              versions={data}
              renderPromote={
                canOperate
                  ? (version) =>
                      (version.status === 'candidate' || version.status === 'archived') && version.artifact.location !== 'deleted' ? (
                        <ConfirmButton
                          label="Promote"
                          question={`Serve v${version.id}?`}
                          confirmLabel="Promote"
                          danger={false}
                          pending={promote.isPending && promote.variables === version.id}
                          onConfirm={() => promote.mutate(version.id)}
                        />
                      ) : null
                  : undefined
              }
            />
          )}
        </QueryState>
      </section>
      {!canOperate && <p className="subtle">Read-only: operators and admins train, promote and roll back.</p>}
    </>
  );
}
