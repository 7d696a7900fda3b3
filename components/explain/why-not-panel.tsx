'use client';

import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState, type FormEvent } from 'react';
import { ErrorState, LoadingState } from '@/components/ui/query-state';
import { consoleApi, unwrap } from '@/lib/console/api-client';
import type { WhyNotVerdict } from '@/lib/recommend/why-not';
import type { WhyNotResult } from '@/lib/serving/inspect';
import styles from './explain.module.css';

const VERDICT_LABELS: Record<WhyNotVerdict, string> = {
  shown: 'In the feed',
  unavailable: 'Not available',
  blocked: 'Blocked by curation',
  disliked: 'Disliked',
  seen: 'Already seen',
  no_model: 'No model',
  below_cut: 'Ranked below the cut',
  not_a_candidate: 'Not a candidate',
};

/** "Why not this one?" for any item of the catalogue, against this user's feed. */
export function WhyNotPanel({ user, feedSize }: { user: string; feedSize: number }) {
  const [text, setText] = useState('');
  const [asked, setAsked] = useState<string | null>(null);
  const search = useDeferredValue(text.trim());
  const matches = useQuery({
    queryKey: ['items', 'search', search],
    queryFn: () => unwrap(consoleApi.GET('/api/v1/items', { params: { query: { q: search, limit: 10 } } })),
    enabled: search.length > 1,
  });
  const answer = useQuery({
    queryKey: ['explain', user, 'why-not', asked],
    queryFn: () => unwrap(consoleApi.GET('/api/v1/recommendations/why-not', { params: { query: { user, item: asked ?? '', n: feedSize } } })),
    enabled: asked !== null,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) setAsked(text.trim());
  };
  return (
    <section className="card" aria-labelledby="why-not-heading" style={{ marginTop: 16 }}>
      <h2 id="why-not-heading">Why not this one?</h2>
      <p className="subtle">Any item of the catalogue: why it is not among this user&apos;s first {feedSize}.</p>
      <form className="toolbar" onSubmit={submit}>
        <input className="input" name="item" list="item-matches" placeholder="Item id or title" value={text} onChange={(event) => setText(event.target.value)} aria-label="Item" autoComplete="off" />
        <datalist id="item-matches">
          {matches.data?.items.map((item) => (
            <option key={item.id} value={item.id}>
              {item.title}
            </option>
          ))}
        </datalist>
        <button className="button" type="submit">
          Why not?
        </button>
      </form>
      {asked !== null && answer.isPending && <LoadingState label="Ranking every candidate…" />}
      {answer.isError && <ErrorState error={answer.error} onRetry={() => void answer.refetch()} />}
      {answer.data && <WhyNotAnswerView result={answer.data} />}
    </section>
  );
}

function WhyNotAnswerView({ result }: { result: WhyNotResult }) {
  return (
    <div data-testid="why-not-answer">
      <div className={styles.verdict}>
        <span className={`badge ${result.verdict === 'shown' ? 'badge-good' : 'badge-bad'}`}>{VERDICT_LABELS[result.verdict]}</span>
        <strong>{result.item.title || result.item.id}</strong>
        <span className="subtle">{result.item.category}</span>
      </div>
      <p style={{ marginBottom: 0 }}>{capitalise(result.summary)}</p>
      {result.details.length > 0 && (
        <ul className={styles.details}>
          {result.details.map((detail) => (
            <li key={detail}>Also: {detail}</li>
          ))}
        </ul>
      )}
      {result.ranked && result.last_shown && result.verdict !== 'shown' && (
        <p className="subtle">
          Score {result.ranked.score.toFixed(4)} from {(result.ranked.sources ?? []).join(', ') || 'no source'}; the last item shown, {result.last_shown.title || result.last_shown.id}, scored {result.last_shown.score.toFixed(4)}.
        </p>
      )}
    </div>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
