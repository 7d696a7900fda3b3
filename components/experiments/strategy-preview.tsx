'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FeedColumns } from '@/components/explain/feed-columns';
import { UserPicker } from '@/components/explain/user-picker';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState, LoadingState } from '@/components/ui/query-state';
import { useDebouncedValue } from '@/components/ui/use-debounced-value';
import { consoleApi, unwrap } from '@/lib/console/api-client';
import type { StrategyConfig } from '@/lib/strategies/schema';
import styles from './experiments.module.css';

const PREVIEW_SIZE = 10;
/** How long the config must stay still before the preview re-ranks: a slider drag ranks once. */
const SETTLE_MS = 500;

/**
 * What the strategy as edited, unsaved, would serve a chosen user, beside what the default strategy
 * serves them. `config` is null while the editor holds something that is not a config (broken JSON).
 */
export function StrategyPreview({ config, suggestUsers }: { config: StrategyConfig | null; suggestUsers: boolean }) {
  const [user, setUser] = useState<string | null>(null);
  const settled = useDebouncedValue(config, SETTLE_MS);
  const preview = useQuery({
    queryKey: ['strategy-preview', user, settled],
    queryFn: () => unwrap(consoleApi.POST('/api/v1/recommendations/explain/preview', { body: { user: user!, config: settled!, n: PREVIEW_SIZE } })),
    enabled: user !== null && settled !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });

  return (
    <section className={`card ${styles.section}`} aria-labelledby="preview-heading" data-testid="strategy-preview">
      <div className={styles.sectionHeader}>
        <h2 id="preview-heading">Preview</h2>
        {preview.isFetching && user && <span className="subtle">Ranking…</span>}
      </div>
      <p className="subtle" style={{ marginTop: 0 }}>
        The first {PREVIEW_SIZE} items this strategy would serve a user as edited, before you save, beside what the default strategy serves them. Nothing is served or logged.
      </p>
      <UserPicker user={user} to={{ onPick: setUser }} suggest={suggestUsers} />
      {user === null ? (
        <EmptyState title="Pick a user">Type a user id above to see their feed under this strategy and under the default.</EmptyState>
      ) : config === null ? (
        <div className="warn-box">The config is not valid JSON: fix it to preview.</div>
      ) : preview.isError ? (
        <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />
      ) : !preview.data ? (
        <LoadingState label="Ranking both feeds…" />
      ) : (
        <FeedColumns
          label="Preview beside the default strategy"
          columns={[
            { key: 'preview', heading: 'This strategy (unsaved)', items: preview.data.preview.items, note: fallbackNote(preview.data.preview.fallback) },
            { key: 'default', heading: `Default: ${preview.data.default.strategy} v${preview.data.default.version}`, items: preview.data.default.items, note: fallbackNote(preview.data.default.fallback) },
          ]}
        />
      )}
    </section>
  );
}

function fallbackNote(fallback: string | null) {
  return fallback && <p className="subtle">Serving fell back ({fallback}).</p>;
}
