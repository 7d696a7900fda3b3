'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { consoleApi, unwrap } from '@/lib/console/api-client';
import type { TestableMetric } from '@/lib/experiments/types';
import styles from './experiments.module.css';
import { METRIC_LABELS, metricValue, percent } from './format';
import { MdeSelect } from './mde-select';

/** The ratio metrics every served list records: the only ones with a history to plan from before anything runs. */
const PLANNABLE = new Set<TestableMetric>(['ctr', 'conversion']);

/** Before starting: how many users each variant needs for the chosen effect, and whether and when the active users supply them. */
export function PlanEstimate({ metric, coveragePercent, variants }: { metric: TestableMetric; coveragePercent: number; variants: number }) {
  const [mde, setMde] = useState(0.05);
  const plannable = PLANNABLE.has(metric) && coveragePercent > 0 && coveragePercent <= 100;
  const plan = useQuery({
    queryKey: ['experiment-plan', metric, mde, coveragePercent, variants],
    queryFn: () => unwrap(consoleApi.GET('/api/v1/experiments/plan', { params: { query: { metric: metric as 'ctr' | 'conversion', mde, coverage_percent: coveragePercent, variants } } })),
    enabled: plannable,
  });
  const data = plan.data;
  return (
    <section className={`card ${styles.section}`} data-testid="plan-estimate">
      <div className={styles.sectionHeader}>
        <h2>Sample size and duration</h2>
        <MdeSelect value={mde} onChange={setMde} />
      </div>
      {!plannable ? (
        <p className="subtle">{METRIC_LABELS[metric]} has no history to plan from before the experiment runs; the results page estimates the sample once the control has data.</p>
      ) : plan.error ? (
        <p className="error-box">{plan.error.message}</p>
      ) : !data ? (
        <p className="subtle">Estimating…</p>
      ) : data.sample_size_per_variant === null ? (
        <p className="subtle">Too little {METRIC_LABELS[metric].toLowerCase()} history in the last {data.window_days} days ({data.history_users} users served) to estimate a sample size.</p>
      ) : (
        <>
          <p style={{ marginTop: 0 }}>
            From the last {data.window_days} days ({metricValue(metric, data.baseline)} over {data.history_users.toLocaleString('en-US')} users), detecting a {percent(mde, 0)} change at {percent(data.power, 0)} power needs{' '}
            <strong>{data.sample_size_per_variant.toLocaleString('en-US')}</strong> users in each of the {variants} variants. This coverage reaches about {Math.round(data.daily_users ?? 0).toLocaleString('en-US')} active users a day,{' '}
            {(data.audience_users ?? 0).toLocaleString('en-US')} in all.
          </p>
          {data.reachable ? (
            <p className="subtle" style={{ marginBottom: 0 }}>
              Expect about <strong>{data.duration_days} days</strong> before the verdict.
            </p>
          ) : (
            <p className="error-box" role="alert" style={{ marginBottom: 0 }}>
              This sample cannot be reached: there are not enough active users. Test for a larger effect, use fewer variants or widen the coverage.
            </p>
          )}
        </>
      )}
    </section>
  );
}
