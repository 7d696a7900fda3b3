/**
 * Items a viewer dismissed. The server already ranks a dislike out once a model serves, but the
 * popular fallback does not read history, so the client also excludes them, as real apps do.
 */
export const MAX_DISMISSED = 200;

/** Newest first, without repeats, capped: the API takes at most 500 excluded ids. */
export function withDismissed(dismissed: readonly string[], itemId: string, cap = MAX_DISMISSED): string[] {
  return [itemId, ...dismissed.filter((id) => id !== itemId)].slice(0, cap);
}

export function parseDismissed(stored: string | null): string[] {
  if (!stored) return [];
  try {
    const value: unknown = JSON.parse(stored);
    return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string').slice(0, MAX_DISMISSED) : [];
  } catch {
    return [];
  }
}
