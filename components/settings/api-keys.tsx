'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { DataTable } from '@/components/ui/data-table';
import { Field, fieldErrors } from '@/components/ui/field';
import { ErrorState, QueryState } from '@/components/ui/query-state';
import { API_KEY_SCOPES, type ApiKeyScope } from '@/lib/auth/types';
import { consoleApi, unwrap } from '@/lib/console/api-client';
import styles from './settings.module.css';

/** As the API sends it. */
interface ApiKey {
  id: number;
  name: string;
  displayPrefix: string;
  scopes: ApiKeyScope[];
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const SCOPE_HINTS: Record<ApiKeyScope, string> = {
  recommend: 'read recommendations',
  events: 'send events',
  users: 'read, write, export and delete end users’ profiles and consent',
  catalog: 'manage items and curation',
  admin: 'everything, including keys and users',
};

const KEYS = ['admin', 'keys'];

export function ApiKeys() {
  const keys = useQuery({ queryKey: KEYS, queryFn: () => unwrap(consoleApi.GET('/api/v1/admin/keys')) });
  return (
    <>
      <CreateKey />
      <section className="card" style={{ padding: 0, marginTop: 16 }} aria-label="API keys">
        <QueryState query={keys} isEmpty={(data) => data.keys.length === 0} empty={{ title: 'No API keys yet', body: 'Create one above for each client that calls the API.' }}>
          {(data) => (
            <DataTable
              rows={data.keys}
              rowKey={(key) => key.id}
              initialSort={{ key: 'created', direction: 'desc' }}
              columns={[
                { key: 'name', header: 'Name', sortValue: (key) => key.name, render: (key) => <strong>{key.name}</strong> },
                { key: 'prefix', header: 'Key', render: (key) => <code>{key.displayPrefix}…</code> },
                { key: 'scopes', header: 'Scopes', render: (key) => <div className="tags">{key.scopes.map((scope) => <span key={scope} className="badge badge-muted">{scope}</span>)}</div> },
                { key: 'created', header: 'Created', sortValue: (key) => key.createdAt, render: (key) => <span title={key.createdBy}>{key.createdAt.slice(0, 10)}</span> },
                { key: 'used', header: 'Last used', sortValue: (key) => key.lastUsedAt, render: (key) => (key.lastUsedAt ? formatTime(key.lastUsedAt) : <span className="subtle">never</span>) },
                { key: 'status', header: 'Status', sortValue: (key) => (key.revokedAt ? 1 : 0), render: (key) => <KeyStatus apiKey={key} /> },
              ]}
            />
          )}
        </QueryState>
      </section>
    </>
  );
}

function KeyStatus({ apiKey }: { apiKey: ApiKey }) {
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => unwrap(consoleApi.DELETE('/api/v1/admin/keys/{id}', { params: { path: { id: apiKey.id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEYS }),
  });
  if (apiKey.revokedAt) return <span className="badge badge-bad">Revoked {apiKey.revokedAt.slice(0, 10)}</span>;
  return (
    <>
      <ConfirmButton label="Revoke" question={`Revoke “${apiKey.name}”? Clients using it are refused at once.`} confirmLabel="Revoke key" pending={revoke.isPending} onConfirm={() => revoke.mutate()} />
      {revoke.isError && <ErrorState error={revoke.error} />}
    </>
  );
}

function CreateKey() {
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>(['recommend', 'events']);
  const create = useMutation({
    mutationFn: () => unwrap(consoleApi.POST('/api/v1/admin/keys', { body: { name, scopes } })),
    onSuccess: async () => {
      setName('');
      await queryClient.invalidateQueries({ queryKey: KEYS });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const errors = fieldErrors(create.error);
  const toggle = (scope: ApiKeyScope) => setScopes((current) => (current.includes(scope) ? current.filter((s) => s !== scope) : [...current, scope]));
  return (
    <section className="card" aria-label="Create an API key">
      <h2 style={{ marginTop: 0 }}>Create an API key</h2>
      <form onSubmit={submit}>
        <div className="form-row">
          <Field label="Name" error={errors.name} hint="Who uses it, e.g. “web app”">
            <input className="input" name="name" value={name} onChange={(event) => setName(event.target.value)} required maxLength={80} />
          </Field>
          <fieldset className={styles.scopes}>
            <legend className="field-label">Scopes</legend>
            {API_KEY_SCOPES.map((scope) => (
              <label key={scope} className={styles.scope}>
                <input type="checkbox" name="scopes" value={scope} checked={scopes.includes(scope)} onChange={() => toggle(scope)} /> <strong>{scope}</strong> <span className="subtle">{SCOPE_HINTS[scope]}</span>
              </label>
            ))}
            {errors.scopes && <span className="field-error">{errors.scopes}</span>}
          </fieldset>
        </div>
        <button className="button" type="submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create key'}
        </button>
      </form>
      {create.isError && Object.keys(errors).length === 0 && <ErrorState error={create.error} />}
      {create.data && <NewSecret name={create.data.name} secret={create.data.secret} />}
    </section>
  );
}

function NewSecret({ name, secret }: { name: string; secret: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(secret);
    setCopied(true);
  };
  return (
    <div className="warn-box" role="alert" style={{ marginTop: 12 }}>
      <strong>Copy the secret of “{name}” now: it is shown only this once.</strong> Tailor keeps only its hash; if it is lost, revoke the key and create another.
      <div className={styles.secret}>
        <code data-testid="new-key-secret">{secret}</code>
        <button type="button" className="button button-secondary button-small" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </div>
  );
}

function formatTime(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
