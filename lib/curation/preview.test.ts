import { describe, expect, it } from 'vitest';
import { compareFeeds } from './preview';

const list = (...ids: string[]) => ids.map((id) => ({ id }));

describe('compareFeeds', () => {
  it('marks pinned items as added or moved up, and items the rules removed', () => {
    const result = compareFeeds(list('pinned', 'a', 'c', 'b'), list('a', 'b', 'c', 'blocked'));
    expect(result.curated.map(({ id, change, otherPosition }) => [id, change, otherPosition])).toEqual([
      ['pinned', 'added', null],
      ['a', 'down', 1],
      ['c', 'same', 3],
      ['b', 'down', 2],
    ]);
    expect(result.uncurated.find((entry) => entry.id === 'blocked')).toEqual({ id: 'blocked', position: 4, otherPosition: null, change: 'added' });
    expect(result.uncurated.find((entry) => entry.id === 'b')?.change).toBe('up');
    expect(result.changed).toBe(4);
  });

  it('finds nothing changed when the lists are equal', () => {
    expect(compareFeeds(list('a', 'b'), list('a', 'b')).changed).toBe(0);
  });
});
