'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Field, fieldErrors } from '@/components/ui/field';
import { consoleApi, unwrap } from '@/lib/console/api-client';

export function SetupForm({ token }: { token: string }) {
  const router = useRouter();
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const problems = fieldErrors(error);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const account = { email: String(form.get('email')), name: String(form.get('name')), password: String(form.get('password')) };
    setPending(true);
    setError(null);
    try {
      await unwrap(consoleApi.POST('/api/v1/setup', { body: { token, ...account } }));
      await signIn('credentials', { email: account.email, password: account.password, redirect: false });
      router.replace('/');
      router.refresh();
    } catch (failure) {
      setError(failure);
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} style={{ marginTop: 16 }}>
      <Field label="Name" error={problems.name}>
        <input className="input" name="name" autoComplete="name" />
      </Field>
      <Field label="Email" error={problems.email}>
        <input className="input" name="email" type="email" autoComplete="username" required />
      </Field>
      <Field label="Password" error={problems.password} hint="At least 10 characters.">
        <input className="input" name="password" type="password" autoComplete="new-password" required minLength={10} />
      </Field>
      {error instanceof Error && Object.keys(problems).length === 0 && (
        <div className="error-box" role="alert" style={{ marginBottom: 12 }}>
          {error.message}
        </div>
      )}
      <button className="button" type="submit" disabled={pending} style={{ width: '100%', justifyContent: 'center' }}>
        {pending ? 'Creating…' : 'Create admin and sign in'}
      </button>
    </form>
  );
}
