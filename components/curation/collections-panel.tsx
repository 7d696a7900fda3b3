'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { Field } from '@/components/ui/field';
import { QueryState } from '@/components/ui/query-state';
import { consoleApi, unwrap } from '@/lib/console/api-client';
import type { CurationRuleJson } from '@/lib/curation/schema';
import { DeleteRule, Schedule, segmentLabel } from './rules-panel';
import styles from './curation.module.css';

const UNGROUPED = 'Picks outside a collection';

/** Picks grouped by collection, named by editors; each pick is one rule, so its segment and schedule stay its own. */
export function CollectionsPanel({ canWrite }: { canWrite: boolean }) {
  const query = useQuery({ queryKey: ['curation-rules', 'pick', 'collections'], queryFn: () => unwrap(consoleApi.GET('/api/v1/curation/rules', { params: { query: { kind: 'pick', limit: 200 } } })) });
  return (
    <>
      {canWrite && (
        <section className="card" style={{ marginBottom: 16 }}>
          <h2>New collection</h2>
          <NewCollection />
        </section>
      )}
      <QueryState query={query} isEmpty={(data) => data.rules.length === 0} empty={{ title: 'No collections yet', body: "Name a collection and list its items: they join every matching user's candidates." }} loadingLabel="Loading collections…">
        {(data) => (
          <div className={styles.collections}>
            {groupByCollection(data.rules).map(([name, picks]) => (
              <section key={name} className="card" aria-label={`Collection ${name}`}>
                <h2>
                  {name} <span className="subtle">· {picks.length}</span>
                </h2>
                <ul className={styles.collectionItems}>
                  {picks.map((pick) => (
                    <li key={pick.id}>
                      <span>
                        {pick.target_type === 'item' ? <Link href={`/catalog/${encodeURIComponent(pick.target)}`}>{pick.target}</Link> : `${pick.target_type} ${pick.target}`}
                        <div className="subtle" style={{ fontSize: 12 }}>
                          {segmentLabel(pick.segment)} · <Schedule rule={pick} now={query.dataUpdatedAt} />
                        </div>
                      </span>
                      {canWrite && <DeleteRule rule={pick} label="Remove" />}
                    </li>
                  ))}
                </ul>
                {canWrite && name !== UNGROUPED && <AddPick collection={name} />}
              </section>
            ))}
          </div>
        )}
      </QueryState>
    </>
  );
}

function groupByCollection(picks: CurationRuleJson[]): [string, CurationRuleJson[]][] {
  const groups = new Map<string, CurationRuleJson[]>();
  for (const pick of [...picks].sort((a, b) => a.id - b.id)) {
    const name = pick.collection ?? UNGROUPED;
    groups.set(name, [...(groups.get(name) ?? []), pick]);
  }
  return [...groups].sort(([a], [b]) => (a === UNGROUPED ? 1 : b === UNGROUPED ? -1 : a.localeCompare(b)));
}

function useCreatePicks() {
  const queryClient = useQueryClient();
  return useMutation({
    // One at a time: a refused id stops the rest, and the message names it.
    mutationFn: async ({ collection, items }: { collection: string; items: string[] }) => {
      for (const target of items) {
        await unwrap(consoleApi.POST('/api/v1/curation/rules', { body: { kind: 'pick', target_type: 'item', target, collection } })).catch((error: Error) => {
          throw new Error(`${target}: ${error.message}`);
        });
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['curation-rules'] }),
  });
}

function NewCollection() {
  const create = useCreatePicks();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const items = String(data.get('items') ?? '')
      .split(/[\s,]+/)
      .filter(Boolean);
    create.mutate({ collection: String(data.get('name') ?? '').trim(), items }, { onSuccess: () => form.reset() });
  };
  return (
    <form onSubmit={submit} aria-label="New collection" className={styles.ruleForm}>
      <Field label="Name">
        <input className="input" name="name" required maxLength={100} placeholder="e.g. Staff favourites" />
      </Field>
      <div style={{ gridColumn: 'span 2' }}>
        <Field label="Items" hint="Item ids, separated by commas or spaces">
          <input className="input" name="items" required placeholder="item-00001, item-00042" />
        </Field>
      </div>
      <div className={`${styles.wide} ${styles.formActions}`}>
        <button className="button" type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create collection'}
        </button>
        {create.isError && <span className="badge badge-bad">{create.error.message}</span>}
      </div>
    </form>
  );
}

function AddPick({ collection }: { collection: string }) {
  const add = useCreatePicks();
  const [target, setTarget] = useState('');
  return (
    <form
      className={styles.addRow}
      aria-label={`Add to ${collection}`}
      onSubmit={(event) => {
        event.preventDefault();
        add.mutate({ collection, items: [target.trim()] }, { onSuccess: () => setTarget('') });
      }}
    >
      <input className="input" placeholder="Add an item id" value={target} onChange={(event) => setTarget(event.target.value)} aria-label="Item id" required />
      <button className="button button-secondary" type="submit" disabled={add.isPending}>
        Add
      </button>
      {add.isError && <span className="badge badge-bad">{add.error.message}</span>}
    </form>
  );
}
