'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useDeferredValue, useState } from 'react';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { DataTable } from '@/components/ui/data-table';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState, QueryState } from '@/components/ui/query-state';
import { consoleApi, queryString, unwrap } from '@/lib/console/api-client';

const PAGE_SIZE = 25;

export function UsersView() {
  const [text, setText] = useState('');
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const [forgotten, setForgotten] = useState<{ id: string; events: number } | null>(null);
  const q = useDeferredValue(text.trim());
  const page = useQuery({
    queryKey: ['users', 'list', q, offset],
    queryFn: () => unwrap(consoleApi.GET('/api/v1/users', { params: { query: { ...(q && { q }), limit: PAGE_SIZE, offset } } })),
    placeholderData: keepPreviousData,
  });
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
        <div className="success-box" role="status">
          Forgot <code>{forgotten.id}</code> and their {forgotten.events.toLocaleString('en-US')} events.
        </div>
      )}
      <div className="grid grid-2">
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
                        <button type="button" className="link-button" style={{ color: 'var(--accent)' }} onClick={() => setSelected(user.id)} aria-pressed={selected === user.id}>
                          {user.id}
                        </button>
                      ),
                    },
                    { key: 'events', header: 'Events', numeric: true, sortValue: (user) => user.event_count, render: (user) => user.event_count.toLocaleString('en-US') },
                    { key: 'sharing', header: 'Data sharing', sortValue: (user) => user.data_sharing, render: (user) => <span className="badge badge-muted">{user.data_sharing}</span> },
                    { key: 'active', header: 'Last active', sortValue: (user) => user.last_active_at, render: (user) => (user.last_active_at ? user.last_active_at.slice(0, 10) : <span className="subtle">never</span>) },
                  ]}
                />
                <Pager offset={data.offset} limit={data.limit} total={data.total} onChange={setOffset} />
              </>
            )}
          </QueryState>
        </div>
        {selected ? (
          <UserDetail
            key={selected}
            id={selected}
            onForgotten={(events) => {
              setForgotten({ id: selected, events });
              setSelected(null);
            }}
          />
        ) : (
          <div className="card">
            <EmptyState title="Select a user">Pick a user in the list to see them, export their data or delete them.</EmptyState>
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

function UserDetail({ id, onForgotten }: { id: string; onForgotten: (events: number) => void }) {
  const queryClient = useQueryClient();
  const user = useQuery({ queryKey: ['users', id, 'profile'], queryFn: () => unwrap(consoleApi.GET('/api/v1/users/{id}', { params: { path: { id }, query: { history: 10 } } })) });
  const forget = useMutation({
    mutationFn: () => unwrap(consoleApi.DELETE('/api/v1/users/{id}', { params: { path: { id } } })),
    onSuccess: async (result) => {
      queryClient.removeQueries({ queryKey: ['users', id] });
      await queryClient.invalidateQueries({ queryKey: ['users', 'list'] });
      onForgotten(result.deleted_events);
    },
  });
  const path = `/api/v1/users/${encodeURIComponent(id)}`;
  return (
    <section className="card" aria-label={`User ${id}`}>
      <QueryState query={user}>
        {(data) => (
          <>
            <h2 style={{ marginTop: 0 }}>
              <code>{data.id}</code>
            </h2>
            <p className="subtle">
              Data sharing <strong>{data.data_sharing}</strong> · created {data.created_at.slice(0, 10)} · preferred {data.preferences.categories.join(', ') || 'nothing stated'}
            </p>
            <div className="toolbar">
              <a className="button button-secondary" href={`${path}/export`} download={`user-${data.id}.json`}>
                Export JSON
              </a>
              <Link className="button button-secondary" href={`/explain${queryString({ user: data.id })}`}>
                Explain their feed
              </Link>
              <ConfirmButton
                label="Delete user"
                question={`Forget ${data.id}? Their profile, events and impressions are deleted for good.`}
                confirmLabel="Delete for good"
                pending={forget.isPending}
                onConfirm={() => forget.mutate()}
              />
            </div>
            {forget.isError && <ErrorState error={forget.error} />}
            <h3>Latest interactions</h3>
            {data.history.length === 0 ? (
              <EmptyState title="No interactions" />
            ) : (
              <ul>
                {data.history.map((event) => (
                  <li key={event.event_id}>
                    <span className="badge badge-muted">{event.type}</span> {event.item.title || event.item.id} <span className="subtle">{event.timestamp.slice(0, 16).replace('T', ' ')}</span>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
