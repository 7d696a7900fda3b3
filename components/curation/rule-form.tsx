'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Field, fieldErrors } from '@/components/ui/field';
import { fromLocalInput, toLocalInput } from '@/lib/catalog/datetime-local';
import { apiRequest } from '@/lib/console/api-client';
import { CURATION_KINDS, CURATION_TARGET_TYPES, type CurationKind, type CurationRuleJson, type CurationTargetType } from '@/lib/curation/schema';
import { ItemLine, ItemPicker, type PickedItem } from './item-picker';
import styles from './curation.module.css';

export const KIND_LABELS: Record<CurationKind, string> = { pick: "Editor's pick", pin: 'Pin', boost: 'Boost', block: 'Block' };

const SEGMENTS = [
  { value: '', label: 'Everyone' },
  { value: 'new', label: 'New users' },
  { value: 'returning', label: 'Returning users' },
  { value: 'attribute', label: 'Users with attribute…' },
] as const;

/** The segment select's choice for a stored segment: the named ones, else an attribute rule. */
function segmentChoiceOf(segment: string | null): string {
  if (segment === null) return '';
  return segment === 'new' || segment === 'returning' ? segment : 'attribute';
}

/** A rule's target item as the form shows it: the catalog's title when the rule has one. */
export function targetItemOf(rule: Pick<CurationRuleJson, 'target_type' | 'target' | 'target_item'>): PickedItem | null {
  if (rule.target_type !== 'item') return null;
  return { id: rule.target, title: rule.target_item?.title ?? '', category: rule.target_item?.category ?? null };
}

/**
 * One rule: what it does (kind), to what (an item picked from the catalog, a tag or a category),
 * for whom (segment), and when. Given `rule`, the form edits it (every field is sent, so a field
 * the new kind does not use is cleared); without, it creates one.
 */
export function RuleForm({ rule, onSaved, onCancel }: { rule?: CurationRuleJson; onSaved?: (rule: CurationRuleJson) => void; onCancel?: () => void }) {
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<CurationKind>(rule?.kind ?? 'pin');
  const [targetType, setTargetType] = useState<CurationTargetType>(rule?.target_type ?? 'item');
  const [item, setItem] = useState<PickedItem | null>(rule ? targetItemOf(rule) : null);
  const [segmentChoice, setSegmentChoice] = useState<string>(segmentChoiceOf(rule?.segment ?? null));
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      rule ? apiRequest<CurationRuleJson>(`/api/v1/curation/rules/${rule.id}`, { method: 'PATCH', json: body }) : apiRequest<CurationRuleJson>('/api/v1/curation/rules', { method: 'POST', json: body }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['curation-rules'] });
      if (!rule) setItem(null);
      onSaved?.(saved);
    },
  });
  const errors = fieldErrors(save.error);
  const effectiveTargetType = kind === 'pin' ? 'item' : targetType;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const segment = segmentChoice === 'attribute' ? text('segment_attribute') : segmentChoice;
    save.mutate({
      kind,
      target_type: effectiveTargetType,
      target: effectiveTargetType === 'item' ? (item?.id ?? '') : text('target'),
      position: kind === 'pin' ? Number(text('position')) : null,
      boost: kind === 'boost' ? Number(text('boost')) : null,
      collection: kind === 'pick' && text('collection') ? text('collection') : null,
      segment: segment || null,
      starts_at: fromLocalInput(text('starts_at')),
      ends_at: fromLocalInput(text('ends_at')),
      note: text('note'),
    });
  };

  return (
    <form onSubmit={submit} aria-label={rule ? `Edit rule #${rule.id}` : 'New rule'} className={styles.ruleForm}>
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
        <select className="select" name="target_type" disabled={kind === 'pin'} value={effectiveTargetType} onChange={(event) => setTargetType(event.target.value as CurationTargetType)}>
          {CURATION_TARGET_TYPES.map((value) => (
            <option key={value} value={value}>
              {value === 'item' ? 'Item' : value === 'tag' ? 'Tag' : 'Category'}
            </option>
          ))}
        </select>
      </Field>
      {effectiveTargetType === 'item' ? (
        <div className={styles.wide}>
          {item ? (
            <div className="field">
              <span className="field-label">Item</span>
              <div className={styles.chosen} data-testid="chosen-item">
                <ItemLine item={item} />
                <button type="button" className="button button-secondary" onClick={() => setItem(null)}>
                  Change
                </button>
              </div>
            </div>
          ) : (
            <ItemPicker label="Item" onPick={setItem} error={errors.target} hint="Type part of a title; arrows and Enter pick" />
          )}
        </div>
      ) : (
        <Field label={targetType === 'tag' ? 'Tag' : 'Category'} error={errors.target}>
          <input className="input" name="target" required defaultValue={rule?.target_type === targetType ? rule.target : ''} />
        </Field>
      )}
      {kind === 'pin' && (
        <Field label="Position" error={errors.position} hint="1 is the top of the feed">
          <input className="input" name="position" type="number" min={1} max={100} defaultValue={rule?.position ?? 1} required />
        </Field>
      )}
      {kind === 'boost' && (
        <Field label="Multiplier" error={errors.boost} hint="Above 1 lifts, below 1 lowers">
          <input className="input" name="boost" type="number" min={0.01} max={1000} step={0.01} defaultValue={rule?.boost ?? 2} required />
        </Field>
      )}
      {kind === 'pick' && (
        <Field label="Collection" error={errors.collection} hint="Optional name, e.g. Summer picks">
          <input className="input" name="collection" defaultValue={rule?.collection ?? ''} />
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
          <input className="input" name="segment_attribute" required defaultValue={rule?.segment && segmentChoiceOf(rule.segment) === 'attribute' ? rule.segment : ''} />
        </Field>
      )}
      <Field label="From" error={errors.starts_at} hint="Empty: now">
        <input className="input" type="datetime-local" name="starts_at" defaultValue={toLocalInput(rule?.starts_at)} />
      </Field>
      <Field label="Until" error={errors.ends_at} hint="Empty: no end">
        <input className="input" type="datetime-local" name="ends_at" defaultValue={toLocalInput(rule?.ends_at)} />
      </Field>
      <div className={styles.wide}>
        <Field label="Note" error={errors.note}>
          <input className="input" name="note" placeholder="Why this rule exists" maxLength={2000} defaultValue={rule?.note ?? ''} />
        </Field>
      </div>
      <div className={`${styles.wide} ${styles.formActions}`}>
        <button className="button" type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : rule ? 'Save changes' : 'Add rule'}
        </button>
        {onCancel && (
          <button className="button button-secondary" type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
        {save.isError && Object.keys(errors).length === 0 && <span className="badge badge-bad">{save.error.message}</span>}
        {save.isSuccess && !rule && (
          <span className="badge badge-good" role="status">
            Rule #{save.data.id} added
          </span>
        )}
      </div>
    </form>
  );
}
