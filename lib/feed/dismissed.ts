/**
 * Items a viewer dismissed. The server already ranks a dislike out once a model serves, but the
 * popular fallback does not read history, so the client also excludes them, as real apps do.
 */
export const MAX_DISMISSED = 200;

/**
 * How long "Not interested" can be undone. The dislike is sent only once this has passed (or the
 * page is left), so an Undo records nothing: no event to compensate, no trace in the profile.
 */
export const UNDO_DISMISS_MS = 5_000;

/** Newest first, without repeats, capped: the API takes at most 500 excluded ids. */
export function withDismissed(dismissed: readonly string[], itemId: string, cap = MAX_DISMISSED): string[] {
  return [itemId, ...dismissed.filter((id) => id !== itemId)].slice(0, cap);
}

/** The list after an Undo: the item shows again. */
export function withoutDismissed(dismissed: readonly string[], itemId: string): string[] {
  return dismissed.filter((id) => id !== itemId);
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
