'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { RankedBarChart } from '@/components/charts/ranked-bar-chart';
import { EmptyState } from '@/components/ui/empty-state';
import { QueryState } from '@/components/ui/query-state';
import { consoleApi, unwrap } from '@/lib/console/api-client';
import type { ServedItem } from '@/lib/serving/contract';
import type { ExplainedFeed, RedactedProfile } from '@/lib/serving/inspect';
import type { User } from '@/lib/users/schema';
import type { HistoryEntry, LiveProfile } from '@/lib/users/store';
import styles from './explain.module.css';
import { ScoreChart } from './score-chart';
import { StrategyComparison, type StrategyOption } from './strategy-comparison';
import { UserPicker } from './user-picker';
import { WhyNotPanel } from './why-not-panel';

const FEED_SIZE = 20;
const HISTORY_SIZE = 15;

interface ExplainViewProps {
  user: string | null;
  /** The viewer may read end users' data (admins); others see a redacted profile and the feed. */
  canReadUsers: boolean;
  /** The strategies to compare the feed under, when the viewer may list them; null: keys are typed. */
  strategies: StrategyOption[] | null;
}

export function ExplainView({ user, canReadUsers, strategies }: ExplainViewProps) {
  return (
    <>
      <UserPicker user={user} to={{ basePath: '/explain' }} suggest={canReadUsers} />
      {user ? (
        canReadUsers ? (
          <UserExplanation key={user} user={user} strategies={strategies} />
        ) : (
          <RedactedExplanation key={user} user={user} strategies={strategies} />
        )
      ) : (
        <EmptyState title="Pick a user">{canReadUsers ? 'Type part of a user id above to see their profile, live session and feed.' : 'Type a user id above to see their feed and why.'}</EmptyState>
      )}
    </>
  );
}

function useExplainedFeed(user: string) {
  return useQuery({ queryKey: ['explain', user, 'feed'], queryFn: () => unwrap(consoleApi.GET('/api/v1/recommendations/explain/feed', { params: { query: { user, n: FEED_SIZE } } })) });
}

/** For roles that may explain a feed but not read end users' data: no preferences, attributes, history or live session. */
function RedactedExplanation({ user, strategies }: { user: string; strategies: StrategyOption[] | null }) {
  const feed = useExplainedFeed(user);
  return (
    <>
      <section className="card" aria-labelledby="profile-heading">
        <h2 id="profile-heading">Profile</h2>
        <QueryState query={feed}>{(data) => <RedactedFacts profile={data.profile} user={user} />}</QueryState>
      </section>
      <FeedSection feed={feed} />
      <StrategyComparison user={user} strategies={strategies} />
      <WhyNotPanel user={user} feedSize={FEED_SIZE} />
    </>
  );
}

function RedactedFacts({ user, profile }: { user: string; profile: RedactedProfile }) {
  return (
    <>
      <dl className={styles.definition}>
        <dt>User</dt>
        <dd>
          <code>{user}</code>
        </dd>
        <dt>Data sharing</dt>
        <dd>{profile.data_sharing ? <span className="badge badge-muted">{profile.data_sharing}</span> : <span className="subtle">no profile stored</span>}</dd>
        <dt>Interactions</dt>
        <dd>{profile.interactions} items</dd>
      </dl>
      <p className="subtle">Preferences, attributes, history and the live session are end-user data: only admins see them.</p>
    </>
  );
}

function FeedSection({ feed }: { feed: ReturnType<typeof useExplainedFeed> }) {
  return (
    <section className="card" aria-labelledby="feed-heading" style={{ marginTop: 16 }}>
      <h2 id="feed-heading">Feed</h2>
      <QueryState query={feed} loadingLabel="Ranking this user's feed…" isEmpty={(data) => data.items.length === 0} empty={{ title: 'Nothing to recommend', body: 'The feed for this user is empty.' }}>
        {(data) => <FeedExplanation feed={data} />}
      </QueryState>
    </section>
  );
}

