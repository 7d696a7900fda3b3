import type { ReactNode } from 'react';

/** A labelled form control with its validation message underneath. */
export function Field({ label, error, hint, children }: { label: string; error?: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      {children}
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : (
        hint && <span className="field-hint">{hint}</span>
      )}
    </label>
  );
}

/** The server's field problems by field name, for `Field`'s `error`. */
export function fieldErrors(error: unknown): Record<string, string> {
  const fields = (error as { fields?: { field: string; message: string }[] } | null)?.fields ?? [];
  return Object.fromEntries(fields.map((problem) => [problem.field, problem.message]));
}
