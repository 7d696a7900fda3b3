import type { ReactNode } from 'react';
import styles from './overview.module.css';

/** A titled chart surface; `aside` sits right of the title (a note or a picker). */
export function ChartPanel({ title, aside, children }: { title: string; aside?: ReactNode; children: ReactNode }) {
  return (
    <section className={`card ${styles.panel}`} aria-label={title}>
      <div className={styles.panelHeader}>
        <h2>{title}</h2>
        {aside && <div className={styles.panelNote}>{aside}</div>}
      </div>
      {children}
    </section>
  );
}
