import { describe, expect, it } from 'vitest';
import { clickThroughRate } from './ctr';

describe('clickThroughRate', () => {
  it('is clicked pairs over items shown, and null before anything was shown', () => {
    expect(clickThroughRate(3, 12)).toBe(0.25);
    expect(clickThroughRate(0, 0)).toBeNull();
  });

  it('never exceeds 1, however the counts were gathered', () => {
    // The item page once showed 27 clicks against 18 impressions: clicks from elsewhere must not make CTR above 100%.
    expect(clickThroughRate(27, 18)).toBe(1);
  });
});
