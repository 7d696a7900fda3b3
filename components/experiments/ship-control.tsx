'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { consoleApi, unwrap } from '@/lib/console/api-client';
import type { ExperimentJson } from '@/lib/experiments/schema';
import styles from './experiments.module.css';

/** Ship the winner: its strategy becomes the default for everyone, and the experiment stops. */
export function ShipControl({ experiment, suggested }: { experiment: ExperimentJson; suggested: string | null }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [variant, setVariant] = useState(suggested ?? experiment.variants[1]?.key ?? experiment.control);
  const strategy = experiment.variants.find((candidate) => candidate.key === variant)?.strategy ?? '';
  const ship = useMutation({
    mutationFn: () => unwrap(consoleApi.POST('/api/v1/experiments/{id}/ship', { params: { path: { id: experiment.key } }, body: { variant } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['experiment-results', experiment.key] });
      router.refresh();
    },
  });
  return (
    <div className={styles.shipRow}>
      <select className="select" value={variant} onChange={(event) => setVariant(event.target.value)} aria-label="Variant to ship">
        {experiment.variants.map((candidate) => (
          <option key={candidate.key} value={candidate.key}>
            {candidate.key} ({candidate.strategy})
          </option>
        ))}
      </select>
      <ConfirmButton
        label={`Ship ${variant}`}
        danger={false}
        question={
          <>
            Make <code>{strategy}</code> the default strategy for everyone{experiment.status === 'stopped' ? '' : ' and stop the experiment'}?
          </>
        }
        confirmLabel="Ship it"
        pending={ship.isPending}
        onConfirm={() => ship.mutate()}
      />
      {ship.error && (
        <span className="error-box" role="alert" style={{ padding: '6px 10px' }}>
          {ship.error.message}
        </span>
      )}
    </div>
  );
}
