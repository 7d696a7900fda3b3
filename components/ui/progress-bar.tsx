/** A determinate progress bar; `value` is 0..1. */
export function ProgressBar({ value, label }: { value: number; label?: string }) {
  const percent = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-label={label}>
      <div className="progress-fill" style={{ width: `${percent}%` }} />
      <span className="progress-text">{label ? `${label} · ${percent}%` : `${percent}%`}</span>
    </div>
  );
}
