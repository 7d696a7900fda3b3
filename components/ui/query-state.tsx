'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { EmptyState } from './empty-state';

interface QueryStateProps<T> {
  query: UseQueryResult<T>;
  /** True when the data is there but there is nothing in it. */
  isEmpty?: (data: T) => boolean;
  empty?: { title: string; body?: ReactNode };
  loadingLabel?: string;
  children: (data: T) => ReactNode;
}

/** The three states every list has besides its data: loading, empty and failed. */
export function QueryState<T>({ query, isEmpty, empty, loadingLabel = 'Loading…', children }: QueryStateProps<T>) {
  if (query.isPending) return <LoadingState label={loadingLabel} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (isEmpty?.(query.data)) return <EmptyState title={empty?.title ?? 'Nothing here yet'}>{empty?.body}</EmptyState>;
  return <>{children(query.data)}</>;
}

export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden /> {label}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div className="error-box" role="alert">
      {error instanceof Error ? error.message : 'Something went wrong.'}
      {onRetry && (
        <button type="button" className="button button-secondary button-small" onClick={onRetry} style={{ marginLeft: 12 }}>
          Retry
        </button>
      )}
    </div>
  );
}
