import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'tlr_';
const DISPLAY_LENGTH = KEY_PREFIX.length + 8;

export interface NewKeySecret {
  /** Shown once to whoever created the key, never stored. */
  secret: string;
  /** Stored: enough for people to tell keys apart. */
  displayPrefix: string;
  hash: string;
}

export function generateKeySecret(): NewKeySecret {
  const secret = `${KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
  return { secret, displayPrefix: secret.slice(0, DISPLAY_LENGTH), hash: hashKeySecret(secret) };
}

/**
 * A key carries 192 random bits, so a fast hash is enough: nobody can search that space, and
 * checking it on every request must cost microseconds, not the 100 ms a password hash does.
 */
export function hashKeySecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function looksLikeKey(value: string): boolean {
  return value.startsWith(KEY_PREFIX) && value.length > DISPLAY_LENGTH;
}

/** The token of `Authorization: Bearer <token>`, or null when the header is absent or of another scheme. */
export function bearerToken(header: string | null): string | null {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1] ?? null;
}
