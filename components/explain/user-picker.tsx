'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useDeferredValue, useState, type FormEvent } from 'react';
import { consoleApi, queryString, unwrap } from '@/lib/console/api-client';

/** Type part of an id; with `suggest` (the viewer may search end users), matching users are offered as you type. */
export function UserPicker({ user, basePath, suggest = true }: { user: string | null; basePath: string; suggest?: boolean }) {
  const router = useRouter();
  const [text, setText] = useState(user ?? '');
  const search = useDeferredValue(text.trim());
  const matches = useQuery({
    queryKey: ['users', 'search', search],
    queryFn: () => unwrap(consoleApi.GET('/api/v1/users', { params: { query: { q: search, limit: 10 } } })),
    enabled: suggest && search.length > 0,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) router.push(`${basePath}${queryString({ user: text.trim() })}`);
  };
  return (
    <form className="toolbar" onSubmit={submit} role="search">
      <input className="input" name="user" list="user-matches" placeholder="User id, e.g. user-0001" value={text} onChange={(event) => setText(event.target.value)} aria-label="User" autoComplete="off" />
      <datalist id="user-matches">
        {matches.data?.users.map((match) => (
          <option key={match.id} value={match.id}>
            {match.event_count} events
          </option>
        ))}
      </datalist>
      <button className="button" type="submit">
        Show
      </button>
    </form>
  );
}
