'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Field } from '@/components/ui/field';

export function SignInForm({ returnTo }: { returnTo: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn('credentials', { email: form.get('email'), password: form.get('password'), redirect: false });
    setPending(false);
    if (!result?.ok) return setError(result?.error || 'Sign-in failed.');
    router.replace(returnTo);
    router.refresh();
  }

  return (
    <form onSubmit={submit} style={{ marginTop: 16 }}>
      <Field label="Email">
        <input className="input" name="email" type="email" autoComplete="username" required />
      </Field>
      <Field label="Password">
        <input className="input" name="password" type="password" autoComplete="current-password" required />
      </Field>
      {error && (
        <div className="error-box" role="alert" style={{ marginBottom: 12 }}>
          {error}
        </div>
      )}
      <button className="button" type="submit" disabled={pending} style={{ width: '100%', justifyContent: 'center' }}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
