'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { consoleApi, unwrap } from '@/lib/console/api-client';
import type { ExperimentResultsJson } from '@/lib/experiments/results';
import type { ExperimentJson } from '@/lib/experiments/schema';
import { assessShip } from '@/lib/experiments/ship-assessment';
import styles from './experiments.module.css';
import { percent, signedPercent } from './format';

/**
 * Ship the winner: its strategy becomes the default for everyone, and the experiment stops. The
 * confirmation states the verdict and every guardrail; a losing or breaching variant needs the
 * experiment's key typed (the server refuses it otherwise too).
 */
export function ShipControl({ experiment, results, suggested }: { experiment: ExperimentJson; results: ExperimentResultsJson; suggested: string | null }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [variant, setVariant] = useState(suggested ?? experiment.variants[1]?.key ?? experiment.control);
  const [asking, setAsking] = useState(false);
  const [typedKey, setTypedKey] = useState('');
  const [note, setNote] = useState('');
  const strategy = experiment.variants.find((candidate) => candidate.key === variant)?.strategy ?? '';
  const assessment = assessShip(results, variant);
  const risky = assessment.risks.length > 0;
  const ship = useMutation({
    mutationFn: () =>
      unwrap(consoleApi.POST('/api/v1/experiments/{id}/ship', { params: { path: { id: experiment.key } }, body: { variant, ...(note.trim() && { note: note.trim() }), ...(risky && { confirm_key: typedKey }) } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['experiment-results', experiment.key] });
      router.refresh();
    },
  });
  return (
    <div className={styles.shipRow}>
      <select className="select" value={variant} onChange={(event) => setVariant(event.target.value)} aria-label="Variant to ship" disabled={asking}>
        {experiment.variants.map((candidate) => (
          <option key={candidate.key} value={candidate.key}>
            {candidate.key} ({candidate.strategy})
          </option>
        ))}
      </select>
      {!asking ? (
        <button type="button" className="button button-secondary" onClick={() => setAsking(true)}>
          Ship {variant}
        </button>
      ) : (
        <div className="confirm" role="group" aria-label="Confirm" data-risky={risky}>
          <p style={{ margin: 0 }}>
            Make <code>{strategy}</code> the default strategy for everyone{experiment.status === 'stopped' ? '' : ' and stop the experiment'}?
          </p>
          <ul className={styles.shipFacts} data-testid="ship-facts">
            <li>
              {assessment.verdict === null
                ? 'This is the control: nothing changes for users outside the experiment.'
                : `Verdict on ${assessment.metric}: ${assessment.verdict.replace(/_/g, ' ')}${assessment.chance_to_beat_control === null ? '' : `, ${percent(assessment.chance_to_beat_control, 0)} chance to beat control`}.`}
            </li>
            {assessment.guardrails.length === 0 && <li>No guardrails.</li>}
            {assessment.guardrails.map((rail) => (
              <li key={rail.metric} data-breached={rail.breached}>
                Guardrail {rail.metric}: {rail.breached ? <strong>breached</strong> : 'held'} ({rail.relative_change === null ? 'no data' : signedPercent(rail.relative_change)}, limit {percent(rail.max_degradation, 0)}).
              </li>
            ))}
          </ul>
          {risky && (
            <label className="field">
              <span className="error-box" role="alert" style={{ padding: '6px 10px' }}>
                {assessment.risks.join('; ')}. Type <code>{experiment.key}</code> to ship anyway.
              </span>
              <input className="input" name="confirm_key" value={typedKey} onChange={(event) => setTypedKey(event.target.value)} aria-label="Experiment key to confirm" autoComplete="off" />
            </label>
          )}
          <input className="input" name="note" value={note} onChange={(event) => setNote(event.target.value)} placeholder="Decision note (kept in the audit log)" aria-label="Decision note" maxLength={1000} />
          <span>
            <button type="button" className={`button ${risky ? 'button-danger' : ''}`} disabled={ship.isPending || (risky && typedKey !== experiment.key)} onClick={() => ship.mutate()}>
              {ship.isPending ? 'Working…' : 'Ship it'}
            </button>{' '}
            <button type="button" className="button button-secondary" onClick={() => setAsking(false)} disabled={ship.isPending}>
              Cancel
            </button>
          </span>
        </div>
      )}
      {ship.error && (
        <span className="error-box" role="alert" style={{ padding: '6px 10px' }}>
          {ship.error.message}
        </span>
      )}
    </div>
  );
}
