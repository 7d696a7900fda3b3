'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { DataTable, type Column } from '@/components/ui/data-table';
import { QueryState } from '@/components/ui/query-state';
import { consoleApi, unwrap } from '@/lib/console/api-client';
import { CURATION_KINDS, type CurationKind, type CurationRuleJson } from '@/lib/curation/schema';
import { ItemLine } from './item-picker';
import { KIND_LABELS, RuleForm, targetItemOf } from './rule-form';
import styles from './curation.module.css';

const KIND_BADGES: Record<CurationRuleJson['kind'], string> = { pick: 'badge', pin: 'badge', boost: 'badge badge-good', block: 'badge badge-bad' };

/** Every rule, filtered by kind and whether it is in force now; editors add, edit and remove them here. */
export function RulesPanel({ canWrite }: { canWrite: boolean }) {
  const [kind, setKind] = useState<CurationKind | ''>('');
  const [active, setActive] = useState<'any' | 'true' | 'false'>('any');
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<CurationRuleJson | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const formCard = useRef<HTMLElement>(null);
  const query = useQuery({ queryKey: ['curation-rules', kind, active], queryFn: () => unwrap(consoleApi.GET('/api/v1/curation/rules', { params: { query: { ...(kind && { kind }), active, limit: 200 } } })) });
  const needle = search.trim().toLowerCase();
  const edit = (rule: CurationRuleJson) => {
    setEditing(rule);
    setSaved(null);
    formCard.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  };

  return (
    <>
      {canWrite && (
        <section ref={formCard} className={editing ? `card ${styles.editing}` : 'card'} style={{ marginBottom: 16 }}>
          <h2>{editing ? `Edit rule #${editing.id}` : 'New rule'}</h2>
          {editing ? (
            <RuleForm
              key={editing.id}
              rule={editing}
              onSaved={(rule) => {
                setEditing(null);
                setSaved(rule.id);
              }}
              onCancel={() => setEditing(null)}
            />
          ) : (
            <RuleForm />
          )}
          {saved !== null && (
            <span className="badge badge-good" role="status">
              Rule #{saved} saved
            </span>
          )}
        </section>
      )}
      <div className="toolbar">
        <input className="input" type="search" placeholder="Filter by title, target, segment or note" aria-label="Filter rules" value={search} onChange={(event) => setSearch(event.target.value)} />
        <select className="select" aria-label="Kind" value={kind} onChange={(event) => setKind(event.target.value as CurationKind | '')}>
          <option value="">All kinds</option>
          {CURATION_KINDS.map((value) => (
            <option key={value} value={value}>
              {KIND_LABELS[value]}
            </option>
          ))}
        </select>
        <select className="select" aria-label="Schedule" value={active} onChange={(event) => setActive(event.target.value as 'any' | 'true' | 'false')}>
          <option value="any">Any schedule</option>
          <option value="true">In force now</option>
          <option value="false">Scheduled or ended</option>
        </select>
      </div>
      <div className="card" style={{ padding: 0 }}>
        <QueryState query={query} isEmpty={(data) => data.rules.length === 0} empty={{ title: 'No rules yet', body: canWrite ? 'Add a pin, boost, block or pick above.' : 'Editors add pins, boosts, blocks and picks here.' }} loadingLabel="Loading rules…">
          {(data) => (
            <DataTable
              rows={data.rules}
              columns={columns(canWrite ? edit : null, query.dataUpdatedAt)}
              rowKey={(rule) => rule.id}
              initialSort={{ key: 'id', direction: 'desc' }}
              filter={needle ? (rule) => [rule.target, rule.target_item?.title ?? '', rule.segment ?? '', rule.note, rule.collection ?? ''].some((text) => text.toLowerCase().includes(needle)) : undefined}
            />
          )}
        </QueryState>
      </div>
    </>
  );
}

