'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { DemoUser } from '@/lib/feed/access';
import { parseDismissed, withDismissed, withoutDismissed } from '@/lib/feed/dismissed';
import { newGuestId } from '@/lib/feed/identity';
import { feedApi, type FeedApi } from './feed-api';
import { useStoredValue, VIEWER_KEYS, writeStoredValue } from './viewer-store';

export interface Viewer {
  id: string;
  guestId: string;
  isGuest: boolean;
}

export interface Notice {
  tone: 'good' | 'bad';
  text: string;
  /** Tells two equal notices apart, so the second one shows again. */
  at: number;
  /** A button in the notice, e.g. Undo; the notice then stays for `durationMs`. */
  action?: { label: string; run(): void };
  durationMs?: number;
}

interface FeedContextValue {
  api: FeedApi;
  demoUsers: DemoUser[];
  /** Null until the browser has read who is watching. */
  viewer: Viewer | null;
  watchAs(userId: string): void;
  /** A fresh guest with no history, for showing a cold start again. */
  startNewGuest(): void;
  dismissed: readonly string[];
  dismiss(itemId: string): void;
  undismiss(itemId: string): void;
  liked: ReadonlySet<string>;
  markLiked(itemId: string): void;
  notice: Notice | null;
  announce(notice: Omit<Notice, 'at'>): void;
}

const FeedContext = createContext<FeedContextValue | null>(null);

const NOTICE_MS = 2_500;

export function FeedProvider({ apiKey, demoUsers, children }: { apiKey: string | null; demoUsers: DemoUser[]; children: ReactNode }) {
  const api = useMemo(() => feedApi(apiKey), [apiKey]);
  const storedGuest = useStoredValue(VIEWER_KEYS.guest);
  const storedUser = useStoredValue(VIEWER_KEYS.user);

  useEffect(() => {
    if (storedGuest === null) writeStoredValue(VIEWER_KEYS.guest, newGuestId());
  }, [storedGuest]);

  const viewer = useMemo<Viewer | null>(() => {
    if (!storedGuest) return null;
    const id = storedUser ?? storedGuest;
    return { id, guestId: storedGuest, isGuest: id === storedGuest };
  }, [storedGuest, storedUser]);

  const storedDismissed = useStoredValue(VIEWER_KEYS.dismissed(viewer?.id ?? ''));
  const dismissed = useMemo(() => (viewer ? parseDismissed(storedDismissed ?? null) : []), [viewer, storedDismissed]);
  // Both read the stored list afresh: an Undo seconds later must not forget dismissals made since.
  const updateDismissed = useCallback(
    (change: (current: string[]) => string[]) => {
      if (!viewer) return;
      const key = VIEWER_KEYS.dismissed(viewer.id);
      writeStoredValue(key, JSON.stringify(change(parseDismissed(window.localStorage.getItem(key)))));
    },
    [viewer],
  );
  const dismiss = useCallback((itemId: string) => updateDismissed((current) => withDismissed(current, itemId)), [updateDismissed]);
  const undismiss = useCallback((itemId: string) => updateDismissed((current) => withoutDismissed(current, itemId)), [updateDismissed]);

  const [likedByUser, setLikedByUser] = useState<{ user: string; items: Set<string> }>({ user: '', items: new Set() });
  const liked = useMemo(() => (likedByUser.user === viewer?.id ? likedByUser.items : new Set<string>()), [likedByUser, viewer]);
  const markLiked = useCallback(
    (itemId: string) => {
      if (viewer) setLikedByUser((current) => ({ user: viewer.id, items: new Set([...(current.user === viewer.id ? current.items : []), itemId]) }));
    },
    [viewer],
  );

  const [notice, setNotice] = useState<Notice | null>(null);
  const announce = useCallback((next: Omit<Notice, 'at'>) => setNotice({ ...next, at: Date.now() }), []);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), notice.durationMs ?? NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  const watchAs = useCallback((userId: string) => writeStoredValue(VIEWER_KEYS.user, userId), []);
  const startNewGuest = useCallback(() => {
    const guestId = newGuestId();
    writeStoredValue(VIEWER_KEYS.guest, guestId);
    writeStoredValue(VIEWER_KEYS.user, guestId);
  }, []);

  const value = useMemo(
    () => ({ api, demoUsers, viewer, watchAs, startNewGuest, dismissed, dismiss, undismiss, liked, markLiked, notice, announce }),
    [api, demoUsers, viewer, watchAs, startNewGuest, dismissed, dismiss, undismiss, liked, markLiked, notice, announce],
  );
  return <FeedContext.Provider value={value}>{children}</FeedContext.Provider>;
}

export function useFeed(): FeedContextValue {
  const context = useContext(FeedContext);
  if (!context) throw new Error('useFeed needs a FeedProvider');
  return context;
}
