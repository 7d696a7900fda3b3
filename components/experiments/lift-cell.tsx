import type { PrimaryLift } from '@/lib/experiments/summaries';
import styles from './experiments.module.css';
import { interval, signedPercent, VERDICT_LABELS } from './format';

/** The primary metric's lift for the list: coloured only once the verdict is in. */
export function LiftCell({ lift }: { lift: PrimaryLift | null }) {
  if (!lift) return <span className="subtle">—</span>;
  const tone = lift.verdict === 'better' ? styles.liftGood : lift.verdict === 'worse' ? styles.liftBad : styles.liftFlat;
  return (
    <span title={`${lift.variant} vs control · ${VERDICT_LABELS[lift.verdict]} · ${Math.round(lift.chance_to_beat_control * 100)}% chance to win`}>
      <span className={`${styles.lift} ${tone}`}>{signedPercent(lift.relative_lift)}</span> <span className="subtle">{lift.variant}</span>
      <span className={styles.ci}>{interval(lift.relative_ci)}</span>
    </span>
  );
}