/** `edit`: null for those who may only read. */
function columns(edit: ((rule: CurationRuleJson) => void) | null, now: number): Column<CurationRuleJson>[] {
  const base: Column<CurationRuleJson>[] = [
    { key: 'id', header: '#', render: (rule) => <span className="subtle">{rule.id}</span>, sortValue: (rule) => rule.id, numeric: true },
    { key: 'kind', header: 'Kind', render: (rule) => <span className={KIND_BADGES[rule.kind]}>{KIND_LABELS[rule.kind]}</span>, sortValue: (rule) => rule.kind },
    { key: 'target', header: 'Target', render: (rule) => <RuleTarget rule={rule} />, sortValue: (rule) => rule.target_item?.title || rule.target },
    { key: 'effect', header: 'Effect', render: effectOf },
    { key: 'segment', header: 'Segment', render: (rule) => segmentLabel(rule.segment), sortValue: (rule) => rule.segment ?? '' },
    { key: 'schedule', header: 'Schedule', render: (rule) => <Schedule rule={rule} now={now} />, sortValue: (rule) => rule.starts_at ?? '' },
    { key: 'note', header: 'Note', render: (rule) => <span className="subtle">{rule.note || '—'}</span> },
    { key: 'by', header: 'By', render: (rule) => <span className="subtle">{rule.created_by ?? '—'}</span>, sortValue: (rule) => rule.created_by ?? '' },
  ];
  if (!edit) return base;
  const actions: Column<CurationRuleJson> = {
    key: 'actions',
    header: '',
    render: (rule) => (
      <span className={styles.rowActions}>
        <button type="button" className="button button-secondary" onClick={() => edit(rule)} aria-label={`Edit rule #${rule.id}`}>
          Edit
        </button>
        <DeleteRule rule={rule} />
      </span>
    ),
  };
  return [...base, actions];
}

/** An item target by its title and poster (its id underneath); a tag or category by name. */
export function RuleTarget({ rule }: { rule: CurationRuleJson }) {
  const item = targetItemOf(rule);
  if (item && rule.target_item) return <ItemLine item={item} link />;
  if (item)
    return (
      <span>
        {rule.target} <span className="badge badge-muted">not in the catalog</span>
      </span>
    );
  return (
    <span>
      <span className="subtle">{rule.target_type} </span>
      {rule.target}
    </span>
  );
}

function effectOf(rule: CurationRuleJson) {
  switch (rule.kind) {
    case 'pin':
      return `at position ${rule.position}`;
    case 'boost':
      return `score × ${rule.boost}`;
    case 'block':
      return 'never shown';
    case 'pick':
      return rule.collection ? `in “${rule.collection}”` : 'candidate';
  }
}

export function segmentLabel(segment: string | null): string {
  if (segment === null) return 'Everyone';
  if (segment === 'new') return 'New users';
  if (segment === 'returning') return 'Returning users';
  return segment;
}

/** `now`: when the rules were read, so a re-render never changes what a rule's state says. */
export function Schedule({ rule, now }: { rule: Pick<CurationRuleJson, 'starts_at' | 'ends_at'>; now: number }) {
  const started = !rule.starts_at || Date.parse(rule.starts_at) <= now;
  const ended = rule.ends_at !== null && Date.parse(rule.ends_at) <= now;
  const badge = ended ? <span className="badge badge-muted">Ended</span> : started ? <span className="badge badge-good">In force</span> : <span className="badge">Scheduled</span>;
  const range = rule.starts_at || rule.ends_at ? `${rule.starts_at ? formatDate(rule.starts_at) : 'now'} → ${rule.ends_at ? formatDate(rule.ends_at) : '∞'}` : 'always';
  return (
    <span className={styles.schedule}>
      {badge} <span className="subtle">{range}</span>
    </span>
  );
}

function formatDate(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

export function DeleteRule({ rule, label = 'Delete' }: { rule: CurationRuleJson; label?: string }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => unwrap(consoleApi.DELETE('/api/v1/curation/rules/{id}', { params: { path: { id: rule.id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['curation-rules'] }),
  });
  return <ConfirmButton label={label} question="Remove this rule?" confirmLabel="Remove" pending={remove.isPending} onConfirm={() => remove.mutate()} />;
}
