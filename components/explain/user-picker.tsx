'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useDeferredValue, useId, useState, type FormEvent } from 'react';
import { consoleApi, queryString, unwrap } from '@/lib/console/api-client';

interface UserPickerProps {
  user: string | null;
  /** Where a picked user goes: `basePath?user=…`, or `onPick` on pages whose state must survive the choice. */
  to: { basePath: string } | { onPick: (user: string) => void };
  suggest?: boolean;
}

/** Type part of an id; with `suggest` (the viewer may search end users), matching users are offered as you type. */
export function UserPicker({ user, to, suggest = true }: UserPickerProps) {
  const router = useRouter();
  const [text, setText] = useState(user ?? '');
  const listId = useId();
  const search = useDeferredValue(text.trim());
  const matches = useQuery({
    queryKey: ['users', 'search', search],
    queryFn: () => unwrap(consoleApi.GET('/api/v1/users', { params: { query: { q: search, limit: 10 } } })),
    enabled: suggest && search.length > 0,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const picked = text.trim();
    if (!picked) return;
    if ('onPick' in to) to.onPick(picked);
    else router.push(`${to.basePath}${queryString({ user: picked })}`);
  };
  return (
    <form className="toolbar" onSubmit={submit} role="search">
      <input className="input" name="user" list={listId} placeholder="User id, e.g. user-0001" value={text} onChange={(event) => setText(event.target.value)} aria-label="User" autoComplete="off" />
      <datalist id={listId}>
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
