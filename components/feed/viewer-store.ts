import { useSyncExternalStore } from 'react';

/**
 * Who is watching lives in localStorage, so a visitor keeps their guest id and choice across
 * visits. Read through useSyncExternalStore: the server renders "unknown yet", the browser the
 * stored value, without a hydration mismatch.
 */
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

export function useStoredValue(key: string): string | null | undefined {
  return useSyncExternalStore(
    subscribe,
    () => window.localStorage.getItem(key),
    // undefined: not read yet (server render and hydration), as opposed to null, nothing stored.
    () => undefined,
  );
}

export function writeStoredValue(key: string, value: string): void {
  window.localStorage.setItem(key, value);
  for (const listener of listeners) listener();
}

export const VIEWER_KEYS = {
  user: 'tailor.feed.user',
  guest: 'tailor.feed.guest',
  dismissed: (userId: string) => `tailor.feed.dismissed.${userId}`,
};
