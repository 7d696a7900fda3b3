'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { DataTable } from '@/components/ui/data-table';
import { Field, fieldErrors } from '@/components/ui/field';
import { ErrorState, QueryState } from '@/components/ui/query-state';
import { ROLES, type Role } from '@/lib/auth/types';
import { consoleApi, unwrap } from '@/lib/console/api-client';

/** As the API sends it. */
interface ConsoleUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  lastSignInAt: string | null;
  createdAt: string;
}

const ROLE_HINTS: Record<Role, string> = {
  admin: 'everything',
  pm: 'experiments',
  editor: 'catalogue and curation',
  operator: 'models',
};

const USERS = ['admin', 'console-users'];

export function ConsoleUsers({ currentUserId }: { currentUserId: number }) {
  const users = useQuery({ queryKey: USERS, queryFn: () => unwrap(consoleApi.GET('/api/v1/admin/users')) });
  return (
    <>
      <CreateConsoleUser />
      <section className="card" style={{ padding: 0, marginTop: 16 }} aria-label="Console users">
        <QueryState query={users} isEmpty={(data) => data.users.length === 0} empty={{ title: 'No console users' }}>
          {(data) => (
            <DataTable
              rows={data.users}
              rowKey={(user) => user.id}
              initialSort={{ key: 'email', direction: 'asc' }}
              columns={[
                { key: 'email', header: 'Email', sortValue: (user) => user.email, render: (user) => <><strong>{user.email}</strong>{user.name && <div className="subtle">{user.name}</div>}</> },
                { key: 'role', header: 'Role', sortValue: (user) => user.role, render: (user) => <RoleSelect user={user} /> },
                { key: 'signin', header: 'Last sign-in', sortValue: (user) => user.lastSignInAt, render: (user) => (user.lastSignInAt ? user.lastSignInAt.slice(0, 16).replace('T', ' ') : <span className="subtle">never</span>) },
                { key: 'actions', header: '', render: (user) => (user.id === currentUserId ? <span className="subtle">you</span> : <DeleteConsoleUser user={user} />) },
              ]}
            />
          )}
        </QueryState>
      </section>
    </>
  );
}

function RoleSelect({ user }: { user: ConsoleUser }) {
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (role: Role) => unwrap(consoleApi.PATCH('/api/v1/admin/users/{id}', { params: { path: { id: user.id } }, body: { role } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: USERS }),
  });
  return (
    <>
      <select className="select" aria-label={`Role of ${user.email}`} value={change.isPending ? change.variables : user.role} disabled={change.isPending} onChange={(event) => change.mutate(event.target.value as Role)}>
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {role} — {ROLE_HINTS[role]}
          </option>
        ))}
      </select>
      {change.isError && <ErrorState error={change.error} />}
    </>
  );
}

function DeleteConsoleUser({ user }: { user: ConsoleUser }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => unwrap(consoleApi.DELETE('/api/v1/admin/users/{id}', { params: { path: { id: user.id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS }),
  });
  return (
    <>
      <ConfirmButton label="Delete" question={`Delete ${user.email}? They can no longer sign in.`} confirmLabel="Delete user" pending={remove.isPending} onConfirm={() => remove.mutate()} />
      {remove.isError && <ErrorState error={remove.error} />}
    </>
  );
}

function CreateConsoleUser() {
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ email: '', name: '', role: 'editor' as Role, password: '' });
  const create = useMutation({
    mutationFn: () => unwrap(consoleApi.POST('/api/v1/admin/users', { body: form })),
    onSuccess: async () => {
      setForm({ email: '', name: '', role: 'editor', password: '' });
      await queryClient.invalidateQueries({ queryKey: USERS });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const errors = fieldErrors(create.error);
  const set = (field: keyof typeof form) => (value: string) => setForm((current) => ({ ...current, [field]: value }));
  return (
    <section className="card" aria-label="Add a console user">
      <h2 style={{ marginTop: 0 }}>Add a console user</h2>
      <form onSubmit={submit}>
        <div className="form-row" style={{ flexWrap: 'wrap' }}>
          <Field label="Email" error={errors.email}>
            <input className="input" name="email" type="email" required value={form.email} onChange={(event) => set('email')(event.target.value)} />
          </Field>
          <Field label="Name" error={errors.name}>
            <input className="input" name="name" value={form.name} onChange={(event) => set('name')(event.target.value)} />
          </Field>
          <Field label="Role" error={errors.role}>
            <select className="select" name="role" value={form.role} onChange={(event) => set('role')(event.target.value)}>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {role} — {ROLE_HINTS[role]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Initial password" error={errors.password} hint="They can change it after signing in">
            <input className="input" name="password" type="password" autoComplete="new-password" required value={form.password} onChange={(event) => set('password')(event.target.value)} />
          </Field>
        </div>
        <button className="button" type="submit" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add user'}
        </button>
      </form>
      {create.isError && Object.keys(errors).length === 0 && <ErrorState error={create.error} />}
      {create.isSuccess && (
        <div className="success-box" role="status" style={{ marginTop: 12 }}>
          Added {create.data.email} as {create.data.role}.
        </div>
      )}
    </section>
  );
}
