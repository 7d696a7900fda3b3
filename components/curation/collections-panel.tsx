'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Field } from '@/components/ui/field';
import { QueryState } from '@/components/ui/query-state';
import { consoleApi, unwrap } from '@/lib/console/api-client';
import type { CurationRuleJson } from '@/lib/curation/schema';
import { ItemLine, ItemPicker, type PickedItem } from './item-picker';
import { RuleForm } from './rule-form';
import { DeleteRule, RuleTarget, Schedule, segmentLabel } from './rules-panel';
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
              <Collection key={name} name={name} picks={picks} canWrite={canWrite} now={query.dataUpdatedAt} />
            ))}
          </div>
        )}
      </QueryState>
    </>
  );
}

function Collection({ name, picks, canWrite, now }: { name: string; picks: CurationRuleJson[]; canWrite: boolean; now: number }) {
  const [editing, setEditing] = useState<number | null>(null);
  const [renaming, setRenaming] = useState(false);
  const named = name !== UNGROUPED;
  return (
    <section className="card" aria-label={`Collection ${name}`}>
      {renaming ? (
        <RenameCollection name={name} picks={picks} onDone={() => setRenaming(false)} />
      ) : (
        <h2 className={styles.collectionHeader}>
          <span>
            {name} <span className="subtle">· {picks.length}</span>
          </span>
          {canWrite && named && (
            <button type="button" className="button button-secondary button-small" onClick={() => setRenaming(true)}>
              Rename
            </button>
          )}
        </h2>
      )}
      <ul className={styles.collectionItems}>
        {picks.map((pick) =>
          editing === pick.id ? (
            <li key={pick.id}>
              <RuleForm rule={pick} onSaved={() => setEditing(null)} onCancel={() => setEditing(null)} />
            </li>
          ) : (
            <li key={pick.id}>
              <div className={styles.pickRow}>
                <RuleTarget rule={pick} />
                {canWrite && (
                  <span className={styles.rowActions}>
                    <button type="button" className="button button-secondary" onClick={() => setEditing(pick.id)} aria-label={`Edit pick #${pick.id}`}>
                      Edit
                    </button>
                    <DeleteRule rule={pick} label="Remove" />
                  </span>
                )}
              </div>
              <div className={`subtle ${styles.pickMeta}`}>
                {segmentLabel(pick.segment)} · <Schedule rule={pick} now={now} />
              </div>
            </li>
          ),
        )}
      </ul>
      {canWrite && named && <AddPick collection={name} picks={picks} />}
    </section>
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
    // One at a time: a refused item stops the rest, and the message names it.
    mutationFn: async ({ collection, items }: { collection: string; items: PickedItem[] }) => {
      for (const item of items) {
        await unwrap(consoleApi.POST('/api/v1/curation/rules', { body: { kind: 'pick', target_type: 'item', target: item.id, collection } })).catch((error: Error) => {
          throw new Error(`${item.title || item.id}: ${error.message}`);
        });
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['curation-rules'] }),
  });
}

function NewCollection() {
  const create = useCreatePicks();
  const [items, setItems] = useState<PickedItem[]>([]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get('name') ?? '').trim();
    create.mutate(
      { collection: name, items },
      {
        onSuccess: () => {
          form.reset();
          setItems([]);
        },
      },
    );
  };
  return (
    <form onSubmit={submit} aria-label="New collection" className={`${styles.ruleForm} ${styles.collectionForm}`}>
      <Field label="Name">
        <input className="input" name="name" required maxLength={100} placeholder="e.g. Staff favourites" />
      </Field>
      <div>
        <ItemPicker label="Items" onPick={(item) => setItems((current) => [...current, item])} exclude={items.map((item) => item.id)} hint="Search the catalog and pick each item" />
      </div>
      {items.length > 0 && (
        <ul className={`${styles.wide} ${styles.chips}`} aria-label="Items of the new collection">
          {items.map((item) => (
            <li key={item.id}>
              <ItemLine item={item} />
              <button type="button" className="button button-secondary" aria-label={`Leave out ${item.title || item.id}`} onClick={() => setItems((current) => current.filter((other) => other.id !== item.id))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className={`${styles.wide} ${styles.formActions}`}>
        <button className="button" type="submit" disabled={create.isPending || items.length === 0}>
          {create.isPending ? 'Creating…' : items.length === 0 ? 'Pick items to create' : `Create collection of ${items.length}`}
        </button>
        {create.isError && <span className="badge badge-bad">{create.error.message}</span>}
      </div>
    </form>
  );
}

/** Picking an item adds it at once: the list above is the collection. */
function AddPick({ collection, picks }: { collection: string; picks: CurationRuleJson[] }) {
  const add = useCreatePicks();
  return (
    <div aria-label={`Add to ${collection}`} role="group">
      <ItemPicker label={`Add to ${collection}`} onPick={(item) => add.mutate({ collection, items: [item] })} exclude={picks.map((pick) => pick.target)} />
      {add.isPending && <span className="subtle">Adding…</span>}
      {add.isError && <span className="badge badge-bad">{add.error.message}</span>}
    </div>
  );
}

/** A collection is its picks' shared name: renaming it renames every pick. */
function RenameCollection({ name, picks, onDone }: { name: string; picks: CurationRuleJson[]; onDone: () => void }) {
  const queryClient = useQueryClient();
  const rename = useMutation({
    mutationFn: async (collection: string) => {
      for (const pick of picks) await unwrap(consoleApi.PATCH('/api/v1/curation/rules/{id}', { params: { path: { id: pick.id } }, body: { collection } }));
    },
    onSuccess: onDone,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['curation-rules'] }),
  });
  return (
    <form
      className={styles.addRow}
      aria-label={`Rename ${name}`}
      onSubmit={(event) => {
        event.preventDefault();
        rename.mutate(String(new FormData(event.currentTarget).get('name') ?? '').trim());
      }}
    >
      <input className="input" name="name" defaultValue={name} required maxLength={100} aria-label="Collection name" />
      <button className="button" type="submit" disabled={rename.isPending}>
        {rename.isPending ? 'Saving…' : 'Save'}
      </button>
      <button className="button button-secondary" type="button" onClick={onDone}>
        Cancel
      </button>
      {rename.isError && <span className="badge badge-bad">{rename.error.message}</span>}
    </form>
  );
}
