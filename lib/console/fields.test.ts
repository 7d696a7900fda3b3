import { describe, expect, it } from 'vitest';
import { formatValue, humanise, recordFields } from './fields';

describe('humanise', () => {
  it('turns snake, camel and dotted keys into words', () => {
    expect(humanise('deleted_events')).toBe('Deleted events');
    expect(humanise('fromVersion')).toBe('From version');
    expect(humanise('attributes.year')).toBe('Attributes year');
    expect(humanise('target_id')).toBe('Target ID');
    expect(humanise('ctr')).toBe('CTR');
  });
});

describe('formatValue', () => {
  it('writes scalars, lists and records as short text, never JSON', () => {
    expect(formatValue(null)).toBe('—');
    expect(formatValue(true)).toBe('yes');
    expect(formatValue(12345)).toBe('12,345');
    expect(formatValue(1999)).toBe('1999');
    expect(formatValue(0.123456)).toBe('0.1235');
    expect(formatValue(['a', 'b'])).toBe('a, b');
    expect(formatValue([])).toBe('none');
    expect(formatValue({ max_age: 30, tiers: { gold: true } })).toBe('max age 30 · tiers (gold yes)');
    expect(formatValue({ a: { b: { c: { d: 1 } } } })).toBe('a (b (c 1 fields))');
  });
});

describe('recordFields', () => {
  it('keeps every key, in order, under a readable label', () => {
    expect(recordFields({ plan: 'premium', signup_year: 2021, devices: ['ios', 'web'] })).toEqual([
      { label: 'Plan', value: 'premium' },
      { label: 'Signup year', value: '2021' },
      { label: 'Devices', value: 'ios, web' },
    ]);
  });
});
