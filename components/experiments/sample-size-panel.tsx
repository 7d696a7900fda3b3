'use client';

import { ProgressBar } from '@/components/ui/progress-bar';
import type { ExperimentResultsJson } from '@/lib/experiments/results';
import { SRM_MIN_EXPECTED_PER_VARIANT, SRM_MIN_EXPOSURES } from '@/lib/experiments/stats/srm';
import type { Metric } from '@/lib/experiments/types';
import styles from './experiments.module.css';
import { METRIC_LABELS, metricValue, percent } from './format';
import { MdeSelect } from './mde-select';


/** Whether the experiment has the users a verdict needs, and the sample-ratio check that must pass before any verdict counts. */
export function SampleSizePanel({ results, mde, onMdeChange }: { results: ExperimentResultsJson; mde: number; onMdeChange: (mde: number) => void }) {
  const { planning, srm } = results;
  const required = planning.sample_size_per_variant;
  return (
    <section className={`card ${styles.section}`} data-testid="sample-size-panel">
      <div className={styles.sectionHeader}>
        <h2>Sample size</h2>
        <MdeSelect value={mde} onChange={onMdeChange} />
      </div>
      {required === null ? (
        <p className="subtle">The control has too little data to estimate how many users a {percent(mde, 0)} change in {METRIC_LABELS[planning.metric as Metric].toLowerCase()} needs.</p>
      ) : (
        <>
          <p style={{ marginTop: 0 }}>
            {planning.ready ? (
              <span className="badge badge-good">Verdicts are in</span>
            ) : (
              <span className="badge badge-muted">Verdicts held</span>
            )}{' '}
            To detect a {percent(mde, 0)} change from the control&apos;s {metricValue(planning.metric as Metric, planning.baseline)} at {percent(planning.power, 0)} power, each variant needs{' '}
            <strong>{required.toLocaleString('en-US')}</strong> users.
            {!planning.ready && planning.days_remaining !== null && ` At ${Math.round(planning.daily_users ?? 0).toLocaleString('en-US')} active users a day, about ${planning.days_remaining} more days.`}
          </p>
          {!planning.ready && planning.reachable === false && (
            <p className="error-box" role="alert" data-testid="sample-unreachable">
              This sample cannot be reached: only {(planning.audience_users ?? 0).toLocaleString('en-US')} users were active in the last 28 days within this experiment&apos;s coverage. No verdict is coming at a {percent(mde, 0)} effect; test for a larger effect or widen the coverage.
            </p>
          )}
          <div className={styles.progressList}>
            {Object.entries(planning.users_per_variant).map(([variant, users]) => (
              <div key={variant} className={styles.progressRow}>
                <span>{variant}</span>
                <ProgressBar value={users / required} label={`${users.toLocaleString('en-US')} of ${required.toLocaleString('en-US')}`} />
              </div>
            ))}
          </div>
        </>
      )}
      <p className="subtle" style={{ marginBottom: 0 }}>
        {srm === null
          ? results.type === 'bandit'
            ? 'No sample-ratio check: a bandit moves its split on purpose.'
            : 'Sample-ratio check: not enough exposures yet.'
          : srm.status === 'not_enough_data'
            ? `Sample-ratio check: not enough data yet (needs ${SRM_MIN_EXPOSURES} exposures, and ${SRM_MIN_EXPECTED_PER_VARIANT} expected in every variant).`
            : srm.mismatch
              ? `Sample-ratio check failed (p = ${srm.p_value.toExponential(2)}).`
              : `Sample-ratio check passed (p = ${srm.p_value.toFixed(3)}): the split matches the weights.`}
      </p>
    </section>
  );
}
