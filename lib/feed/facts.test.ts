import { describe, expect, it } from 'vitest';
import { itemFacts } from './facts';

describe('itemFacts', () => {
  it('lists the known attributes in a readable form', () => {
    expect(itemFacts({ year: 2021, duration_minutes: 128, rating_age: 12, language: 'en' })).toEqual(['2021', '2 h 8 min', '12+', 'EN']);
    expect(itemFacts({ duration_minutes: 42, rating_age: 0 })).toEqual(['42 min', 'All ages']);
    expect(itemFacts({ rating_age: 'PG-13' })).toEqual(['PG-13']);
  });

  it('ignores unknown or malformed attributes', () => {
    expect(itemFacts({ colour: 'red', year: { nested: true }, duration_minutes: -3, language: '' })).toEqual([]);
  });
});
