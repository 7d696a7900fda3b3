'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { consoleApi, unwrap } from '@/lib/console/api-client';
import type { ExperimentStatus } from '@/lib/experiments/types';

type Action = 'start' | 'pause' | 'stop' | 'delete';

/** The lifecycle buttons the status allows: draft → running ⇄ paused → stopped. */
export function ExperimentActions({ experimentKey, status }: { experimentKey: string; status: ExperimentStatus }) {
  const router = useRouter();
  const action = useMutation({
    mutationFn: (verb: Action) =>
      verb === 'delete'
        ? unwrap(consoleApi.DELETE('/api/v1/experiments/{id}', { params: { path: { id: experimentKey } } }))
        : unwrap(consoleApi.POST(`/api/v1/experiments/{id}/${verb}`, { params: { path: { id: experimentKey } } })),
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
