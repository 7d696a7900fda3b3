import { describe, expect, it } from 'vitest';
import { BoundedMap, RecentKeys } from './recent';

describe('BoundedMap', () => {
  it('forgets the oldest entries past its capacity', () => {
    const map = new BoundedMap<string, string>(2);
    map.set('a', 'hybrid');
    map.set('b', 'popular');
    map.set('c', 'content');
    expect(map.size).toBe(2);
    expect(map.get('a')).toBeUndefined();
    expect(map.get('b')).toBe('popular');
    expect(map.get('c')).toBe('content');
  });

  it('treats a re-set key as new', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 3);
    map.set('c', 4);
    expect(map.get('a')).toBe(3);
    expect(map.get('b')).toBeUndefined();
  });
});

describe('RecentKeys', () => {
  const HOUR = 3_600_000;

  it('counts distinct keys over a sliding window', () => {
    const recent = new RecentKeys<string>(HOUR, 100);
    recent.add('a', 0);
    recent.add('b', 10 * 60_000);
    recent.add('a', 20 * 60_000);
    expect(recent.count(30 * 60_000)).toBe(2);
    // 'b' was last seen 10 min in; 'a' again at 20 min, so it outlives b.
    expect(recent.count(HOUR + 10 * 60_000)).toBe(1);
    expect(recent.count(HOUR + 20 * 60_000)).toBe(0);
  });

  it('stays within its capacity, forgetting the least recently seen', () => {
    const recent = new RecentKeys<number>(HOUR, 3);
    for (let key = 0; key < 10; key++) recent.add(key, key);
    expect(recent.count(10)).toBe(3);
    // Seeing 7 again makes 8 the least recently seen, so 10 pushes 8 out and 11 pushes 9 out.
    recent.add(7, 11);
    recent.add(10, 12);
    recent.add(11, 13);
    expect(recent.count(14)).toBe(3);
    // Only 7 was last seen at or before 11.
    expect(recent.count(11 + HOUR)).toBe(2);
  });
});
