import { customAlphabet } from 'nanoid';

/** Ids the demo feed acts as: a seeded demo user, or a guest the browser made up. */

export const GUEST_PREFIX = 'guest-';
const GUEST_ID_LENGTH = 10;
const MAX_USER_ID_LENGTH = 256;

/**
 * nanoid draws from `crypto.getRandomValues`, which browsers offer on plain-http origins too
 * (where a self-hosted demo often runs), unlike `crypto.randomUUID`.
 */
export const randomBase36 = customAlphabet('0123456789abcdefghijklmnopqrstuvwxyz');

export function newGuestId(): string {
  return `${GUEST_PREFIX}${randomBase36(GUEST_ID_LENGTH)}`;
}

export function isGuestId(id: string): boolean {
  return id.startsWith(GUEST_PREFIX);
}

/** A typed user id, trimmed; null when the API would refuse it. */
export function parseUserId(input: string): string | null {
  const id = input.trim();
  if (id.length === 0 || id.length > MAX_USER_ID_LENGTH || /\s/.test(id)) return null;
  return id;
}

/** What a profile avatar shows: G for a guest, the number of a numbered user, else the first letter. */
export function avatarText(id: string): string {
  if (isGuestId(id)) return 'G';
  const number = id.match(/(\d+)$/)?.[1];
  if (number) return String(Number(number)).slice(-3);
  return (id.match(/[\p{L}\p{N}]/u)?.[0] ?? '?').toLocaleUpperCase('en-US');
}

export function viewerName(id: string): string {
  return isGuestId(id) ? 'Guest' : id;
}
