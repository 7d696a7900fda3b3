'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { QueryState } from '@/components/ui/query-state';
import { Stat } from '@/components/ui/stat';
import { consoleApi, unwrap } from '@/lib/console/api-client';
import type { ComparisonJson, ExperimentResultsJson } from '@/lib/experiments/results';
import type { ExperimentJson } from '@/lib/experiments/schema';
import type { Metric } from '@/lib/experiments/types';
import { BreakdownsSection } from './breakdowns-section';
import { CumulativeChart, type CumulativeMeasure } from './cumulative-chart';
import styles from './experiments.module.css';
import { METRIC_LABELS, metricValue, percent, signedPercent } from './format';
import { MetricCard, type IntervalView } from './metric-card';
import { SampleSizePanel } from './sample-size-panel';
import { ShipControl } from './ship-control';
import { WeightHistoryChart } from './weight-history-chart';

/** Live experiments refresh on their own; a stopped one's numbers no longer move. */
const LIVE_REFRESH_MS = 30_000;

function Segmented<T extends string>({ value, options, onChange, label }: { value: T; options: [T, string][]; onChange: (value: T) => void; label: string }) {
  return (
    <span className={styles.segmented} role="group" aria-label={label}>
      {options.map(([option, text]) => (
        <button key={option} type="button" aria-pressed={value === option} onClick={() => onChange(option)}>
          {text}
        </button>
      ))}
    </span>
  );
}

/** The treatment most likely to beat control on the primary metric: the one the ship button offers first. */
function leader(results: ExperimentResultsJson): ComparisonJson | null {
  const primary = results.metrics.find((metric) => metric.primary);
  const compared = (primary?.comparisons ?? []).filter((comparison): comparison is ComparisonJson => 'relative_lift' in comparison);
  return compared.reduce<ComparisonJson | null>((top, comparison) => (top === null || comparison.chance_to_beat_control > top.chance_to_beat_control ? comparison : top), null);
}

export function ExperimentResults({ experiment, canWrite }: { experiment: ExperimentJson; canWrite: boolean }) {
  const [mde, setMde] = useState(0.05);
  const [view, setView] = useState<IntervalView>('sequential');
  const [measure, setMeasure] = useState<CumulativeMeasure>('ctr');
  const query = useQuery({
    queryKey: ['experiment-results', experiment.key, mde],
    queryFn: () => unwrap(consoleApi.GET('/api/v1/experiments/{id}/results', { params: { path: { id: experiment.key }, query: { mde } } })),
    refetchInterval: experiment.status === 'running' ? LIVE_REFRESH_MS : false,
    placeholderData: (previous) => previous,
  });

  return (
    <QueryState query={query} loadingLabel="Computing results…">
      {(results) => {
        const best = leader(results);
        const variantKeys = results.variants.map((variant) => variant.key);
        const totalUsers = results.variants.reduce((sum, variant) => sum + variant.users, 0);
        const breached = results.guardrails.flatMap((rail) => rail.variants.filter((variant) => variant.breached).map((variant) => `${variant.variant} on ${METRIC_LABELS[rail.metric]}`));
        return (
          <>
            {results.srm?.mismatch && (
              <div className={`warn-box ${styles.banner}`} role="alert" data-testid="srm-warning">
                <strong>Sample ratio mismatch.</strong> Users did not split the way the weights say (χ² = {results.srm.chi_square.toFixed(1)}, p = {results.srm.p_value.toExponential(2)} &lt; {results.srm.threshold}):{' '}
                {Object.entries(results.srm.observed)
                  .map(([variant, observed]) => `${variant} ${observed.toLocaleString('en-US')} vs ${Math.round(results.srm!.expected[variant] ?? 0).toLocaleString('en-US')} expected`)
                  .join(', ')}
                . Something in assignment or logging is broken; do not trust the lifts until it is fixed.
              </div>
            )}
            {breached.length > 0 && (
              <div className={`error-box ${styles.banner}`} role="alert">
                <strong>Guardrail breached:</strong> {breached.join('; ')}.
              </div>
            )}
            <div className="grid grid-stats" style={{ marginBottom: 16 }}>
              <Stat label="Users exposed" value={totalUsers} note={results.variants.map((variant) => `${variant.key} ${variant.users.toLocaleString('en-US')}`).join(' · ')} />
              <Stat label="Lists served" value={results.variants.reduce((sum, variant) => sum + variant.lists, 0)} note={`${results.variants.reduce((sum, variant) => sum + variant.impressions, 0).toLocaleString('en-US')} items shown`} />
              <Stat
                label={`${METRIC_LABELS[results.planning.metric as Metric]}, control`}
                value={metricValue(results.planning.metric as Metric, results.planning.baseline)}
                note={best ? `${best.variant}: ${signedPercent(best.relative_lift)}` : 'no comparison yet'}
              />
              <Stat label="Chance to win" value={best ? percent(best.chance_to_beat_control, 0) : '—'} note={best ? `${best.variant} beats control` : 'needs data in every variant'} />
            </div>

            <div className={styles.sectionHeader}>
              <span className="subtle">
                {view === 'sequential'
                  ? 'Always-valid intervals: safe to check at any time, with α shared across the treatments.'
                  : 'Fixed-horizon intervals: valid only for one look at the planned sample size.'}
              </span>
              <Segmented
                label="Interval view"
                value={view}
                onChange={setView}
                options={[
                  ['sequential', 'Always-valid'],
                  ['fixed_horizon', 'Fixed-horizon'],
                ]}
              />
            </div>
            {results.metrics
              .filter((metric) => metric.primary)
              .map((metric) => (
                <MetricCard key={metric.metric} result={metric} view={view} />
              ))}

            <SampleSizePanel results={results} mde={mde} onMdeChange={setMde} />

            <BreakdownsSection breakdowns={results.breakdowns} variants={variantKeys} />

            <section className={`card ${styles.section}`}>
              <div className={styles.sectionHeader}>
                <h2>Cumulative, by day</h2>
                <Segmented
                  label="Series"
                  value={measure}
                  onChange={setMeasure}
                  options={[
                    ['ctr', 'CTR'],
                    ['exposures', 'Users'],
                  ]}
                />
              </div>
              {Object.values(results.timeseries).some((points) => points.length > 0) ? (
                <CumulativeChart series={results.timeseries} variants={variantKeys} measure={measure} />
              ) : (
                <p className="subtle">No traffic yet.</p>
              )}
            </section>

            {results.type === 'bandit' && (
              <section className={`card ${styles.section}`}>
                <h2>Traffic split over time</h2>
                {results.weight_history.length > 0 ? <WeightHistoryChart history={results.weight_history} variants={variantKeys} /> : <p className="subtle">No reallocation yet.</p>}
              </section>
            )}

            {results.metrics
              .filter((metric) => !metric.primary)
              .map((metric) => (
                <MetricCard key={metric.metric} result={metric} view={view} />
              ))}

            {canWrite && !experiment.shipped_variant && (
              <section className={`card ${styles.section}`}>
                <h2>Ship a variant</h2>
                <p className="subtle" style={{ marginTop: 0 }}>
                  {best?.verdict === 'better'
                    ? `${best.variant} beats control on the primary metric.`
                    : best?.verdict === 'insufficient_sample'
                      ? 'The verdict is held until every variant has the users it needs; shipping now is a judgement call.'
                      : 'No variant has beaten control yet.'}
                </p>
                <ShipControl experiment={experiment} results={results} suggested={best?.verdict === 'better' ? best.variant : null} />
              </section>
            )}
          </>
        );
      }}
    </QueryState>
  );
}
