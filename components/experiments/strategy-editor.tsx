'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { Field, fieldErrors } from '@/components/ui/field';
import { apiRequest } from '@/lib/console/api-client';
import type { StrategyJson } from '@/lib/experiments/strategy-schema';
import type { StrategyConfig } from '@/lib/strategies/schema';
import styles from './experiments.module.css';
import { CANDIDATE_SOURCES, SOURCE_LABELS, type CandidateSourceName } from './strategy-config';
import { StrategyPreview } from './strategy-preview';

interface StrategyEditorProps {
  /** Absent when creating. */
  strategy?: StrategyJson;
  initialConfig: StrategyConfig;
  /** Live experiments serving the strategy: the server refuses edits while there are any. */
  servedBy?: string[];
  /** The viewer may search end users: the preview's user picker suggests ids. */
  suggestUsers: boolean;
}

type Mode = 'form' | 'json';

/** Where the slider rests while λ follows the console's default. */
const DEFAULT_LAMBDA_POSITION = '0.85';

/** Numbers as typed, so a half-typed value does not jump; they become numbers on submit. */
type ConfigDraft = Omit<StrategyConfig, 'quotas' | 'blend' | 'diversityLambda' | 'explorationShare'> & {
  quotas: Record<CandidateSourceName, string>;
  blend: Record<CandidateSourceName, string>;
  diversityLambda: string;
  explorationShare: string;
};

const toDraft = (config: StrategyConfig): ConfigDraft => ({
  ...config,
  quotas: Object.fromEntries(CANDIDATE_SOURCES.map((source) => [source, String(config.quotas[source])])) as ConfigDraft['quotas'],
  blend: Object.fromEntries(CANDIDATE_SOURCES.map((source) => [source, String(config.blend[source])])) as ConfigDraft['blend'],
  diversityLambda: config.diversityLambda === null ? '' : String(config.diversityLambda),
  explorationShare: String(config.explorationShare),
});

const fromDraft = (draft: ConfigDraft): StrategyConfig => ({
  ...draft,
  quotas: Object.fromEntries(CANDIDATE_SOURCES.map((source) => [source, Number(draft.quotas[source])])) as StrategyConfig['quotas'],
  blend: Object.fromEntries(CANDIDATE_SOURCES.map((source) => [source, Number(draft.blend[source])])) as StrategyConfig['blend'],
  diversityLambda: draft.diversityLambda.trim() === '' ? null : Number(draft.diversityLambda),
  explorationShare: Number(draft.explorationShare),
});

