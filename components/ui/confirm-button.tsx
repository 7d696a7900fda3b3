'use client';

import { useState, type ReactNode } from 'react';

interface ConfirmButtonProps {
  /** What the first click shows. */
  label: ReactNode;
  /** The question shown before anything happens. */
  question: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  pending?: boolean;
  danger?: boolean;
}

/** A destructive action that asks first, in place, without a browser dialog. */
export function ConfirmButton({ label, question, confirmLabel, onConfirm, pending, danger = true }: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className={`button ${danger ? 'button-danger' : 'button-secondary'}`} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label="Confirm">
      <span>{question}</span>
      <button type="button" className={`button ${danger ? 'button-danger' : ''}`} disabled={pending} onClick={onConfirm}>
        {pending ? 'Working…' : confirmLabel}
      </button>
      <button type="button" className="button button-secondary" onClick={() => setAsking(false)} disabled={pending}>
        Cancel
      </button>
    </span>
  );
}
