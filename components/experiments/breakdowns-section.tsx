import { EmptyState } from '@/components/ui/empty-state';
import type { BreakdownCellJson, BreakdownComparisonJson, BreakdownDimensionJson, BreakdownsJson } from '@/lib/experiments/breakdowns';
import styles from './experiments.module.css';
import { interval, METRIC_LABELS, signedPercent } from './format';

const USER_TYPES: Record<string, string> = { new: 'New', returning: 'Returning' };

function dimensionTitle(dimension: BreakdownDimensionJson): string {
  if (dimension.kind === 'device') return 'Device';
  if (dimension.kind === 'new_vs_returning') return 'New vs returning users';
  return `Attribute: ${dimension.key}`;
}

function cellLabel(dimension: BreakdownDimensionJson, cell: BreakdownCellJson): string {
  if (cell.other) return `Other (${cell.values} values)`;
  if (cell.value === null) return 'Not recorded';
  return dimension.kind === 'new_vs_returning' ? (USER_TYPES[cell.value] ?? cell.value) : cell.value;
}

function Significance({ comparison, alpha }: { comparison: BreakdownComparisonJson; alpha: number }) {
  if (!comparison.significant) return <span className="subtle">not significant</span>;
  const better = comparison.relative_lift > 0;
  return (
    <span className={`badge ${better ? 'badge-good' : 'badge-bad'}`} title={`Holm-adjusted p below ${alpha}`}>
      {better ? 'Significantly better' : 'Significantly worse'}
    </span>
  );
}

function DimensionTable({ dimension, variants, minimum, alpha }: { dimension: BreakdownDimensionJson; variants: string[]; minimum: number; alpha: number }) {
  const treatments = variants.slice(1);
  return (
    <div className={styles.breakdown} data-testid="breakdown-dimension">
      <h3>{dimensionTitle(dimension)}</h3>
      {dimension.cells.length === 0 ? (
        <p className="subtle">No exposed users yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>Segment</th>
                <th className="num">
                  Users <span className={styles.ci}>{variants.join(' / ')}</span>
                </th>
                {treatments.length > 1 && <th>Variant</th>}
                <th className="num">Lift</th>
                <th className="num">p (Holm)</th>
                <th>Flag</th>
              </tr>
            </thead>
            <tbody>
              {dimension.cells.map((cell) => {
                const label = cellLabel(dimension, cell);
                const users = variants.map((variant) => (cell.users[variant] ?? 0).toLocaleString('en-US')).join(' / ');
                if (cell.comparisons.length === 0) {
                  return (
                    <tr key={label}>
                      <td>{label}</td>
                      <td className="num">{users}</td>
                      <td colSpan={treatments.length > 1 ? 4 : 3} className="subtle">
                        {cell.enough_data ? 'No data to compare' : 'Not enough data'}
                        <span className={styles.ci}>{cell.enough_data ? 'no variance in the metric yet' : `needs ${minimum} users per variant`}</span>
                      </td>
                    </tr>
                  );
                }
                return cell.comparisons.map((comparison, index) => (
                  <tr key={`${label}-${comparison.variant}`}>
                    {index === 0 && (
                      <>
                        <td rowSpan={cell.comparisons.length}>{label}</td>
                        <td rowSpan={cell.comparisons.length} className="num">
                          {users}
                        </td>
                      </>
                    )}
                    {treatments.length > 1 && <td>{comparison.variant}</td>}
                    <td className="num">
                      <span className={styles.lift}>{signedPercent(comparison.relative_lift)}</span>
                      <span className={styles.ci}>{interval([comparison.relative_interval.lower, comparison.relative_interval.upper])}</span>
                    </td>
                    <td className="num">{comparison.adjusted_p_value.toFixed(3)}</td>
                    <td>
                      <Significance comparison={comparison} alpha={alpha} />
                    </td>
                  </tr>
                ));
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** The primary metric per segment: where a variant wins or loses, with the correction for looking at many segments. */
export function BreakdownsSection({ breakdowns, variants }: { breakdowns: BreakdownsJson; variants: string[] }) {
  const anyUsers = breakdowns.dimensions.some((dimension) => dimension.cells.length > 0);
  return (
    <section className={`card ${styles.section}`} data-testid="breakdowns">
      <div className={styles.sectionHeader}>
        <h2>Breakdowns</h2>
        <span className="subtle">{METRIC_LABELS[breakdowns.metric]}, lift over control per segment</span>
      </div>
      {anyUsers ? (
        <>
          <p className="subtle" style={{ marginTop: 0 }}>
            {breakdowns.tests === 0
              ? `No segment has the ${breakdowns.min_users_per_variant} users per variant a comparison needs yet.`
              : `Fixed-horizon lifts with 95% intervals. Looking at ${breakdowns.tests} ${breakdowns.tests === 1 ? 'comparison' : 'comparisons'} at once would turn up false positives by chance, so p-values are Holm-adjusted across all of them; a segment is flagged only when its adjusted p is below ${breakdowns.alpha}.`}
          </p>
          {breakdowns.dimensions.map((dimension) => (
            <DimensionTable key={`${dimension.kind}:${dimension.key}`} dimension={dimension} variants={variants} minimum={breakdowns.min_users_per_variant} alpha={breakdowns.alpha} />
          ))}
        </>
      ) : (
        <EmptyState title="No segments yet">Breakdowns by device, new vs returning and the chosen attributes appear once users have been served.</EmptyState>
      )}
    </section>
  );
}
