'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { QueryState } from '@/components/ui/query-state';
import { consoleApi, unwrap } from '@/lib/console/api-client';
import { compareFeeds, type ComparedEntry } from '@/lib/curation/preview';
import type { CurationRuleJson } from '@/lib/curation/schema';
import { KIND_LABELS } from './rule-form';
import { segmentLabel } from './rules-panel';
import styles from './curation.module.css';

interface PreviewItem {
  id: string;
  title: string;
  category: string | null;
  score: number;
}

interface FeedPreview {
  user: string;
  model_version: number | null;
  fallback: string | null;
  rules: CurationRuleJson[];
  curated: PreviewItem[];
  uncurated: PreviewItem[];
}

const PAGE = 20;

/** A user's feed with the rules and without, side by side, with what the rules changed highlighted. */
export function PreviewPanel({ initialUser }: { initialUser: string }) {
  const [user, setUser] = useState(initialUser);
  const query = useQuery({
    queryKey: ['curation-preview', user],
    queryFn: () => unwrap(consoleApi.GET('/api/v1/curation/preview', { params: { query: { user, n: PAGE } } })),
    enabled: user !== '',
    staleTime: 0,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setUser(String(new FormData(event.currentTarget).get('user') ?? '').trim());
  };

  return (
    <>
      <form className="toolbar" onSubmit={submit} aria-label="Preview user">
        <input className="input" name="user" defaultValue={initialUser} placeholder="User id, e.g. user-00001" aria-label="User id" required />
        <button className="button" type="submit">
          Preview
        </button>
        <button type="button" className="button button-secondary" onClick={() => void query.refetch()} disabled={query.isFetching}>
          {query.isFetching ? 'Refreshing…' : 'Refresh'}
        </button>
      </form>
      <QueryState query={query} loadingLabel="Ranking the feed twice…">
        {(preview) => <Comparison preview={preview} />}
      </QueryState>
    </>
  );
}

function Comparison({ preview }: { preview: FeedPreview }) {
  const comparison = compareFeeds(preview.curated, preview.uncurated);
  const byId = new Map([...preview.curated, ...preview.uncurated].map((item) => [item.id, item]));
  return (
    <>
      {preview.fallback === 'no_model' && <div className="warn-box" style={{ marginBottom: 16 }}>No model is active yet: both sides show popular items, and only blocks and the catalog apply.</div>}
      <section className="card" style={{ marginBottom: 16 }} aria-label="Rules for this user">
        <h2>
          {preview.rules.length === 1 ? '1 rule applies' : `${preview.rules.length} rules apply`} to <code>{preview.user}</code> · {comparison.changed === 0 ? 'no change' : `${comparison.changed} positions changed`}
        </h2>
        {preview.rules.length === 0 ? (
          <div className="subtle">No rule in force matches this user&apos;s segment.</div>
        ) : (
          <div className="tags">
            {preview.rules.map((rule) => (
              <span key={rule.id} className="badge badge-muted" title={rule.note}>
                #{rule.id} {KIND_LABELS[rule.kind]} {rule.target_type} {rule.target}
                {rule.position !== null && ` @${rule.position}`}
                {rule.boost !== null && ` ×${rule.boost}`} · {segmentLabel(rule.segment)}
              </span>
            ))}
          </div>
        )}
        <div className={styles.legend} style={{ marginTop: 12 }}>
          <span>
            <span className={`${styles.swatch} ${styles.added}`} /> added by the rules
          </span>
          <span>
            <span className={`${styles.swatch} ${styles.moved}`} /> moved
          </span>
          <span>
            <span className={`${styles.swatch} ${styles.removed}`} /> removed by the rules
          </span>
        </div>
      </section>
      <div className={styles.previewGrid}>
        <section className="card" aria-label="With rules">
          <h2>With rules</h2>
          <FeedList entries={comparison.curated} items={byId} side="curated" />
        </section>
        <section className="card" aria-label="Without rules">
          <h2>Without rules</h2>
          <FeedList entries={comparison.uncurated} items={byId} side="uncurated" />
        </section>
      </div>
    </>
  );
}

function FeedList({ entries, items, side }: { entries: ComparedEntry[]; items: Map<string, PreviewItem>; side: 'curated' | 'uncurated' }) {
  if (entries.length === 0) return <div className="empty">Nothing to serve this user.</div>;
  return (
    <ol className={styles.feed}>
      {entries.map((entry) => {
        const item = items.get(entry.id);
        return (
          <li key={entry.id} className={highlight(entry, side)} data-item={entry.id} data-change={entry.change}>
            <span className={styles.position}>{entry.position}</span>
            <span>
              <Link href={`/catalog/${encodeURIComponent(entry.id)}`}>{item?.title || entry.id}</Link>
              <div className="subtle" style={{ fontSize: 12 }}>
                {item?.category ?? '—'} · <code>{entry.id}</code>
              </div>
            </span>
            <span className="subtle" style={{ fontSize: 12 }}>
              {describeChange(entry, side)}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

function highlight(entry: ComparedEntry, side: 'curated' | 'uncurated'): string | undefined {
  if (entry.change === 'added') return side === 'curated' ? styles.added : styles.removed;
  if (entry.change === 'same') return undefined;
  return styles.moved;
}

function describeChange(entry: ComparedEntry, side: 'curated' | 'uncurated'): string {
  if (entry.change === 'added') return side === 'curated' ? 'added' : 'removed';
  if (entry.change === 'same') return '';
  return side === 'curated' ? `was ${entry.otherPosition}` : `→ ${entry.otherPosition}`;
}
