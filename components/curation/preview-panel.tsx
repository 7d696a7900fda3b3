'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { QueryState } from '@/components/ui/query-state';
import { consoleApi, unwrap } from '@/lib/console/api-client';
import { compareFeeds, type ComparedEntry, type CurationAttribution, type RuleEffect } from '@/lib/curation/preview';
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
  attribution: CurationAttribution;
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
  const why = new Map([...preview.attribution.curated, ...preview.attribution.removed].map((entry) => [entry.id, entry.rules]));
  const rulesById = new Map(preview.rules.map((rule) => [rule.id, rule]));
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
              <span key={rule.id} className="badge badge-muted" title={rule.note || undefined}>
                #{rule.id} {KIND_LABELS[rule.kind]} {rule.target_type === 'item' ? `“${rule.target_item?.title || rule.target}”` : `${rule.target_type} ${rule.target}`}
                {settingOf(rule)} · {segmentLabel(rule.segment)}
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
          <FeedList entries={comparison.curated} items={byId} side="curated" why={why} rules={rulesById} />
        </section>
        <section className="card" aria-label="Without rules">
          <h2>Without rules</h2>
          <FeedList entries={comparison.uncurated} items={byId} side="uncurated" why={why} rules={rulesById} />
        </section>
      </div>
      <RemovedList removed={preview.attribution.removed} items={byId} rules={rulesById} page={preview.curated.length} />
    </>
  );
}

type RulesById = ReadonlyMap<number, CurationRuleJson>;

function FeedList({ entries, items, side, why, rules }: { entries: ComparedEntry[]; items: Map<string, PreviewItem>; side: 'curated' | 'uncurated'; why: ReadonlyMap<string, RuleEffect[]>; rules: RulesById }) {
  if (entries.length === 0) return <div className="empty">Nothing to serve this user.</div>;
  return (
    <ol className={styles.feed}>
      {entries.map((entry) => {
        const item = items.get(entry.id);
        const effects = why.get(entry.id) ?? [];
        return (
          <li key={entry.id} className={highlight(entry, side)} data-item={entry.id} data-change={entry.change}>
            <span className={styles.position}>{entry.position}</span>
            <span className={styles.itemText}>
              <Link href={`/catalog/${encodeURIComponent(entry.id)}`}>{item?.title || entry.id}</Link>
              <span className="subtle">
                {item?.category ?? '—'} · <code>{entry.id}</code>
              </span>
            </span>
            <span className={styles.why}>
              <span className="subtle">{describeChange(entry, side)}</span>
              {effects.map((effect) => (
                <RuleBadge key={effect.rule} effect={effect} rule={rules.get(effect.rule)} />
              ))}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

const EFFECT_BADGES: Record<RuleEffect['action'], string> = { pinned: 'badge', picked: 'badge', boosted: 'badge badge-good', lowered: 'badge badge-warn', blocked: 'badge badge-bad' };

/** The rule by kind, number and setting (pin @2, boost ×3, the pick's collection); what it did, and the rule's note, on hover. */
function RuleBadge({ effect, rule }: { effect: RuleEffect; rule: CurationRuleJson | undefined }) {
  const title = rule?.note ? `${effect.text}: ${rule.note}` : effect.text;
  return (
    <span className={EFFECT_BADGES[effect.action]} title={title} data-rule={effect.rule}>
      {rule ? `${KIND_LABELS[rule.kind]} #${rule.id}${settingOf(rule)}` : `Rule #${effect.rule}`}
    </span>
  );
}

function settingOf(rule: CurationRuleJson): string {
  if (rule.position !== null) return ` @${rule.position}`;
  if (rule.boost !== null) return ` ×${rule.boost}`;
  return rule.collection ? ` · ${rule.collection}` : '';
}

/** What the rules took off the page, each with the rule that did it, or the note that others pushed it below. */
function RemovedList({ removed, items, rules, page }: { removed: CurationAttribution['removed']; items: Map<string, PreviewItem>; rules: RulesById; page: number }) {
  return (
    <section className="card" style={{ marginTop: 16 }} aria-label="Removed by the rules">
      <h2>Removed {removed.length > 0 && <span className="subtle">· {removed.length}</span>}</h2>
      {removed.length === 0 ? (
        <div className="subtle">The rules took nothing off this page.</div>
      ) : (
        <ul className={styles.removedList}>
          {removed.map((entry) => (
            <li key={entry.id} data-item={entry.id}>
              <span className={styles.itemText}>
                <Link href={`/catalog/${encodeURIComponent(entry.id)}`}>{items.get(entry.id)?.title || entry.id}</Link>
                <span className="subtle">
                  was {entry.position} · <code>{entry.id}</code>
                </span>
              </span>
              <span className={styles.why}>
                {entry.rules.length === 0 ? (
                  <span className="subtle">pushed below the first {page} by the items the rules placed above it</span>
                ) : (
                  entry.rules.map((effect) => (
                    <span key={effect.rule} className={styles.removedBecause}>
                      <RuleBadge effect={effect} rule={rules.get(effect.rule)} /> {effect.text}
                    </span>
                  ))
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
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