function UserExplanation({ user, strategies }: { user: string; strategies: StrategyOption[] | null }) {
  const profile = useQuery({
    queryKey: ['users', user, 'profile'],
    queryFn: () => unwrap(consoleApi.GET('/api/v1/users/{id}', { params: { path: { id: user }, query: { history: HISTORY_SIZE } } })),
  });
  const live = useQuery({ queryKey: ['users', user, 'live'], queryFn: () => unwrap(consoleApi.GET('/api/v1/users/{id}/live', { params: { path: { id: user } } })) });
  const feed = useExplainedFeed(user);
  return (
    <>
      <div className="grid grid-2">
        <section className="card" aria-labelledby="profile-heading">
          <h2 id="profile-heading">Profile</h2>
          <QueryState query={profile}>{(data) => <ProfileFacts user={data} />}</QueryState>
        </section>
        <section className="card" aria-labelledby="live-heading">
          <h2 id="live-heading">Live session</h2>
          <QueryState query={live} isEmpty={(data) => data.updated_at === null} empty={{ title: 'No live profile', body: 'No events from this user reached the real-time store recently.' }}>
            {(data) => <LiveFacts live={data} />}
          </QueryState>
        </section>
      </div>
      <section className="card" aria-labelledby="history-heading" style={{ marginTop: 16 }}>
        <h2 id="history-heading">Recent history</h2>
        <QueryState query={profile} isEmpty={(data) => data.history.length === 0} empty={{ title: 'No history', body: 'This user has no recorded interactions.' }}>
          {(data) => <HistoryTable history={data.history} />}
        </QueryState>
      </section>
      <FeedSection feed={feed} />
      <StrategyComparison user={user} strategies={strategies} />
      <WhyNotPanel user={user} feedSize={FEED_SIZE} />
    </>
  );
}

function ProfileFacts({ user }: { user: User }) {
  const attributes = Object.entries(user.preferences.attributes);
  return (
    <dl className={styles.definition}>
      <dt>User</dt>
      <dd>
        <code>{user.id}</code>
      </dd>
      <dt>Data sharing</dt>
      <dd>
        <span className="badge badge-muted">{user.data_sharing}</span>
      </dd>
      <dt>Preferred categories</dt>
      <dd>{user.preferences.categories.length > 0 ? user.preferences.categories.join(', ') : <span className="subtle">none stated</span>}</dd>
      <dt>Attributes</dt>
      <dd>{attributes.length > 0 ? attributes.map(([key, value]) => `${key}: ${String(value)}`).join(', ') : <span className="subtle">none</span>}</dd>
      <dt>Created</dt>
      <dd>{formatTime(user.created_at)}</dd>
      <dt>Last active</dt>
      <dd>{user.last_active_at ? formatTime(user.last_active_at) : <span className="subtle">never</span>}</dd>
    </dl>
  );
}

function LiveFacts({ live }: { live: LiveProfile }) {
  const affinities = live.affinities.slice(0, 8).map((entry) => ({ label: entry.category, value: Math.round(entry.affinity * 100) / 100 }));
  return (
    <>
      <dl className={styles.definition}>
        <dt>Session</dt>
        <dd>{live.session ? `${live.session.views} views${live.session.category ? ` in ${live.session.category}` : ''}, since ${formatTime(new Date(live.session.startedAt).toISOString())}` : <span className="subtle">none open</span>}</dd>
        <dt>Last items</dt>
        <dd>{live.recent.length > 0 ? live.recent.slice(0, 5).map((event) => event.title || event.itemId).join(' · ') : <span className="subtle">none</span>}</dd>
      </dl>
      {affinities.length > 0 && (
        <>
          <div className="stat-label" style={{ marginTop: 12 }}>
            Category affinity now
          </div>
          <RankedBarChart data={affinities} name="Affinity" height={30 + affinities.length * 22} labelWidth={110} />
        </>
      )}
    </>
  );
}

