'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useDeferredValue, useState } from 'react';
import { FieldList } from '@/components/ui/field-list';
import { QueryState } from '@/components/ui/query-state';
import { consoleApi, unwrap } from '@/lib/console/api-client';
import { auditDetailFields, auditTarget, type AuditEntryView } from '@/lib/console/audit-display';
import styles from './audit.module.css';

const PAGE_SIZE = 50;

/** Offered as suggestions; the log takes any target type the server records. */
const TARGET_TYPES = ['item', 'curation_rule', 'experiment', 'strategy', 'model_version', 'training_run', 'api_key', 'console_user', 'user', 'setting'];

export function AuditView() {
  const [filters, setFilters] = useState({ actor: '', target_type: '', target_id: '', from: '', to: '' });
  const [offset, setOffset] = useState(0);
  const deferred = useDeferredValue(filters);
  // The server refuses the same (400); checked here too, so a reversed range asks for nothing.
  const reversed = deferred.from !== '' && deferred.to !== '' && deferred.from > deferred.to;
  const query = { actor: deferred.actor.trim(), target_type: deferred.target_type.trim(), target_id: deferred.target_id.trim(), ...dayBounds(deferred.from, deferred.to) };
  const page = useQuery({
    queryKey: ['audit', query, offset],
    queryFn: () => unwrap(consoleApi.GET('/api/v1/audit', { params: { query: { ...withoutEmpty(query), limit: PAGE_SIZE, offset } } })),
    placeholderData: keepPreviousData,
    enabled: !reversed,
  });
  const update = (field: keyof typeof filters) => (value: string) => {
    setFilters((current) => ({ ...current, [field]: value }));
    setOffset(0);
  };
  return (
    <>
      <div className="toolbar">
        <input className="input" type="search" placeholder="Actor" aria-label="Actor" value={filters.actor} onChange={(event) => update('actor')(event.target.value)} />
        <input className="input" type="search" list="audit-target-types" placeholder="Target type" aria-label="Target type" value={filters.target_type} onChange={(event) => update('target_type')(event.target.value)} />
        <datalist id="audit-target-types">
          {TARGET_TYPES.map((type) => (
            <option key={type} value={type} />
          ))}
        </datalist>
        <input className="input" type="search" placeholder="Target id" aria-label="Target id" value={filters.target_id} onChange={(event) => update('target_id')(event.target.value)} />
        <label className={styles.dateField}>
          <span className="subtle">From</span>
          <input className="input" type="date" aria-label="From date" max={filters.to || undefined} aria-invalid={reversed || undefined} value={filters.from} onChange={(event) => update('from')(event.target.value)} />
        </label>
        <label className={styles.dateField}>
          <span className="subtle">To</span>
          <input className="input" type="date" aria-label="To date" min={filters.from || undefined} aria-invalid={reversed || undefined} value={filters.to} onChange={(event) => update('to')(event.target.value)} />
        </label>
      </div>
      <div className="card" style={{ padding: 0 }}>
        {reversed ? (
          <p className="field-error" role="alert" style={{ padding: '14px 16px', margin: 0 }}>
            The range is reversed: the from date must not be after the to date.
          </p>
        ) : (
          <QueryState query={page} isEmpty={(data) => data.entries.length === 0} empty={{ title: 'No changes recorded', body: 'Nothing matches these filters yet.' }}>
            {(data) => (
              <>
                <div className="table-wrap">
                  <table className="table" aria-label="Audit log">
                    <thead>
                      <tr>
                        <th>When</th>
                        <th>Actor</th>
                        <th>Action</th>
                        <th>Target</th>
                        <th>Details</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.entries.map((entry) => (
                        <tr key={entry.id}>
                          <td className="subtle" style={{ whiteSpace: 'nowrap' }}>
                            {new Date(entry.at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' })}
                          </td>
                          <td>
                            <button type="button" className="link-button" style={{ color: 'var(--accent)' }} title="Show only this actor's changes" onClick={() => update('actor')(entry.actor)}>
                              {entry.actor}
                            </button>
                          </td>
                          <td>
                            <span className={`badge ${/delete|revoke/.test(entry.action) ? 'badge-bad' : 'badge-muted'}`}>{entry.action}</span>
                          </td>
                          <td>
                            <AuditTargetCell entry={entry} />
                          </td>
                          <td className={styles.details}>
                            <AuditDetails entry={entry} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <div className="pager" style={{ padding: '8px 12px' }}>
                  <span className="subtle">
                    {data.offset + 1}–{Math.min(data.offset + data.limit, data.total)} of {data.total.toLocaleString('en-US')}
                  </span>
                  <span style={{ display: 'flex', gap: 8 }}>
                    <button type="button" className="button button-secondary button-small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
                      Newer
                    </button>
                    <button type="button" className="button button-secondary button-small" disabled={data.offset + data.limit >= data.total} onClick={() => setOffset(offset + PAGE_SIZE)}>
                      Older
                    </button>
                  </span>
                </div>
              </>
            )}
          </QueryState>
        )}
      </div>
    </>
  );
}

function AuditTargetCell({ entry }: { entry: AuditEntryView }) {
  const target = auditTarget(entry);
  return (
    <span className={styles.target}>
      <span className="subtle">{target.kind}</span>
      {target.href ? (
        <Link href={target.href} data-testid="audit-target-link">
          {target.label}
        </Link>
      ) : (
        <code>{target.label}</code>
      )}
    </span>
  );
}

function AuditDetails({ entry }: { entry: AuditEntryView }) {
  const fields = auditDetailFields(entry);
  return fields.length > 0 ? <FieldList fields={fields} compact label="Details" /> : <span className="subtle">—</span>;
}

/** A day picked in the browser covers that local day, from its first millisecond to its last. */
function dayBounds(from: string, to: string): { from: string; to: string } {
  return { from: from && new Date(`${from}T00:00:00`).toISOString(), to: to && new Date(`${to}T23:59:59.999`).toISOString() };
}

/** The filters left blank are not sent: the API takes a filter only with a value. */
function withoutEmpty(filters: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== ''));
}