export function StrategyEditor({ strategy, initialConfig, servedBy = [], suggestUsers }: StrategyEditorProps) {
  const router = useRouter();
  const creating = !strategy;
  const [key, setKey] = useState('');
  const [name, setName] = useState(strategy?.name ?? '');
  const [description, setDescription] = useState(strategy?.description ?? '');
  const [mode, setMode] = useState<Mode>('form');
  const [draft, setDraft] = useState<ConfigDraft>(() => toDraft(initialConfig));
  const [json, setJson] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (config: unknown) =>
      creating
        ? apiRequest<StrategyJson>('/api/v1/strategies', { method: 'POST', json: { key: key.trim(), ...(name.trim() && { name: name.trim() }), description, config } })
        : apiRequest<StrategyJson>(`/api/v1/strategies/${strategy.key}`, { method: 'PATCH', json: { name: name.trim(), description, config } }),
    onSuccess: (saved) => {
      if (creating) router.push(`/experiments/strategies/${saved.key}`);
      router.refresh();
    },
  });
  const errors = fieldErrors(save.error);
  const configError = (path: string) => errors[`config.${path}`];

  const switchMode = (next: Mode) => {
    if (next === mode) return;
    if (next === 'json') {
      setJson(JSON.stringify(fromDraft(draft), null, 2));
      setMode('json');
      return;
    }
    const parsed = parseJson(json);
    if (parsed.error) return setJsonError(parsed.error);
    if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) return setJsonError('the config must be a JSON object');
    setJsonError(null);
    // The form shows every field: whatever the JSON leaves out keeps its current value.
    const base = fromDraft(draft);
    const edited = parsed.value as Partial<StrategyConfig>;
    setDraft(toDraft({ ...base, ...edited, quotas: { ...base.quotas, ...edited.quotas }, blend: { ...base.blend, ...edited.blend } }));
    setMode('form');
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mode === 'form') return save.mutate(fromDraft(draft));
    const parsed = parseJson(json);
    setJsonError(parsed.error);
    if (!parsed.error) save.mutate(parsed.value);
  };

  // What the preview ranks with: the form as it stands, or the JSON once it parses (the server checks the rest).
  const previewConfig = useMemo((): StrategyConfig | null => {
    if (mode === 'form') return fromDraft(draft);
    const parsed = parseJson(json);
    return typeof parsed.value === 'object' && parsed.value !== null && !Array.isArray(parsed.value) ? (parsed.value as StrategyConfig) : null;
  }, [mode, draft, json]);

  const setQuota = (source: CandidateSourceName, value: string) => setDraft((current) => ({ ...current, quotas: { ...current.quotas, [source]: value } }));
  const setBlend = (source: CandidateSourceName, value: string) => setDraft((current) => ({ ...current, blend: { ...current.blend, [source]: value } }));

  return (
    <div className={styles.editorLayout}>
      <form onSubmit={submit} noValidate aria-label={creating ? 'New strategy' : `Edit strategy ${strategy.key}`}>
        {servedBy.length > 0 && (
          <div className={`warn-box ${styles.banner}`}>
            Served by live experiment{servedBy.length > 1 ? 's' : ''} {servedBy.join(', ')}: the server refuses edits until {servedBy.length > 1 ? 'they stop' : 'it stops'}, so the variant keeps measuring what it started with. Create a new strategy instead.
          </div>
        )}
        <section className={`card ${styles.section}`}>
          <div className="form-row">
            {creating && (
              <Field label="Key" error={errors.key} hint="Letters, digits, _ . -">
                <input className="input" name="key" value={key} onChange={(event) => setKey(event.target.value)} placeholder="content-diverse" />
              </Field>
            )}
            <Field label="Name" error={errors.name} hint={creating ? 'Defaults to the key' : undefined}>
              <input className="input" name="name" value={name} onChange={(event) => setName(event.target.value)} />
            </Field>
          </div>
          <Field label="Description" error={errors.description}>
            <textarea className={styles.textarea} name="description" value={description} onChange={(event) => setDescription(event.target.value)} />
          </Field>
        </section>

        <section className={`card ${styles.section}`}>
          <div className={styles.sectionHeader}>
            <h2>Pipeline</h2>
            <span className={styles.segmented} role="group" aria-label="Editor">
              <button type="button" aria-pressed={mode === 'form'} onClick={() => switchMode('form')}>
                Form
              </button>
              <button type="button" aria-pressed={mode === 'json'} onClick={() => switchMode('json')}>
                JSON
              </button>
            </span>
          </div>
          {mode === 'json' ? (
            <Field label="Config" error={jsonError ?? errors.config ?? Object.entries(errors).find(([field]) => field.startsWith('config.'))?.[1]} hint="The whole config; the server checks it against the same schema as the form.">
              <textarea className={`${styles.textarea} ${styles.code}`} name="config" value={json} onChange={(event) => setJson(event.target.value)} spellCheck={false} />
            </Field>
          ) : (
            <>
              <Group title="Candidate sources" hint="Candidates: how many each source proposes, 0 turns it off (at least one must be on). Blend weight: how much its ranking counts when there is no ranker, or it fails (0–100)." error={configError('quotas')}>
                <SourceTable draft={draft} error={configError} setQuota={setQuota} setBlend={setBlend} />
              </Group>
              <div className="form-row">
                <Field label="Ranker" error={configError('ranker')} hint="The learned ranker orders candidates; without it, the blend weights above do">
                  <select className="select" name="ranker" value={draft.ranker} onChange={(event) => setDraft((current) => ({ ...current, ranker: event.target.value as StrategyConfig['ranker'] }))}>
                    <option value="active">Learned ranker (active model)</option>
                    <option value="none">Blend of source ranks</option>
                  </select>
                </Field>
                <Field label="Fallback" error={configError('fallback')} hint="Served when the pipeline cannot">
                  <select className="select" name="fallback" value={draft.fallback} onChange={(event) => setDraft((current) => ({ ...current, fallback: event.target.value as StrategyConfig['fallback'] }))}>
                    <option value="popular">Popular</option>
                    <option value="trending">Trending</option>
                  </select>
                </Field>
              </div>
              <div className="form-row">
                <Field label="Diversity λ" error={configError('diversityLambda')} hint="1 ranks by relevance only; lower trades relevance for variety (MMR). Empty follows the default in Settings.">
                  <span className={styles.sliderRow}>
                    <input type="range" min={0} max={1} step={0.05} value={draft.diversityLambda || DEFAULT_LAMBDA_POSITION} onChange={(event) => setDraft((current) => ({ ...current, diversityLambda: event.target.value }))} aria-label="Diversity λ slider" />
                    <input className="input" type="number" min={0} max={1} step="any" name="diversityLambda" placeholder="default" value={draft.diversityLambda} onChange={(event) => setDraft((current) => ({ ...current, diversityLambda: event.target.value }))} />
                  </span>
                </Field>
                <Field label="Exploration share" error={configError('explorationShare')} hint="Share of each page given to new items, 0–0.5">
                  <span className={styles.sliderRow}>
                    <input type="range" min={0} max={0.5} step={0.01} value={draft.explorationShare} onChange={(event) => setDraft((current) => ({ ...current, explorationShare: event.target.value }))} aria-label="Exploration share slider" />
                    <input className="input" type="number" min={0} max={0.5} step="any" name="explorationShare" value={draft.explorationShare} onChange={(event) => setDraft((current) => ({ ...current, explorationShare: event.target.value }))} />
                  </span>
                </Field>
              </div>
            </>
          )}
        </section>

        {save.error && (
          <div className="error-box" role="alert" style={{ marginBottom: 16 }}>
            {save.error.message}
          </div>
        )}
        {save.isSuccess && !creating && (
          <div className="success-box" role="status" style={{ marginBottom: 16 }}>
            Saved as version {save.data.version}.
          </div>
        )}
        <div className={styles.formActions}>
          <button type="submit" className="button" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : creating ? 'Create strategy' : 'Save new version'}
          </button>
        </div>
      </form>
      <div className={styles.previewColumn}>
        <StrategyPreview config={previewConfig} suggestUsers={suggestUsers} />
      </div>
    </div>
  );
}

