import { describe, expect, it } from 'vitest';
import { inSegment, rulesForUser } from './segments';
import type { CurationRule } from './types';

function rule(id: number, segment: string | null): CurationRule {
  const at = new Date('2026-01-01T00:00:00Z');
  return { id, kind: 'boost', targetType: 'tag', target: 'space', position: null, boost: 2, segment, startsAt: null, endsAt: null, note: '', collection: null, createdBy: null, createdAt: at, updatedAt: at };
}

describe('rulesForUser', () => {
  const rules = [rule(1, null), rule(2, 'new'), rule(3, 'returning'), rule(4, 'country=de'), rule(5, 'age=30'), rule(6, 'premium=true')];
  const ids = (user: Parameters<typeof rulesForUser>[1]) => rulesForUser(rules, user).map((r) => r.id);

  it('applies rules for everyone, and new or returning by the user state', () => {
    expect(ids({ isNew: true, attributes: {} })).toEqual([1, 2]);
    expect(ids({ isNew: false, attributes: {} })).toEqual([1, 3]);
  });

  it('matches attribute rules on the stringified value', () => {
    expect(ids({ isNew: false, attributes: { country: 'de', age: 30, premium: true } })).toEqual([1, 3, 4, 5, 6]);
    expect(ids({ isNew: false, attributes: { country: 'fr', age: '30', premium: false } })).toEqual([1, 3, 5]);
  });

  it('keeps the order of the rules it is given', () => {
    expect(rulesForUser([rule(9, null), rule(3, 'new'), rule(7, null)], { isNew: true, attributes: {} }).map((r) => r.id)).toEqual([9, 3, 7]);
  });

  it('splits at the first = and never matches a missing attribute', () => {
    expect(inSegment('query=a=b', { isNew: false, attributes: { query: 'a=b' } })).toBe(true);
    expect(inSegment('tier=undefined', { isNew: false, attributes: {} })).toBe(false);
    expect(inSegment('tier=undefined', { isNew: false, attributes: { tier: undefined } })).toBe(false);
    expect(inSegment('toString=x', { isNew: false, attributes: {} })).toBe(false);
    expect(inSegment('tier=null', { isNew: false, attributes: { tier: null } })).toBe(true);
  });

  it('skips segments it does not understand rather than applying them to everyone', () => {
    expect(inSegment('vip', { isNew: true, attributes: { vip: true } })).toBe(false);
    expect(inSegment('=x', { isNew: true, attributes: { '': 'x' } })).toBe(false);
  });
});
