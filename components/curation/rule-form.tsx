'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Field, fieldErrors } from '@/components/ui/field';
import { fromLocalInput } from '@/lib/catalog/datetime-local';
import { apiRequest } from '@/lib/console/api-client';
import { CURATION_KINDS, CURATION_TARGET_TYPES, type CurationKind, type CurationRuleJson } from '@/lib/curation/schema';
import styles from './curation.module.css';

export const KIND_LABELS: Record<CurationKind, string> = { pick: "Editor's pick", pin: 'Pin', boost: 'Boost', block: 'Block' };

const SEGMENTS = [
  { value: '', label: 'Everyone' },
  { value: 'new', label: 'New users' },
  { value: 'returning', label: 'Returning users' },
  { value: 'attribute', label: 'Users with attribute…' },
] as const;

/** One rule: what it does (kind), to what (item, tag or category), for whom (segment), and when. */
export function RuleForm({ onCreated }: { onCreated?: (rule: CurationRuleJson) => void }) {
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<CurationKind>('pin');
  const [segmentChoice, setSegmentChoice] = useState<string>('');
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => apiRequest<CurationRuleJson>('/api/v1/curation/rules', { method: 'POST', json: body }),
    onSuccess: (rule) => {
      void queryClient.invalidateQueries({ queryKey: ['curation-rules'] });
      onCreated?.(rule);
    },
  });
  const errors = fieldErrors(create.error);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const segment = segmentChoice === 'attribute' ? text('segment_attribute') : segmentChoice;
    create.mutate({
      kind,
      target_type: kind === 'pin' ? 'item' : text('target_type'),
      target: text('target'),
      ...(kind === 'pin' && { position: Number(text('position')) }),
      ...(kind === 'boost' && { boost: Number(text('boost')) }),
      ...(kind === 'pick' && text('collection') && { collection: text('collection') }),
      segment: segment || null,
      starts_at: fromLocalInput(text('starts_at')),
      ends_at: fromLocalInput(text('ends_at')),
      note: text('note'),
    });
  };

  return (
    <form onSubmit={submit} aria-label="New rule" className={styles.ruleForm}>
      <Field label="Kind" error={errors.kind}>
        <select className="select" name="kind" value={kind} onChange={(event) => setKind(event.target.value as CurationKind)}>
          {CURATION_KINDS.map((value) => (
            <option key={value} value={value}>
              {KIND_LABELS[value]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Applies to" error={errors.target_type}>
        <select className="select" name="target_type" disabled={kind === 'pin'} defaultValue="item">
          {CURATION_TARGET_TYPES.map((value) => (
            <option key={value} value={value}>
              {value === 'item' ? 'Item' : value === 'tag' ? 'Tag' : 'Category'}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Target" error={errors.target} hint="Item id, tag or category name">
        <input className="input" name="target" required />
      </Field>
      {kind === 'pin' && (
        <Field label="Position" error={errors.position} hint="1 is the top of the feed">
          <input className="input" name="position" type="number" min={1} max={100} defaultValue={1} required />
        </Field>
      )}
      {kind === 'boost' && (
        <Field label="Multiplier" error={errors.boost} hint="Above 1 lifts, below 1 lowers">
          <input className="input" name="boost" type="number" min={0.01} max={1000} step={0.01} defaultValue={2} required />
        </Field>
      )}
      {kind === 'pick' && (
        <Field label="Collection" error={errors.collection} hint="Optional name, e.g. Summer picks">
          <input className="input" name="collection" />
        </Field>
      )}
      <Field label="Segment" error={segmentChoice === 'attribute' ? undefined : errors.segment}>
        <select className="select" aria-label="Segment" value={segmentChoice} onChange={(event) => setSegmentChoice(event.target.value)}>
          {SEGMENTS.map((segment) => (
            <option key={segment.value} value={segment.value}>
              {segment.label}
            </option>
          ))}
        </select>
      </Field>
      {segmentChoice === 'attribute' && (
        <Field label="Attribute" error={errors.segment} hint="key=value, e.g. country=de">
          <input className="input" name="segment_attribute" required />
        </Field>
      )}
      <Field label="From" error={errors.starts_at} hint="Empty: now">
        <input className="input" type="datetime-local" name="starts_at" />
      </Field>
      <Field label="Until" error={errors.ends_at} hint="Empty: no end">
        <input className="input" type="datetime-local" name="ends_at" />
      </Field>
      <div className={styles.wide}>
        <Field label="Note" error={errors.note}>
          <input className="input" name="note" placeholder="Why this rule exists" maxLength={2000} />
        </Field>
      </div>
      <div className={`${styles.wide} ${styles.formActions}`}>
        <button className="button" type="submit" disabled={create.isPending}>
          {create.isPending ? 'Saving…' : 'Add rule'}
        </button>
        {create.isError && Object.keys(errors).length === 0 && <span className="badge badge-bad">{create.error.message}</span>}
        {create.isSuccess && (
          <span className="badge badge-good" role="status">
            Rule #{create.data.id} added
          </span>
        )}
      </div>
    </form>
  );
}
