import Link from 'next/link';
import type { ExperimentJson } from '@/lib/experiments/schema';
import type { Metric } from '@/lib/experiments/types';
import styles from './experiments.module.css';
import { METRIC_LABELS, percent } from './format';

function audience(targeting: string): string {
  if (targeting === 'all') return 'All users';
  if (targeting === 'new') return 'New users';
  if (targeting === 'returning') return 'Returning users';
  return `Users with ${targeting}`;
}

/** How the experiment is set up: what each variant serves, to whom, and how it is judged. */
export function ExperimentSetup({ experiment }: { experiment: ExperimentJson }) {
  return (
    <section className={`card ${styles.section}`}>
      <h2>Setup</h2>
      {experiment.hypothesis && <p style={{ marginTop: 0 }}>{experiment.hypothesis}</p>}
      <div className="grid grid-2">
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>Variant</th>
                <th>Strategy</th>
                <th className="num">Weight</th>
              </tr>
            </thead>
            <tbody>
              {experiment.variants.map((variant) => (
                <tr key={variant.key}>
                  <td>
                    {variant.key} {variant.key === experiment.control && <span className="badge badge-muted">control</span>}
                    {variant.key === experiment.shipped_variant && <span className="badge badge-good">shipped</span>}
                  </td>
                  <td>
                    <Link href={`/experiments/strategies/${variant.strategy}`}>{variant.strategy}</Link>
                    {variant.strategy_version !== null && <span className="subtle"> v{variant.strategy_version}</span>}
                  </td>
                  <td className="num">{percent(variant.weight)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <dl className={styles.definition}>
          <dt>Type</dt>
          <dd>{experiment.type === 'ab' ? 'A/B test' : `Bandit, reallocating every ${experiment.bandit?.reallocate_every_minutes ?? '?'} min`}</dd>
          <dt>Audience</dt>
          <dd>{audience(experiment.targeting)}</dd>
          <dt>Layer</dt>
          <dd>
            {experiment.layer} · {experiment.coverage_percent}%
            {experiment.layer_range_percent && <span className="subtle"> (slots {experiment.layer_range_percent.map((edge) => `${edge}%`).join('–')})</span>}
          </dd>
          <dt>Primary metric</dt>
          <dd>{METRIC_LABELS[experiment.primary_metric as Metric]}</dd>
          <dt>Secondary</dt>
          <dd>{experiment.secondary_metrics.length > 0 ? experiment.secondary_metrics.map((metric) => METRIC_LABELS[metric as Metric]).join(', ') : '—'}</dd>
          <dt>Guardrails</dt>
          <dd>{experiment.guardrails.length > 0 ? experiment.guardrails.map((rail) => `${METRIC_LABELS[rail.metric as Metric]} ≤ ${percent(rail.max_degradation, 0)} worse`).join(', ') : '—'}</dd>
          <dt>Breakdowns</dt>
          <dd>{['device', 'new vs returning', ...experiment.breakdown_attributes].join(', ')}</dd>
        </dl>
      </div>
    </section>
  );
}
