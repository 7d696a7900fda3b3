'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { QueryState } from '@/components/ui/query-state';
import { useDebouncedValue } from '@/components/ui/use-debounced-value';
import { consoleApi, unwrap } from '@/lib/console/api-client';
import { MAX_COMPARED_STRATEGIES } from '@/lib/serving/limits';
import styles from './explain.module.css';
import { FeedColumns } from './feed-columns';

export interface StrategyOption {
  key: string;
  name: string;
  isDefault: boolean;
}

const COMPARED_SIZE = 10;

/** The user's feed under each chosen strategy, side by side: what each would serve them, rank by rank. */
export function StrategyComparison({ user, strategies }: { user: string; strategies: StrategyOption[] | null }) {
  const [chosen, setChosen] = useState<string[]>(() => initialChoice(strategies));
  const [typed, setTyped] = useState('');
  const typedKeys = useDebouncedValue(typed, 500);
  const keys = strategies ? chosen : keysOf(typedKeys);
  const feeds = useQuery({
    queryKey: ['explain', user, 'strategies', keys],
    queryFn: () => unwrap(consoleApi.GET('/api/v1/recommendations/explain/strategies', { params: { query: { user, strategies: keys.join(','), n: COMPARED_SIZE } } })),
    enabled: keys.length > 0,
    retry: false,
  });
  const toggle = (key: string) => setChosen((current) => (current.includes(key) ? current.filter((other) => other !== key) : [...current, key]));

  return (
    <section className="card" aria-labelledby="strategies-heading" style={{ marginTop: 16 }} data-testid="strategy-comparison">
      <h2 id="strategies-heading">Under each strategy</h2>
      <p className="subtle" style={{ marginTop: 0 }}>
        The first {COMPARED_SIZE} items each strategy would serve this user now, up to {MAX_COMPARED_STRATEGIES} side by side. Nothing is served or logged.
      </p>
      {strategies ? (
        <fieldset className={styles.strategyChoice}>
          <legend className="field-label">Strategies</legend>
          {strategies.map((strategy) => (
            <label key={strategy.key}>
              <input type="checkbox" name="strategy" value={strategy.key} checked={chosen.includes(strategy.key)} disabled={!chosen.includes(strategy.key) && chosen.length >= MAX_COMPARED_STRATEGIES} onChange={() => toggle(strategy.key)} />
              {strategy.name}
              {strategy.isDefault && <span className="badge badge-good">default</span>}
            </label>
          ))}
        </fieldset>
      ) : (
        <label className="field">
          <span className="field-label">Strategy keys, comma-separated</span>
          <input className="input" name="strategies" placeholder="hybrid, popular" value={typed} onChange={(event) => setTyped(event.target.value)} />
        </label>
      )}
      {keys.length === 0 ? (
        <EmptyState title="Choose a strategy">Pick up to {MAX_COMPARED_STRATEGIES} strategies to see this user&apos;s feed under each.</EmptyState>
      ) : (
        <QueryState query={feeds} loadingLabel="Ranking the feed under each strategy…">
          {(data) => (
            <FeedColumns
              label="Feeds by strategy"
              columns={data.feeds.map((feed) => ({
                key: feed.strategy,
                heading: `${feed.strategy} v${feed.version}`,
                items: feed.items,
                note: feed.fallback && <p className="subtle">Serving fell back ({feed.fallback}).</p>,
              }))}
            />
          )}
        </QueryState>
      )}
    </section>
  );
}

/** The default strategy and the next one listed: a comparison from the first look. */
function initialChoice(strategies: StrategyOption[] | null): string[] {
  if (!strategies) return [];
  const byDefault = [...strategies].sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
  return byDefault.slice(0, 2).map((strategy) => strategy.key);
}

function keysOf(text: string): string[] {
  return [...new Set(text.split(',').map((key) => key.trim()).filter((key) => key !== ''))].slice(0, MAX_COMPARED_STRATEGIES);
}
