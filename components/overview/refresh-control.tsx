'use client';

import styles from './overview.module.css';

interface RefreshControlProps {
  enabled: boolean;
  onToggle: (enabled: boolean) => void;
  intervalSeconds: number;
  fetching: boolean;
  updatedAt: number;
}

/** The auto-refresh switch, with a light that pulses while a refresh is in flight. */
export function RefreshControl({ enabled, onToggle, intervalSeconds, fetching, updatedAt }: RefreshControlProps) {
  const state = fetching ? 'fetching' : enabled ? 'on' : 'off';
  return (
    <div className={styles.refresh}>
      <span className={styles.live} data-state={state} aria-hidden />
      <label className={styles.toggle}>
        <input type="checkbox" checked={enabled} onChange={(event) => onToggle(event.target.checked)} aria-label="Auto-refresh" />
        Auto-refresh every {intervalSeconds} s
      </label>
      <span aria-live="polite">{updatedAt > 0 ? `Updated ${new Date(updatedAt).toLocaleTimeString('en-GB')}` : 'Not loaded yet'}</span>
    </div>
  );
}
