'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useDeferredValue, useEffect, useState } from 'react';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { FieldList } from '@/components/ui/field-list';
import { ErrorState, QueryState } from '@/components/ui/query-state';
import { consoleApi, queryString, unwrap } from '@/lib/console/api-client';
import { recordFields } from '@/lib/console/fields';
import styles from './users.module.css';

const PAGE_SIZE = 25;
const HISTORY_SHOWN = 10;

/** What each data-sharing level lets Tailor use (lib/users/privacy.ts). */
const SHARING_MEANINGS = {
  minimal: 'No behavioural profile: served from stated preferences and popularity; events count only in aggregates.',
  standard: 'Behavioural profile from their events; no personal context.',
  enhanced: 'Behavioural profile, plus session, device, time of day and attributes in ranking and segments.',
} as const;

const dateTime = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const date = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { dateStyle: 'medium' });

/** The list of users, and the selected one's profile in a side panel (a full-screen sheet on phones); `?user=` names the selection. */
export function UsersView({ initialSelected }: { initialSelected: string | null }) {
  const [text, setText] = useState('');
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<string | null>(initialSelected);
  const [forgotten, setForgotten] = useState<{ id: string; events: number } | null>(null);
  const q = useDeferredValue(text.trim());
  const page = useQuery({
    queryKey: ['users', 'list', q, offset],
    queryFn: () => unwrap(consoleApi.GET('/api/v1/users', { params: { query: { ...(q && { q }), limit: PAGE_SIZE, offset } } })),
    placeholderData: keepPreviousData,
  });
  const select = (id: string | null) => {
    setSelected(id);
    window.history.replaceState(null, '', `/users${id ? queryString({ user: id }) : ''}`);
  };
  return (
    <>
      <div className="toolbar">
        <input
          className="input"
          type="search"
          placeholder="Search user ids"
          aria-label="Search users"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setOffset(0);
          }}
        />
        {page.data && <span className="subtle">{page.data.total.toLocaleString('en-US')} {page.data.total === 1 ? 'user matches' : 'users match'}</span>}
      </div>
      {forgotten && (
        <div className="success-box" role="status" style={{ marginBottom: 16 }}>
          Forgot <code>{forgotten.id}</code> and their {forgotten.events.toLocaleString('en-US')} events.
        </div>
      )}
      <div className={styles.layout}>
        <div className="card" style={{ padding: 0 }}>
          <QueryState query={page} isEmpty={(data) => data.users.length === 0} empty={{ title: 'No users match', body: 'Try another part of the id.' }}>
            {(data) => (
              <>
                <DataTable
                  rows={data.users}
                  rowKey={(user) => user.id}
                  columns={[
                    {
                      key: 'id',
                      header: 'User',
                      sortValue: (user) => user.id,
                      render: (user) => (
                        <button type="button" className="link-button" style={{ color: 'var(--accent)' }} onClick={() => select(user.id)} aria-pressed={selected === user.id}>
                          {user.id}
                        </button>
                      ),
                    },
                    { key: 'events', header: 'Events', numeric: true, sortValue: (user) => user.event_count, render: (user) => user.event_count.toLocaleString('en-US') },
                    { key: 'sharing', header: 'Data sharing', sortValue: (user) => user.data_sharing, render: (user) => <span className="badge badge-muted">{user.data_sharing}</span> },
                    { key: 'active', header: 'Last active', sortValue: (user) => user.last_active_at, render: (user) => (user.last_active_at ? date(user.last_active_at) : <span className="subtle">never</span>) },
                  ]}
                />
                <Pager offset={data.offset} limit={data.limit} total={data.total} onChange={setOffset} />
              </>
            )}
          </QueryState>
        </div>
        {selected ? (
          <UserPanel
            key={selected}
            id={selected}
            onClose={() => select(null)}
            onForgotten={(events) => {
              setForgotten({ id: selected, events });
              select(null);
            }}
          />
        ) : (
          <div className={`card ${styles.placeholder}`}>
            <EmptyState title="Select a user">Pick a user in the list to see their profile, export their data or delete them.</EmptyState>
          </div>
        )}
      </div>
    </>
  );
}

function Pager({ offset, limit, total, onChange }: { offset: number; limit: number; total: number; onChange: (offset: number) => void }) {
  return (
    <div className="pager" style={{ padding: '8px 12px' }}>
      <span className="subtle">
        {total === 0 ? 0 : offset + 1}–{Math.min(offset + limit, total)} of {total.toLocaleString('en-US')}
      </span>
      <span style={{ display: 'flex', gap: 8 }}>
        <button type="button" className="button button-secondary button-small" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
          Previous
        </button>
        <button type="button" className="button button-secondary button-small" disabled={offset + limit >= total} onClick={() => onChange(offset + limit)}>
          Next
        </button>
      </span>
    </div>
  );
}