/** One row per source, its fields side by side under their column names: no field stands alone without its source. */
function SourceTable({ draft, error, setQuota, setBlend }: { draft: ConfigDraft; error: (path: string) => string | undefined; setQuota: (source: CandidateSourceName, value: string) => void; setBlend: (source: CandidateSourceName, value: string) => void }) {
  return (
    <table className={styles.sourceTable}>
      <thead>
        <tr>
          <th scope="col">Source</th>
          <th scope="col">Candidates</th>
          <th scope="col">Blend weight</th>
        </tr>
      </thead>
      <tbody>
        {CANDIDATE_SOURCES.map((source) => {
          const fieldError = error(`quotas.${source}`) ?? error(`blend.${source}`);
          return (
            <tr key={source}>
              <th scope="row">
                {SOURCE_LABELS[source]}
                {fieldError && (
                  <div className="field-error" role="alert">
                    {fieldError}
                  </div>
                )}
              </th>
              <td>
                <input className="input" type="number" min={0} max={1000} step={1} name={`quotas.${source}`} aria-label={`${SOURCE_LABELS[source]} candidates`} aria-invalid={Boolean(error(`quotas.${source}`))} value={draft.quotas[source]} onChange={(event) => setQuota(source, event.target.value)} />
              </td>
              <td>
                <input className="input" type="number" min={0} max={100} step="any" name={`blend.${source}`} aria-label={`${SOURCE_LABELS[source]} blend weight`} aria-invalid={Boolean(error(`blend.${source}`))} value={draft.blend[source]} onChange={(event) => setBlend(source, event.target.value)} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Group({ title, hint, error, children }: { title: string; hint: string; error?: string; children: ReactNode }) {
  return (
    <fieldset style={{ border: 0, padding: 0, margin: '0 0 8px', minWidth: 0 }}>
      <legend className="field-label">{title}</legend>
      <div className={error ? 'field-error' : 'field-hint'} role={error ? 'alert' : undefined} style={{ marginBottom: 8 }}>
        {error ?? hint}
      </div>
      {children}
    </fieldset>
  );
}

function parseJson(text: string): { value: unknown; error: null } | { value: null; error: string } {
  try {
    return { value: JSON.parse(text), error: null };
  } catch (error) {
    return { value: null, error: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}
