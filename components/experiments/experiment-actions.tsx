'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { apiRequest } from '@/lib/console/api-client';
import type { ExperimentJson } from '@/lib/experiments/schema';
import type { ExperimentStatus } from '@/lib/experiments/types';

type Action = 'start' | 'pause' | 'stop' | 'delete';

/** The lifecycle buttons the status allows: draft → running ⇄ paused → stopped. */
export function ExperimentActions({ experimentKey, status }: { experimentKey: string; status: ExperimentStatus }) {
  const router = useRouter();
  const action = useMutation({
    mutationFn: (verb: Action) =>
      verb === 'delete'
        ? apiRequest<ExperimentJson>(`/api/v1/experiments/${experimentKey}`, { method: 'DELETE' })
        : apiRequest<ExperimentJson>(`/api/v1/experiments/${experimentKey}/${verb}`, { method: 'POST' }),
    onSuccess: (_experiment, verb) => {
      if (verb === 'delete') router.push('/experiments');
      router.refresh();
    },
  });
  const pending = action.isPending;

  return (
    <>
      {action.error && (
        <span className="error-box" role="alert" style={{ padding: '6px 10px' }}>
          {action.error.message}
        </span>
      )}
      {status === 'draft' && (
        <>
          <ConfirmButton label="Delete draft" question="Delete this draft?" confirmLabel="Delete" pending={pending} onConfirm={() => action.mutate('delete')} />
          <button type="button" className="button" disabled={pending} onClick={() => action.mutate('start')}>
            Start experiment
          </button>
        </>
      )}
      {status === 'running' && (
        <button type="button" className="button button-secondary" disabled={pending} onClick={() => action.mutate('pause')}>
          Pause
        </button>
      )}
      {status === 'paused' && (
        <button type="button" className="button" disabled={pending} onClick={() => action.mutate('start')}>
          Resume
        </button>
      )}
      {(status === 'running' || status === 'paused') && (
        <ConfirmButton label="Stop" question="Stop for good? Users go back to the default strategy; the results stay." confirmLabel="Stop experiment" pending={pending} onConfirm={() => action.mutate('stop')} />
      )}
    </>
  );
}