function UserPanel({ id, onClose, onForgotten }: { id: string; onClose: () => void; onForgotten: (events: number) => void }) {
  const queryClient = useQueryClient();
  const user = useQuery({ queryKey: ['users', id, 'profile'], queryFn: () => unwrap(consoleApi.GET('/api/v1/users/{id}', { params: { path: { id }, query: { history: HISTORY_SHOWN } } })) });
  const forget = useMutation({
    mutationFn: () => unwrap(consoleApi.DELETE('/api/v1/users/{id}', { params: { path: { id } } })),
    onSuccess: async (result) => {
      queryClient.removeQueries({ queryKey: ['users', id] });
      await queryClient.invalidateQueries({ queryKey: ['users', 'list'] });
      onForgotten(result.deleted_events);
    },
  });
  useEffect(() => {
    const closeOnEscape = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', closeOnEscape);
    return () => window.removeEventListener('keydown', closeOnEscape);
  }, [onClose]);
  const path = `/api/v1/users/${encodeURIComponent(id)}`;
  return (
    <aside className={`card ${styles.panel}`} aria-label={`User ${id}`} data-testid="user-panel">
      <div className={styles.panelHeader}>
        <h2>
          <code>{id}</code>
        </h2>
        <button type="button" className="button button-secondary button-small" onClick={onClose} aria-label="Close the user panel">
          ✕ Close
        </button>
      </div>
      <QueryState query={user}>
        {(data) => (
          <>
            <FieldList
              label="Profile"
              fields={[
                { label: 'Privacy level', value: `${data.data_sharing}: ${SHARING_MEANINGS[data.data_sharing]}` },
                { label: 'Preferred categories', value: data.preferences.categories.join(', ') || 'none stated' },
                { label: 'Created', value: dateTime(data.created_at) },
                { label: 'Last active', value: data.last_active_at ? dateTime(data.last_active_at) : 'never' },
              ]}
            />
            <div className={styles.actions}>
              <a className="button button-secondary" href={`${path}/export`} download={`user-${data.id}.json`}>
                Export data (JSON)
              </a>
              <Link className="button button-secondary" href={`/explain${queryString({ user: data.id })}`}>
                Explain their feed
              </Link>
              <ConfirmButton
                label="Delete user"
                question={`Forget ${data.id}? Their profile, events, impressions and exposures are deleted for good.`}
                confirmLabel="Delete for good"
                pending={forget.isPending}
                onConfirm={() => forget.mutate()}
              />
            </div>
            {forget.isError && <ErrorState error={forget.error} />}

            <h3 className={styles.sectionTitle}>Attributes</h3>
            {Object.keys(data.preferences.attributes).length === 0 ? <p className="subtle">No attributes stored.</p> : <FieldList label="Attributes" fields={recordFields(data.preferences.attributes)} />}

            <h3 className={styles.sectionTitle}>Experiments</h3>
            {data.experiments.length === 0 ? (
              <p className="subtle">Not exposed to any experiment.</p>
            ) : (
              <ul className={styles.list} aria-label="Experiment exposures">
                {data.experiments.map((exposure) => (
                  <li key={exposure.experiment}>
                    <Link href={`/experiments/${encodeURIComponent(exposure.experiment)}`}>{exposure.experiment}</Link> <span className="badge badge-muted">variant {exposure.variant}</span>{' '}
                    <span className="subtle">since {date(exposure.first_exposed_at)}</span>
                  </li>
                ))}
              </ul>
            )}

            <h3 className={styles.sectionTitle}>Recent events</h3>
            {data.history.length === 0 ? (
              <p className="subtle">No interactions recorded.</p>
            ) : (
              <ul className={styles.list} aria-label="Recent events">
                {data.history.map((event) => (
                  <li key={event.event_id}>
                    <span className="badge badge-muted">{event.type}</span> <Link href={`/catalog/${encodeURIComponent(event.item.id)}`}>{event.item.title || event.item.id}</Link>
                    {event.value !== null && <span className="subtle"> · {event.value}</span>}
                    <span className={`subtle ${styles.when}`}>{dateTime(event.timestamp)}</span>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </QueryState>
    </aside>
  );
}
