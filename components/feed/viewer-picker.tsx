'use client';

import { useState, type FormEvent } from 'react';
import { avatarText, parseUserId, viewerName } from '@/lib/feed/identity';
import { posterArt } from '@/lib/feed/placeholder';
import { useFeed } from './feed-provider';
import styles from './feed.module.css';

export function Avatar({ userId, small = false }: { userId: string; small?: boolean }) {
  const { background } = posterArt({ id: userId, title: '', category: userId });
  return (
    <span className={small ? `${styles.avatar} ${styles.avatarSmall}` : styles.avatar} style={{ background }} aria-hidden>
      {avatarText(userId)}
    </span>
  );
}

/** "Who's watching?": the guest, a few demo users with their tastes, or any user id. */
export function ViewerPicker() {
  const { viewer, demoUsers, watchAs, startNewGuest } = useFeed();
  const [typed, setTyped] = useState('');
  // On a phone the picker would fill the first screen: it collapses to one line until opened.
  const [open, setOpen] = useState(false);
  const typedId = parseUserId(typed);
  if (!viewer) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!typedId) return;
    watchAs(typedId);
    setTyped('');
    setOpen(false);
  };
  // A typed user is offered too, so the current choice always shows as selected.
  const choices = [viewer.guestId, ...demoUsers.map((user) => user.id), ...(viewer.isGuest || demoUsers.some((user) => user.id === viewer.id) ? [] : [viewer.id])];
  const tasteOf = new Map(demoUsers.map((user) => [user.id, user.topCategories.join(' · ')]));

  return (
    <section className={styles.viewers} aria-label="Who's watching?" data-open={open || undefined}>
      <div className={styles.viewersLabel}>Who&apos;s watching?</div>
      <button type="button" className={styles.viewersToggle} aria-expanded={open} aria-controls="viewer-choices" onClick={() => setOpen((current) => !current)}>
        <Avatar userId={viewer.id} small />
        <span className={styles.viewerName}>{viewerName(viewer.id)}</span>
        <span className={styles.viewerTaste}>{open ? 'Close' : 'Change'}</span>
      </button>
      {choices.map((id) => (
        <button
          key={id}
          type="button"
          className={styles.viewer}
          aria-pressed={id === viewer.id}
          onClick={() => {
            watchAs(id);
            setOpen(false);
          }}
          data-viewer={id}
        >
          <Avatar userId={id} />
          <span className={styles.viewerName}>{viewerName(id)}</span>
          <span className={styles.viewerTaste}>{id === viewer.guestId ? 'No history yet' : tasteOf.get(id) || 'Any user'}</span>
        </button>
      ))}
      <form className={styles.viewerSearch} onSubmit={submit} id="viewer-choices">
        <input
          className={styles.textInput}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          placeholder="Any user id…"
          aria-label="Watch as user id"
          name="user"
        />
        <button type="submit" className={styles.ghostButton} disabled={!typedId}>
          Watch
        </button>
        {viewer.isGuest && (
          <button type="button" className={styles.linkButton} onClick={startNewGuest}>
            New guest
          </button>
        )}
      </form>
    </section>
  );
}
