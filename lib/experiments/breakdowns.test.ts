import { describe, expect, it } from 'vitest';
import { attributeCell, computeBreakdowns, type BreakdownSubject, type CellComparison, type Dimension } from './breakdowns';
import { compareMeans, holmBonferroni, summariseMean } from './stats';

const VARIANTS = ['control', 'treatment'];
const DEVICE_AND_TYPE: Dimension[] = [
  { kind: 'device', key: 'device' },
  { kind: 'new_vs_returning', key: 'returning' },
];

/** Welch's comparison of per-user values, as the results compare a mean metric; null where the stats refuse (no variance). */
function compareWelch(arms: number[][]): (CellComparison | null)[] {
  return arms.slice(1).map((values, offset) => {
    try {
      const { relative, absolute } = compareMeans(summariseMean(values), summariseMean(arms[0]!));
      return { variant: VARIANTS[offset + 1]!, relative_lift: relative.estimate, relative_interval: { lower: relative.ci[0], upper: relative.ci[1] }, p_value: absolute.pValue };
    } catch {
      return null;
    }
  });
}

/** `count` users of one variant with the given cells, `ones` of them converting (value 1), the rest not (0). */
function users(variant: number, cells: (string | null)[], count: number, ones: number): BreakdownSubject<number>[] {
  return Array.from({ length: count }, (_, index) => ({ variant, unit: index < ones ? 1 : 0, cells }));
}

const comparisonsOf = (result: ReturnType<typeof computeBreakdowns<number>>) => result.dimensions.flatMap((dimension) => dimension.cells.flatMap((cell) => cell.comparisons));

