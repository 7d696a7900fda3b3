'use client';

import { TIME_RANGES, type TimeRange } from '@/lib/metrics/ranges';
import styles from './overview.module.css';

const LABELS: Record<TimeRange, string> = { '1h': '1 hour', '6h': '6 hours', '24h': '24 hours', '7d': '7 days' };

export function RangePicker({ value, onChange }: { value: TimeRange; onChange: (range: TimeRange) => void }) {
  return (
    <div className={styles.segmented} role="group" aria-label="Time range">
      {TIME_RANGES.map((range) => (
        <button key={range} type="button" className={styles.segment} aria-pressed={range === value} onClick={() => onChange(range)} title={`Last ${LABELS[range]}`}>
          {range}
        </button>
      ))}
    </div>
  );
}
