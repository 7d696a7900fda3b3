'use client';

import type { ComparisonJson, MetricResultJson } from '@/lib/experiments/results';
import type { Metric } from '@/lib/experiments/types';
import { CtrDefinition } from './ctr-definition';
import { CupedNote } from './cuped-note';
import styles from './experiments.module.css';
import { interval, METRIC_LABELS, metricValue, percent, signedPercent, VERDICT_BADGES, VERDICT_LABELS } from './format';
import { LiftChart, type LiftRow } from './lift-chart';

export type IntervalView = 'sequential' | 'fixed_horizon';

const compared = (comparison: MetricResultJson['comparisons'][number]): comparison is ComparisonJson => 'relative_lift' in comparison;

function relativeOf(comparison: ComparisonJson, view: IntervalView) {
  return view === 'sequential' ? comparison.sequential.relative : comparison.fixed_horizon.relative;
}

/** One metric: every variant's value, and for testable metrics the lift of each treatment with its interval. */
export function MetricCard({ result, view }: { result: MetricResultJson; view: IntervalView }) {
  const metric = result.metric as Metric;
  const comparisons = new Map(result.comparisons.map((comparison) => [comparison.variant, comparison]));
  const rows: LiftRow[] = result.comparisons.filter(compared).map((comparison) => ({ variant: comparison.variant, estimate: comparison.relative_lift, ci: relativeOf(comparison, view).ci, verdict: comparison.verdict }));
  return (
    <section className={`card ${styles.section}`} data-metric={metric}>
      <div className={styles.sectionHeader}>
        <h2>
          {METRIC_LABELS[metric]} {result.primary && <span className="badge">primary</span>}
        </h2>
        {result.kind === 'aggregate' && <span className="subtle">Describes each variant as a whole; not tested per user.</span>}
      </div>
      {metric === 'ctr' && <CtrDefinition />}
      {result.cuped && <CupedNote cuped={result.cuped} />}
      {result.kind !== 'aggregate' &&
        (rows.length > 0 ? (
          <div data-testid="lift-chart">
            <LiftChart rows={rows} />
          </div>
        ) : (
          <p className="subtle">Not enough data to compare the variants yet: each needs users who were served lists.</p>
        ))}
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>Variant</th>
              <th className="num">Users</th>
              <th className="num">Value</th>
              {result.kind !== 'aggregate' && (
                <>
                  <th className="num">Lift</th>
                  <th className="num">{view === 'sequential' ? 'Always-valid interval' : 'Fixed-horizon interval'}</th>
                  <th className="num">{view === 'sequential' ? 'p-value' : 'p-value (Holm)'}</th>
                  <th className="num">Chance to beat control</th>
                  <th>Verdict</th>
                </>
              )}
            </tr>
          </thead>
          <tbody>
            {result.variants.map((variant, index) => {
              const comparison = comparisons.get(variant.variant);
              const estimate = comparison && compared(comparison) ? relativeOf(comparison, view) : null;
              return (
                <tr key={variant.variant}>
                  <td>
                    {variant.variant} {index === 0 && <span className="badge badge-muted">control</span>}
                  </td>
                  <td className="num">{variant.users.toLocaleString('en-US')}</td>
                  <td className="num">{metricValue(metric, variant.value)}</td>
                  {result.kind !== 'aggregate' && (
                    <>
                      <td className="num">{estimate ? signedPercent(estimate.estimate) : '—'}</td>
                      <td className="num">{estimate ? interval(estimate.ci) : '—'}</td>
                      <td className="num">{comparison && compared(comparison) ? (view === 'sequential' ? comparison.p_value : comparison.fixed_horizon.holm_p_value).toFixed(3) : '—'}</td>
                      <td className="num">{comparison && compared(comparison) ? percent(comparison.chance_to_beat_control, 0) : '—'}</td>
                      <td>{comparison ? <span className={`badge ${VERDICT_BADGES[comparison.verdict]}`}>{VERDICT_LABELS[comparison.verdict]}</span> : <span className="subtle">baseline</span>}</td>
                    </>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
