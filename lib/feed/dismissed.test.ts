import { describe, expect, it } from 'vitest';
import { MAX_DISMISSED, parseDismissed, withDismissed, withoutDismissed } from './dismissed';

describe('dismissed items', () => {
  it('keeps the newest first without repeats', () => {
    expect(withDismissed(['a', 'b'], 'c')).toEqual(['c', 'a', 'b']);
    expect(withDismissed(['a', 'b'], 'b')).toEqual(['b', 'a']);
  });

  it('caps the list so the exclude parameter stays within the API limit', () => {
    const many = Array.from({ length: MAX_DISMISSED }, (_, index) => `item-${index}`);
    const next = withDismissed(many, 'new');
    expect(next).toHaveLength(MAX_DISMISSED);
    expect(next[0]).toBe('new');
  });

  it('reads stored lists defensively', () => {
    expect(parseDismissed(null)).toEqual([]);
    expect(parseDismissed('not json')).toEqual([]);
    expect(parseDismissed('{"a":1}')).toEqual([]);
    expect(parseDismissed('["a", 3, "b"]')).toEqual(['a', 'b']);
  });

  it('forgets only the undone item', () => {
    expect(withoutDismissed(['c', 'b', 'a'], 'b')).toEqual(['c', 'a']);
    expect(withoutDismissed(['a'], 'x')).toEqual(['a']);
  });
});
