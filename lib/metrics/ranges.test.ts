import { describe, expect, it } from 'vitest';
import { instanceWindow, rangeQuerySchema, rangeWindow, stepStarts } from './ranges';

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 0, 15, 12, 7, 30);

describe('rangeWindow', () => {
  it('ends with the step holding now and starts on a step boundary', () => {
    const window = rangeWindow('24h', NOW);
    expect(window).toMatchObject({ range: '24h', to: NOW, stepMinutes: 15 });
    expect(window.from % (15 * MINUTE)).toBe(0);
    expect(stepStarts(window)).toHaveLength(96);
    expect(stepStarts(window).at(-1)).toBe(Date.UTC(2026, 0, 15, 12, 0));
  });

  it('draws between 60 and 100 points for every range', () => {
    for (const range of ['1h', '6h', '24h', '7d'] as const) {
      const points = stepStarts(rangeWindow(range, NOW)).length;
      expect(points).toBeGreaterThanOrEqual(60);
      expect(points).toBeLessThanOrEqual(100);
    }
  });
});

describe('instanceWindow', () => {
  it('is the whole window when the process has been up longer', () => {
    const window = rangeWindow('1h', NOW);
    expect(instanceWindow(window, NOW - 2 * 60 * MINUTE, 1440)).toEqual({ ...window, partial: false });
  });

  it('starts at the step the process started in', () => {
    const window = rangeWindow('6h', NOW);
    const cut = instanceWindow(window, Date.UTC(2026, 0, 15, 11, 3, 10), 1440);
    expect(cut.from).toBe(Date.UTC(2026, 0, 15, 11, 0));
    expect(cut.partial).toBe(true);
  });

  it('never reaches past what the series retains', () => {
    const window = rangeWindow('7d', NOW);
    const cut = instanceWindow(window, NOW - 30 * 24 * 60 * MINUTE, 1440);
    expect(cut.partial).toBe(true);
    expect(cut.from).toBeGreaterThanOrEqual(NOW - 1440 * MINUTE);
    expect(cut.from % (120 * MINUTE)).toBe(0);
  });
});

describe('rangeQuerySchema', () => {
  it('defaults to the last hour and refuses unknown ranges', () => {
    expect(rangeQuerySchema.parse({})).toEqual({ range: '1h' });
    expect(rangeQuerySchema.safeParse({ range: '2h' }).success).toBe(false);
  });
});
