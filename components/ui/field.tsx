import type { ReactNode } from 'react';

/** A labelled form control with its validation message underneath. */
export function Field({ label, error, hint, children }: { label: string; error?: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      {children}
      <FieldMessage error={error} hint={hint} />
    </label>
  );
}

/** Under a control: its validation message, else its hint. For controls that cannot sit inside `Field`'s label. */
export function FieldMessage({ error, hint }: { error?: string; hint?: ReactNode }) {
  if (error)
    return (
      <span className="field-error" role="alert">
        {error}
      </span>
    );
  return hint ? <span className="field-hint">{hint}</span> : null;
}

/** The server's field problems by field name, for `Field`'s `error`. */
export function fieldErrors(error: unknown): Record<string, string> {
  const fields = (error as { fields?: { field: string; message: string }[] } | null)?.fields ?? [];
  return Object.fromEntries(fields.map((problem) => [problem.field, problem.message]));
}
