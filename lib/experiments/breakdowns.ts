import type { DatabaseConnection } from '@/db/client';
import type { MetricResultJson, RelativeInterval } from './results';
import { DEFAULT_ALPHA, holmBonferroni } from './stats';
import { exposureDimensions } from './store';
import type { Experiment, TestableMetric } from './types';

/**
 * Results by dimension: the primary metric's lift of each variant over the control within each
 * cell of a dimension (device, new vs returning, a user attribute chosen at creation). Every cell
 * is one more chance of a false positive, so the p-values are Holm-adjusted across all the cells
 * of all the dimensions, and only an adjusted p below α counts as significant.
 *
 * `computeBreakdowns` is pure: the caller supplies each user's cell per dimension and the
 * comparison of one cell's arms. `experimentBreakdowns` reads the cells: device and new vs
 * returning as recorded at first exposure, attributes from the users' profiles as they are now.
 */

/** A dimension shows at most this many cells: beyond it, the largest but one, and the rest merged into one "other" cell. */
export const MAX_CELLS_PER_DIMENSION = 8;
/** Below this many users in any variant a cell says "not enough data" rather than a lift. */
export const MIN_CELL_USERS_PER_VARIANT = 50;

export type DimensionKind = 'device' | 'new_vs_returning' | 'attribute';

export interface Dimension {
  kind: DimensionKind;
  /** `device`, `returning`, or the attribute's key. */
  key: string;
}

/** One user of the experiment: their variant (index, the control first), what the metric is computed from, and their cell in each dimension. */
export interface BreakdownSubject<Unit> {
  variant: number;
  unit: Unit;
  /** Per dimension, in the dimensions' order: the cell value, null when not recorded. */
  cells: readonly (string | null)[];
}

/** A non-control variant against the control within one cell; null when the stats could not compare them. */
export interface CellComparison {
  variant: string;
  relative_lift: number;
  /** Fixed-horizon, not adjusted for the number of cells; a null upper bound is unbounded. An object, not a tuple: typed API clients keep its shape. */
  relative_interval: { lower: number; upper: number | null };
  p_value: number;
}

/** Compares one cell's arms (users per variant, the control first): one entry per non-control variant. */
export type CompareCell<Unit> = (arms: Unit[][]) => (CellComparison | null)[];

export interface BreakdownComparisonJson extends CellComparison {
  /** Holm-adjusted over every comparison of every cell; never below `p_value`. */
  adjusted_p_value: number;
  significant: boolean;
}

export interface BreakdownCellJson {
  /** The cell's value; null for users without one (not recorded), and for the merged "other" cell. */
  value: string | null;
  /** The smaller cells merged into one. */
  other: boolean;
  /** How many values the "other" cell merges; 1 for any other cell. */
  values: number;
  users: Record<string, number>;
  /** False below the minimum sample in some variant: no comparison is made (nor counted in the correction). */
  enough_data: boolean;
  /** The variants the stats could compare with the control here (none without data for the metric, such as no items shown). */
  comparisons: BreakdownComparisonJson[];
}

export interface BreakdownDimensionJson extends Dimension {
  cells: BreakdownCellJson[];
}

export interface BreakdownsJson {
  metric: TestableMetric;
  alpha: number;
  min_users_per_variant: number;
  max_cells: number;
  /** Comparisons the Holm correction spans. */
  tests: number;
  dimensions: BreakdownDimensionJson[];
}

export interface BreakdownOptions {
  maxCells?: number;
  minUsersPerVariant?: number;
  alpha?: number;
}

interface Cell<Unit> {
  value: string | null;
  other: boolean;
  values: number;
  arms: Unit[][];
}

export function computeBreakdowns<Unit>(
  metric: TestableMetric,
  variantKeys: readonly string[],
  dimensions: readonly Dimension[],
  subjects: readonly BreakdownSubject<Unit>[],
  compare: CompareCell<Unit>,
  { maxCells = MAX_CELLS_PER_DIMENSION, minUsersPerVariant = MIN_CELL_USERS_PER_VARIANT, alpha = DEFAULT_ALPHA }: BreakdownOptions = {},
): BreakdownsJson {
  const analysed = dimensions.map((_, index) =>
    cellsOf(subjects, index, variantKeys.length, maxCells).map((cell) => {
      const enoughData = cell.arms.every((arm) => arm.length >= minUsersPerVariant);
      return { cell, enoughData, comparisons: enoughData ? compare(cell.arms) : [] };
    }),
  );
  const tested = analysed.flatMap((cells) => cells.flatMap(({ comparisons }) => comparisons.filter((comparison): comparison is CellComparison => comparison !== null)));
  const holm = holmBonferroni(tested.map((comparison) => comparison.p_value));
  const adjusted = new Map(tested.map((comparison, index) => [comparison, holm[index]!]));
  return {
    metric,
    alpha,
    min_users_per_variant: minUsersPerVariant,
    max_cells: maxCells,
    tests: tested.length,
    dimensions: dimensions.map((dimension, index) => ({
      ...dimension,
      cells: analysed[index]!.map(({ cell, enoughData, comparisons }) => ({
        value: cell.value,
        other: cell.other,
        values: cell.values,
        users: Object.fromEntries(variantKeys.map((key, variant) => [key, cell.arms[variant]!.length])),
        enough_data: enoughData,
        comparisons: comparisons.flatMap((comparison) => {
          if (!comparison) return [];
          const adjustedP = adjusted.get(comparison)!;
          return [{ ...comparison, adjusted_p_value: adjustedP, significant: adjustedP < alpha }];
        }),
      })),
    })),
  };
}

