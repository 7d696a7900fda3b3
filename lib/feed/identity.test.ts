import { describe, expect, it, vi } from 'vitest';
import { avatarText, isGuestId, newGuestId, parseUserId, randomBase36, viewerName } from './identity';

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

  it('draws its characters from a cryptographic source, not Math.random', () => {
    const random = vi.spyOn(Math, 'random');
    const drawn = randomBase36(4_000);
    expect(random).not.toHaveBeenCalled();
    random.mockRestore();
    expect(new Set(drawn)).toEqual(new Set('0123456789abcdefghijklmnopqrstuvwxyz'));
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

describe('avatars', () => {
  it('shows G for guests, the number of numbered users, or the first letter', () => {
    expect(avatarText('guest-abc123def4')).toBe('G');
    expect(avatarText('user-00007')).toBe('7');
    expect(avatarText('user-00312')).toBe('312');
    expect(avatarText('alice')).toBe('A');
    expect(viewerName('guest-abc123def4')).toBe('Guest');
    expect(viewerName('user-00007')).toBe('user-00007');
  });
});
