import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

// Small parameters keep the test fast; the stored hash says which ones were used.
const FAST = { N: 1024, r: 8, p: 1 };

describe('passwords', () => {
  it('verify against their own hash only', async () => {
    const hash = await hashPassword('correct horse battery', FAST);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$/);
    await expect(verifyPassword('correct horse battery', hash)).resolves.toBe(true);
    await expect(verifyPassword('correct horse batterY', hash)).resolves.toBe(false);
  });

  it('are salted: one password, two hashes', async () => {
    expect(await hashPassword('same', FAST)).not.toBe(await hashPassword('same', FAST));
  });

  it('are refused against a malformed stored value', async () => {
    await expect(verifyPassword('anything', 'plain-text')).resolves.toBe(false);
  });
});
