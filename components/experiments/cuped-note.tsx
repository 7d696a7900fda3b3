import type { CupedJson } from '@/lib/experiments/results';
import { CUPED_MIN_SHARE_WITH_PRE_PERIOD, CUPED_MIN_USERS_WITH_PRE_PERIOD, type CupedSkipReason } from '@/lib/experiments/stats/cuped';
import styles from './experiments.module.css';
import { percent } from './format';

const SKIPPED: Record<CupedSkipReason, (cuped: CupedJson) => string> = {
  few_pre_period_users: (cuped) =>
    `${cuped.users_with_pre_period === 0 ? 'no user' : `only ${users(cuped.users_with_pre_period)}`} had activity in the ${cuped.pre_period_days} days before their first exposure; it needs at least ${CUPED_MIN_USERS_WITH_PRE_PERIOD} users and ${percent(CUPED_MIN_SHARE_WITH_PRE_PERIOD, 0)} of them.`,
  no_pre_period_variance: () => "users' pre-period values do not vary, so they cannot explain any of the spread.",
  too_little_data: () => 'not enough users to compare yet.',
};

function users(count: number): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'user' : 'users'}`;
}

/** Whether the lifts were CUPED-adjusted by users' pre-exposure history, by how much that cut their variance, or why not. */
export function CupedNote({ cuped }: { cuped: CupedJson }) {
  if (!cuped.applied || cuped.variance_reduction === null) {
    return (
      <p className={styles.cuped} data-testid="cuped" data-applied="false">
        <strong>CUPED not applied:</strong> {SKIPPED[cuped.reason ?? 'too_little_data'](cuped)} Lifts are unadjusted.
      </p>
    );
  }
  return (
    <p className={styles.cuped} data-testid="cuped" data-applied="true">
      <strong>CUPED: variance −{percent(cuped.variance_reduction, 0)}</strong> ({users(cuped.users_with_pre_period)} with data from the {cuped.pre_period_days} days before their first exposure). Lifts and intervals
      are adjusted for each user&apos;s history; values are as observed.
    </p>
  );
}
