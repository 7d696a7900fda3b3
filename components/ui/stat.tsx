export function Stat({ label, value, note }: { label: string; value: number | string; note?: string }) {
  return (
    <div className="card">
      <div className="stat-label">{label}</div>
      <div className="stat-value">{typeof value === 'number' ? value.toLocaleString('en-US') : value}</div>
      {note && <div className="stat-note">{note}</div>}
    </div>
  );
}
