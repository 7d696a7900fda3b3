export interface DurationUnit {
  suffix: 'ms' | 's' | 'min';
  /** Milliseconds per unit. */
  ms: number;
}

const UNITS: DurationUnit[] = [
  { suffix: 'min', ms: 60_000 },
  { suffix: 's', ms: 1_000 },
];

/**
 * One unit for a whole axis, from the largest value it shows: an axis reading "0.0 ms … 3600 s"
 * hides a thousandfold jump. Minutes from 10 min up, seconds from 1 s, else milliseconds.
 */
export function durationUnit(largestMs: number): DurationUnit {
  return UNITS.find((unit) => largestMs >= (unit.suffix === 'min' ? 10 : 1) * unit.ms) ?? { suffix: 'ms', ms: 1 };
}
