import { z } from 'zod';

/** The console's time ranges: each chart point covers one step, so every range draws 60–100 points. */
export const TIME_RANGES = ['1h', '6h', '24h', '7d'] as const;
export type TimeRange = (typeof TIME_RANGES)[number];

const MINUTE_MS = 60_000;

const RANGE_SPECS: Record<TimeRange, { minutes: number; stepMinutes: number }> = {
  '1h': { minutes: 60, stepMinutes: 1 },
  '6h': { minutes: 6 * 60, stepMinutes: 5 },
  '24h': { minutes: 24 * 60, stepMinutes: 15 },
  '7d': { minutes: 7 * 24 * 60, stepMinutes: 120 },
};

export const rangeQuerySchema = z.strictObject({ range: z.enum(TIME_RANGES).default('1h') });

export interface RangeWindow {
  range: TimeRange;
  /** Start of the first point, epoch ms: a multiple of the step, so points fall on round clock times. */
  from: number;
  /** Now: the last point is the one still running. */
  to: number;
  stepMinutes: number;
}

/** The whole range, ending with the step that holds `now`. */
export function rangeWindow(range: TimeRange, now: number): RangeWindow {
  const { minutes, stepMinutes } = RANGE_SPECS[range];
  const stepMs = stepMinutes * MINUTE_MS;
  const lastStep = Math.floor(now / stepMs) * stepMs;
  return { range, from: lastStep - (minutes / stepMinutes - 1) * stepMs, to: now, stepMinutes };
}

/**
 * The part of a window one process can answer for: from the step it started in, and not past
 * what its series retains. Still aligned to the window's steps; `partial` says the range was cut.
 */
export function instanceWindow(window: RangeWindow, startedAt: number, retentionMinutes: number): RangeWindow & { partial: boolean } {
  const stepMs = window.stepMinutes * MINUTE_MS;
  const retainedFrom = Math.ceil((window.to - retentionMinutes * MINUTE_MS) / stepMs) * stepMs;
  const from = Math.max(window.from, retainedFrom, Math.floor(startedAt / stepMs) * stepMs);
  return { ...window, from, partial: from > window.from || startedAt > window.from };
}

/** The start of every step in the window, oldest first. */
export function stepStarts(window: RangeWindow): number[] {
  const stepMs = window.stepMinutes * MINUTE_MS;
  const starts: number[] = [];
  for (let time = window.from; time <= window.to; time += stepMs) starts.push(time);
  return starts;
}
