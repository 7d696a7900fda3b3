import { describe, expect, it } from 'vitest';
import { planPhases } from './serve-phases';

const base = { ceilingSeconds: 5, connections: 32 };

describe('planPhases', () => {
  it('fits the offered rates into the demo world’s 1,700 uncached users and keeps a third for the ceiling', () => {
    const plan = planPhases({ ...base, userCount: 2_000, rates: [250, 500] });
    expect(plan.secondsPerRate).toBe(1.51);
    expect(250 * 1.51 + 500 * 1.51 + plan.ceilingUsers).toBeLessThanOrEqual(1_700);
    expect(plan.ceilingUsers).toBeGreaterThanOrEqual(566);
    expect(plan.warning).toBeUndefined();
  });

  it('runs 60 s per rate on the 50,000-user world and gives the ceiling what is left', () => {
    const plan = planPhases({ ...base, userCount: 50_000, rates: [250, 500] });
    expect(plan.secondsPerRate).toBe(60);
    expect(plan.ceilingUsers).toBe(49_700 - 45_000);
  });

  it('warns when an explicit duration would run out of fresh users', () => {
    const plan = planPhases({ ...base, userCount: 2_000, rates: [250], seconds: 30 });
    expect(plan.secondsPerRate).toBe(4.53);
    expect(plan.warning).toMatch(/1700 uncached users: 4.53 s per offered rate instead of 30 s/);
  });

  it('refuses a world too small to leave any user uncached', () => {
    expect(() => planPhases({ ...base, userCount: 300, rates: [250] })).toThrow(/needs more than 300/);
  });
});