function HistoryTable({ history }: { history: HistoryEntry[] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th>When</th>
            <th>Event</th>
            <th>Item</th>
            <th>Category</th>
          </tr>
        </thead>
        <tbody>
          {history.map((event) => (
            <tr key={event.event_id}>
              <td className="subtle">{formatTime(event.timestamp)}</td>
              <td>
                <span className={`badge ${event.type === 'dislike' || event.type === 'skip' ? 'badge-bad' : 'badge-good'}`}>
                  {event.type}
                  {event.value !== null ? ` ${event.value}` : ''}
                </span>
              </td>
              <td>
                {event.item.title || <code>{event.item.id}</code>}
                <div className="subtle">
                  <code>{event.item.id}</code>
                </div>
              </td>
              <td>{event.item.category ?? <span className="subtle">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FeedExplanation({ feed }: { feed: ExplainedFeed }) {
  const [selectedId, setSelectedId] = useState(feed.items[0]?.id ?? null);
  const selected = feed.items.find((item) => item.id === selectedId) ?? feed.items[0]!;
  return (
    <>
      {feed.fallback && <div className="warn-box">Serving fell back ({feed.fallback}): reasons and scores come from the fallback, not the ranker.</div>}
      <p className="subtle" style={{ marginTop: 0 }}>
        <strong>By score</strong> is where the item&apos;s own score ranked it; diversity, exploration and curation rules then move items, and the orange badges say which did.
      </p>
      <div className="grid grid-2">
        <div className="table-wrap">
          <table className="table" aria-label="Feed">
            <thead>
              <tr>
                <th className="num" title="Position in the feed">#</th>
                <th className="num" title="Rank of the item's score before diversity, exploration and curation rules">By score</th>
                <th>Item</th>
                <th>Why</th>
                <th className="num">Score</th>
              </tr>
            </thead>
            <tbody>
              {feed.items.map((item, index) => (
                <tr key={item.id} className={styles.feedRow} aria-selected={item.id === selected.id}>
                  <td className="num">{index + 1}</td>
                  <td className={`num ${styles.positions}`}>
                    <ScoreRank rank={item.score_rank} position={index + 1} />
                  </td>
                  <td>
                    <button type="button" className="link-button" style={{ color: 'var(--accent)', textDecoration: 'none' }} onClick={() => setSelectedId(item.id)}>
                      {item.title || item.id}
                    </button>
                    <div className="subtle">{item.category ?? '—'}</div>
                  </td>
                  <td>
                    <div className={styles.reasons}>
                      {item.adjustments?.map((adjustment) => (
                        <span key={adjustment.text} className="badge badge-warn" data-adjustment={adjustment.kind}>
                          {adjustment.text}
                        </span>
                      ))}
                      {item.reasons.map((reason) => (
                        <span key={reason.text} className="badge badge-muted">
                          {reason.text}
                        </span>
                      ))}
                    </div>
                  </td>
                  <td className="num">{item.score.toFixed(3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ItemBreakdown item={selected} />
      </div>
    </>
  );
}

/** The item's rank by score, and how far post-processing moved it from there. */
function ScoreRank({ rank, position }: { rank: number | null | undefined; position: number }) {
  if (rank === undefined) return <span className="subtle">—</span>;
  if (rank === null) return <span className="subtle" title="Placed by exploration or a pin, not ranked">placed</span>;
  const moved = rank - position;
  return (
    <>
      {rank}
      {moved !== 0 && <div className={styles.moved}>{moved > 0 ? `▲ ${moved}` : `▼ ${-moved}`}</div>}
    </>
  );
}

function ItemBreakdown({ item }: { item: ServedItem }) {
  return (
    <div aria-label="Score breakdown" data-testid="score-breakdown">
      <h3 style={{ marginTop: 0 }}>{item.title || item.id}</h3>
      <div className={styles.scoreLine}>
        <span>
          Ranker score <strong>{item.score.toFixed(4)}</strong>
        </span>
        {item.explanation && <span className="subtle">baseline {item.explanation.baseline.toFixed(4)}</span>}
        {item.explanation && item.explanation.exposure_penalty > 0 && (
          <span className="subtle" title="Taken from the score because the item is on many users' first pages already">
            exposure penalty −{item.explanation.exposure_penalty.toFixed(4)}
          </span>
        )}
      </div>
      <div className={styles.reasons} style={{ marginBottom: 8 }}>
        <span className="subtle">Sources:</span>
        {(item.sources ?? []).length > 0 ? (
          item.sources!.map((source) => (
            <span key={source} className="badge badge-good">
              {source}
            </span>
          ))
        ) : (
          <span className="subtle">placed after ranking</span>
        )}
      </div>
      {item.explanation ? <ScoreChart breakdown={item.explanation} /> : <EmptyState title="No ranker breakdown">This item was not scored by the ranker (a fallback, a pin or an exploration slot).</EmptyState>}
    </div>
  );
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