describe('breakdowns by dimension', () => {
  it('adjusts p-values by Holm across every cell of every dimension, and flags only what survives the correction', () => {
    const subjects = [
      // Mobile: 50% → 66% conversion, significant on its own; half new, half returning.
      ...users(0, ['mobile', 'new'], 60, 30),
      ...users(0, ['mobile', 'returning'], 60, 30),
      ...users(1, ['mobile', 'new'], 60, 40),
      ...users(1, ['mobile', 'returning'], 60, 39),
      // Desktop and tablet: no difference at all.
      ...users(0, ['desktop', 'new'], 60, 30),
      ...users(1, ['desktop', 'new'], 60, 30),
      ...users(0, ['tablet', 'returning'], 60, 20),
      ...users(1, ['tablet', 'returning'], 60, 20),
    ];
    const result = computeBreakdowns('engagement', VARIANTS, DEVICE_AND_TYPE, subjects, compareWelch, { minUsersPerVariant: 50 });

    const comparisons = comparisonsOf(result);
    expect(result.tests).toBe(5);
    expect(comparisons).toHaveLength(5);
    const raw = comparisons.map((comparison) => comparison.p_value);
    expect(comparisons.map((comparison) => comparison.adjusted_p_value)).toEqual(holmBonferroni(raw));
    for (const comparison of comparisons) {
      expect(comparison.adjusted_p_value).toBeGreaterThanOrEqual(comparison.p_value);
      expect(comparison.significant).toBe(comparison.adjusted_p_value < 0.05);
    }

    const [mobile] = result.dimensions[0]!.cells;
    expect(mobile).toMatchObject({ value: 'mobile', other: false, values: 1, users: { control: 120, treatment: 120 }, enough_data: true });
    const lift = mobile!.comparisons[0]!;
    expect(lift.relative_lift).toBeCloseTo(79 / 60 - 1, 12);
    // Significant alone, but one of five looks: the correction takes it back.
    expect(lift.p_value).toBeLessThan(0.05);
    expect(lift.adjusted_p_value).toBeGreaterThan(0.05);
    expect(lift.significant).toBe(false);
    expect(lift.relative_interval.lower).toBeLessThan(lift.relative_lift);
    expect(lift.relative_interval.upper!).toBeGreaterThan(lift.relative_lift);
  });

  it('flags a strong effect that survives the correction', () => {
    const subjects = [...users(0, ['web', 'new'], 200, 40), ...users(1, ['web', 'new'], 200, 100), ...users(0, ['app', 'returning'], 200, 50), ...users(1, ['app', 'returning'], 200, 50)];
    const result = computeBreakdowns('engagement', VARIANTS, DEVICE_AND_TYPE, subjects, compareWelch);
    const web = result.dimensions[0]!.cells.find((cell) => cell.value === 'web')!;
    expect(web.comparisons[0]).toMatchObject({ variant: 'treatment', significant: true });
    expect(web.comparisons[0]!.adjusted_p_value).toBeLessThan(0.05);
    expect(result.dimensions[0]!.cells.find((cell) => cell.value === 'app')!.comparisons[0]!.significant).toBe(false);
  });

  it('says "not enough data" for a cell short of the minimum in any variant, and leaves it out of the correction', () => {
    const subjects = [
      ...users(0, ['mobile', 'new'], 80, 40),
      ...users(1, ['mobile', 'new'], 80, 44),
      // Tablet has plenty of control users but too few treated ones.
      ...users(0, ['tablet', 'new'], 80, 40),
      ...users(1, ['tablet', 'new'], 49, 49),
      // Users whose device was not recorded form their own cell.
      ...users(0, [null, null], 3, 1),
      ...users(1, [null, null], 3, 1),
    ];
    const result = computeBreakdowns('engagement', VARIANTS, DEVICE_AND_TYPE, subjects, compareWelch, { minUsersPerVariant: 50 });
    const devices = result.dimensions[0]!.cells;
    expect(devices.map((cell) => [cell.value, cell.enough_data])).toEqual([
      ['mobile', true],
      ['tablet', false],
      [null, false],
    ]);
    expect(devices[1]).toMatchObject({ users: { control: 80, treatment: 49 }, comparisons: [] });
    // mobile and new; tablet (and the unrecorded cell) are not tests.
    expect(result.tests).toBe(2);
    expect(result.dimensions[1]!.cells.map((cell) => cell.value)).toEqual(['new', null]);
  });

  it('keeps the largest cells and merges the rest into "other", only beyond the cap', () => {
    // Twelve countries of 12, 11, … 1 users per variant, and some users without the attribute.
    const countries = Array.from({ length: 12 }, (_, index) => `c${String(index).padStart(2, '0')}`);
    const subjects = countries.flatMap((country, index) => [0, 1].flatMap((variant) => users(variant, [country], 12 - index, 0)));
    subjects.push(...users(0, [null], 2, 0), ...users(1, [null], 2, 0));
    const dimension: Dimension[] = [{ kind: 'attribute', key: 'country' }];
    const result = computeBreakdowns('engagement', VARIANTS, dimension, subjects, compareWelch, { maxCells: 8, minUsersPerVariant: 1 });
    const cells = result.dimensions[0]!.cells;
    expect(cells).toHaveLength(8);
    expect(cells.slice(0, 7).map((cell) => cell.value)).toEqual(countries.slice(0, 7));
    const other = cells[7]!;
    // c07…c11 (5, 4, 3, 2, 1 users) and the unrecorded users (2): six values.
    expect(other).toMatchObject({ value: null, other: true, values: 6, users: { control: 5 + 4 + 3 + 2 + 1 + 2, treatment: 17 } });
    expect(cells.reduce((total, cell) => total + cell.users.control!, 0)).toBe(subjects.filter((subject) => subject.variant === 0).length);

    const exactly = computeBreakdowns('engagement', VARIANTS, dimension, subjects.filter((subject) => countries.slice(0, 8).includes(subject.cells[0]!)), compareWelch, { maxCells: 8, minUsersPerVariant: 1 });
    expect(exactly.dimensions[0]!.cells.some((cell) => cell.other)).toBe(false);
    expect(exactly.dimensions[0]!.cells).toHaveLength(8);
    // Nobody converts, so no cell has a variance to compare: enough users, but nothing to test.
    expect(exactly.dimensions[0]!.cells.every((cell) => cell.enough_data && cell.comparisons.length === 0)).toBe(true);
    expect(exactly.tests).toBe(0);
  });

  it('reads attribute values as cells: text as it is, other values as JSON, absent as not recorded', () => {
    expect([attributeCell('se'), attributeCell(3), attributeCell(true), attributeCell({ a: 1 }), attributeCell(null), attributeCell(undefined)]).toEqual(['se', '3', 'true', '{"a":1}', null, null]);
  });
});
