import { describe, expect, it } from 'vitest';
import { isAvailable } from './availability';

const now = Date.parse('2026-03-01T12:00:00Z');
const item = (overrides: Partial<Parameters<typeof isAvailable>[0]> = {}) => ({ is_hidden: false, published_at: null, expires_at: null, ...overrides });

describe('isAvailable', () => {
  it('shows published, unexpired, visible items', () => {
    expect(isAvailable(item(), now)).toBe(true);
    expect(isAvailable(item({ published_at: '2026-02-01T00:00:00Z', expires_at: '2026-04-01T00:00:00Z' }), now)).toBe(true);
  });

  it('hides hidden, future and expired items', () => {
    expect(isAvailable(item({ is_hidden: true }), now)).toBe(false);
    expect(isAvailable(item({ published_at: '2026-03-02T00:00:00Z' }), now)).toBe(false);
    expect(isAvailable(item({ expires_at: '2026-03-01T12:00:00Z' }), now)).toBe(false);
  });
});
