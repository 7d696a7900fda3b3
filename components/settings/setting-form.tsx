'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Field, fieldErrors } from '@/components/ui/field';
import { ErrorState, QueryState } from '@/components/ui/query-state';
import { apiRequest } from '@/lib/console/api-client';

export interface NumberField {
  key: string;
  label: string;
  hint?: ReactNode;
  step?: number;
  min?: number;
  max?: number;
  /** Empty means null (e.g. "no cap"). */
  nullable?: boolean;
}

type Values = Record<string, number | null>;

/** One object-valued setting: read, edit as numbers, PATCH back; the server's validation names the field. */
export function SettingForm({ path, title, description, fields, canWrite }: { path: string; title: string; description: ReactNode; fields: NumberField[]; canWrite: boolean }) {
  const current = useQuery({ queryKey: ['settings', path], queryFn: () => apiRequest<Values>(path) });
  return (
    <section className="card" aria-label={title}>
      <h2 style={{ marginTop: 0 }}>{title}</h2>
      <p className="subtle">{description}</p>
      <QueryState query={current}>{(values) => <SettingEditor key={path} path={path} values={values} fields={fields} canWrite={canWrite} />}</QueryState>
    </section>
  );
}

function SettingEditor({ path, values, fields, canWrite }: { path: string; values: Values; fields: NumberField[]; canWrite: boolean }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => Object.fromEntries(fields.map((field) => [field.key, values[field.key] === null || values[field.key] === undefined ? '' : String(values[field.key])])));
  const save = useMutation({
    mutationFn: (patch: Values) => apiRequest<Values>(path, { method: 'PATCH', json: patch }),
    onSuccess: (saved) => queryClient.setQueryData(['settings', path], saved),
  });
  const changed = fields.filter((field) => draft[field.key] !== (values[field.key] === null ? '' : String(values[field.key])));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(Object.fromEntries(changed.map((field) => [field.key, draft[field.key] === '' && field.nullable ? null : Number(draft[field.key])])));
  };
  const errors = fieldErrors(save.error);
  return (
    <form onSubmit={submit}>
      <div className="form-row" style={{ flexWrap: 'wrap' }}>
        {fields.map((field) => (
          <Field key={field.key} label={field.label} hint={field.hint} error={errors[field.key]}>
            <input
              className="input"
              name={field.key}
              type="number"
              inputMode="decimal"
              step={field.step ?? 'any'}
              min={field.min}
              max={field.max}
              required={!field.nullable}
              placeholder={field.nullable ? 'none' : undefined}
              value={draft[field.key]}
              disabled={!canWrite}
              onChange={(event) => setDraft((current) => ({ ...current, [field.key]: event.target.value }))}
            />
          </Field>
        ))}
      </div>
      {save.isError && Object.keys(errors).length === 0 && <ErrorState error={save.error} />}
      {save.isSuccess && changed.length === 0 && (
        <div className="success-box" role="status">
          Saved. Serving uses the new values within seconds.
        </div>
      )}
      {canWrite && (
        <button className="button" type="submit" disabled={changed.length === 0 || save.isPending}>
          {save.isPending ? 'Saving…' : changed.length === 0 ? 'No changes' : `Save ${changed.length} change${changed.length === 1 ? '' : 's'}`}
        </button>
      )}
    </form>
  );
}
