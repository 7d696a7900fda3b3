import Link from 'next/link';
import type { ReactNode } from 'react';
import styles from './feed.module.css';

/** The consumer frame: a slim header, the page, and a footer pointing back to the console. */
export function FeedShell({ viewer, children }: { viewer?: ReactNode; children: ReactNode }) {
  return (
    <div className={styles.root}>
      <header className={styles.header}>
        <Link href="/feed" className={styles.logo}>
          <span className={styles.logoMark} aria-hidden>
            T
          </span>
          Tailor TV
        </Link>
        <span className={styles.demoPill}>Demo</span>
        <span className={styles.headerSpacer} />
        {viewer}
      </header>
      <main className={styles.main}>{children}</main>
      <footer className={styles.footer}>
        A demo client of Tailor: every click, like and dismissal here is a real event sent to the public API with the demo key. See how it moves the
        numbers in the <Link href="/">console</Link>.
      </footer>
    </div>
  );
}

/** What a production installation without the demo shows instead of a feed. */
export function FeedDisabled() {
  return (
    <div className={styles.message} role="alert">
      <h2>The demo feed is off</h2>
      <p>
        This page calls the public API like a client app would, and this installation has no demo key and no anonymous access. Start Tailor with{' '}
        <code>TAILOR_SEED_DEMO=true</code> to create the demo&apos;s public key (and seed the demo world into an empty database), or allow keyless calls with{' '}
        <code>TAILOR_ANONYMOUS_SCOPES=recommend,events</code>.
      </p>
    </div>
  );
}
