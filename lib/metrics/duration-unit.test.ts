import { describe, expect, it } from 'vitest';
import { durationUnit } from './duration-unit';

describe('durationUnit', () => {
  it('picks one unit from the largest value, so small and large values share it', () => {
    expect(durationUnit(0).suffix).toBe('ms');
    expect(durationUnit(850).suffix).toBe('ms');
    expect(durationUnit(3_600).suffix).toBe('s');
    expect(durationUnit(3_600_000)).toEqual({ suffix: 'min', ms: 60_000 });
  });
});
