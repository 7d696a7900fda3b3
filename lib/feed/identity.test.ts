import { describe, expect, it } from 'vitest';
import { isGuestId, newGuestId, parseUserId, randomBase36 } from './identity';

describe('guest ids', () => {
  it('makes a guest id the API accepts, recognisable as a guest', () => {
    const id = newGuestId();
    expect(id).toMatch(/^guest-[0-9a-z]{10}$/);
    expect(isGuestId(id)).toBe(true);
    expect(isGuestId('user-00001')).toBe(false);
  });

  it('is random per visitor', () => {
    expect(new Set(Array.from({ length: 50 }, () => newGuestId())).size).toBe(50);
  });

  it('draws its characters from the random source', () => {
    expect(randomBase36(4, () => 0)).toBe('0000');
    expect(randomBase36(3, () => 0.999)).toBe('zzz');
  });
});

describe('parseUserId', () => {
  it('trims a typed id and refuses what the API would', () => {
    expect(parseUserId('  user-00007 ')).toBe('user-00007');
    expect(parseUserId('   ')).toBeNull();
    expect(parseUserId('two words')).toBeNull();
    expect(parseUserId('x'.repeat(257))).toBeNull();
  });
});