/** The dimension's cells, largest first (ties by value); more than `maxCells`, and the smallest are merged into "other", the last of `maxCells`. */
function cellsOf<Unit>(subjects: readonly BreakdownSubject<Unit>[], dimension: number, variants: number, maxCells: number): Cell<Unit>[] {
  const byValue = new Map<string | null, Unit[][]>();
  for (const subject of subjects) {
    const value = subject.cells[dimension] ?? null;
    let arms = byValue.get(value);
    if (!arms) byValue.set(value, (arms = Array.from({ length: variants }, () => [])));
    arms[subject.variant]?.push(subject.unit);
  }
  const size = (arms: Unit[][]) => arms.reduce((total, arm) => total + arm.length, 0);
  const cells = [...byValue].map(([value, arms]): Cell<Unit> => ({ value, other: false, values: 1, arms }));
  cells.sort((left, right) => size(right.arms) - size(left.arms) || compareValues(left.value, right.value));
  if (cells.length <= maxCells) return cells;
  const kept = cells.slice(0, maxCells - 1);
  const rest = cells.slice(maxCells - 1);
  const arms = Array.from({ length: variants }, (_, variant) => rest.flatMap((cell) => cell.arms[variant]!));
  return [...kept, { value: null, other: true, values: rest.length, arms }];
}

/** Not-recorded last among equals. */
function compareValues(left: string | null, right: string | null): number {
  if (left === right) return 0;
  if (left === null) return 1;
  if (right === null) return -1;
  return left.localeCompare(right);
}

/** Attribute values as cells: text as it is; numbers, booleans and structures as JSON; absent or null as not recorded. */
export function attributeCell(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** What every experiment is broken down by, then the attributes chosen at its creation. */
function dimensionsOf(experiment: Pick<Experiment, 'breakdownAttributes'>): Dimension[] {
  return [{ kind: 'device', key: 'device' }, { kind: 'new_vs_returning', key: 'returning' }, ...experiment.breakdownAttributes.map((key) => ({ kind: 'attribute' as const, key }))];
}

/**
 * The primary metric by dimension. `arms` are the metric's per-user units per variant (the control
 * first), `compare` its comparison of one cell's arms. Users without an exposure row (served under
 * the experiment, their exposure lost) have no recorded cells and are left out.
 */
export async function experimentBreakdowns<Unit extends { user: string }>(conn: DatabaseConnection, experiment: Experiment, arms: Unit[][], compare: CompareCell<Unit>): Promise<BreakdownsJson> {
  const attributes = experiment.breakdownAttributes;
  const exposures = await exposureDimensions(conn, experiment.id, attributes);
  const byUser = new Map(exposures.map((exposure) => [`${exposure.variant}\u0000${exposure.userId}`, exposure]));
  const subjects = arms.flatMap((units, variant) =>
    units.flatMap((unit): BreakdownSubject<Unit>[] => {
      const exposure = byUser.get(`${experiment.variants[variant]!.key}\u0000${unit.user}`);
      if (!exposure) return [];
      const userType = exposure.returning === null ? null : exposure.returning ? 'returning' : 'new';
      return [{ variant, unit, cells: [exposure.device, userType, ...attributes.map((key) => attributeCell(exposure.attributes[key]))] }];
    }),
  );
  return computeBreakdowns(experiment.primaryMetric, experiment.variants.map((variant) => variant.key), dimensionsOf(experiment), subjects, compare);
}

/** A cell's comparisons as the results analyse a metric: the fixed-horizon view (one look at a slice), which Holm then adjusts. */
export function cellComparisons(result: MetricResultJson): (CellComparison | null)[] {
  return result.comparisons.map((comparison) =>
    'fixed_horizon' in comparison
      ? { variant: comparison.variant, relative_lift: comparison.relative_lift, relative_interval: intervalObject(comparison.fixed_horizon.relative.ci), p_value: comparison.fixed_horizon.absolute.p_value }
      : null,
  );
}

function intervalObject([lower, upper]: RelativeInterval): CellComparison['relative_interval'] {
  return { lower, upper };
}
