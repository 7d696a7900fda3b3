import { describe, expect, it } from 'vitest';
import { bearerToken, generateKeySecret, hashKeySecret, looksLikeKey } from './key-format';

describe('API key secrets', () => {
  it('are random, prefixed, and hashed without the secret in the hash', () => {
    const first = generateKeySecret();
    const second = generateKeySecret();
    expect(first.secret).not.toBe(second.secret);
    expect(looksLikeKey(first.secret)).toBe(true);
    expect(first.secret.startsWith(first.displayPrefix)).toBe(true);
    expect(first.hash).toBe(hashKeySecret(first.secret));
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('are read from a Bearer header only', () => {
    expect(bearerToken('Bearer tlr_abc')).toBe('tlr_abc');
    expect(bearerToken('bearer   tlr_abc ')).toBe('tlr_abc');
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeNull();
    expect(bearerToken(null)).toBeNull();
  });
});
