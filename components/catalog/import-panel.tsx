'use client';

import Link from 'next/link';
import { useState, type ChangeEvent } from 'react';
import { ProgressBar } from '@/components/ui/progress-bar';
import { apiRequest } from '@/lib/console/api-client';
import { chunk, formatOf, IMPORT_CHUNK_SIZE, parseImport, type ImportProblem, type ParsedImport } from '@/lib/catalog/import';
import { ITEM_LIMITS } from '@/lib/catalog/schema';
import styles from './catalog.module.css';

interface UpsertResult {
  created: number;
  updated: number;
  unchanged: number;
}

interface Progress extends UpsertResult {
  sent: number;
  refused: number;
  problems: ImportProblem[];
  done: boolean;
}

const SAMPLE = `id,title,category,tags,published_at,attributes.year
film-101,The Long Orbit,Sci-Fi,space|drama,2026-01-15,2025
film-102,"Harbour Lights, Revisited",Drama,sea,,2019`;

/**
 * Reads a CSV (streamed through papaparse in a web worker) or NDJSON file in the browser, checks
 * every row against the API's schema, and upserts the valid ones in chunks. The API takes each
 * chunk whole or not at all.
 */
export function ImportPanel() {
  const [file, setFile] = useState<{ name: string; parsed: ParsedImport } | null>(null);
  const [readError, setReadError] = useState<string>();
  const [reading, setReading] = useState<{ name: string; fraction: number } | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const running = reading !== null || (progress !== null && !progress.done);

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    setProgress(null);
    setFile(null);
    setReadError(undefined);
    if (!chosen) return;
    const format = formatOf(chosen.name);
    if (!format) {
      setReadError(`'${chosen.name}' is neither .csv nor .ndjson/.jsonl`);
      return;
    }
    setReading({ name: chosen.name, fraction: 0 });
    try {
      setFile({ name: chosen.name, parsed: await parseImport(chosen, format, (fraction) => setReading({ name: chosen.name, fraction })) });
    } catch (error) {
      setReadError(`'${chosen.name}' could not be read: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setReading(null);
    }
  };

  const run = async () => {
    if (!file) return;
    const { rows, problems } = file.parsed;
    let state: Progress = { sent: 0, created: 0, updated: 0, unchanged: 0, refused: 0, problems: [...problems], done: false };
    setProgress(state);
    for (const part of chunk(rows, IMPORT_CHUNK_SIZE)) {
      try {
        const result = await apiRequest<UpsertResult>('/api/v1/items', { method: 'POST', json: part.map((row) => row.item) });
        state = { ...state, created: state.created + result.created, updated: state.updated + result.updated, unchanged: state.unchanged + result.unchanged };
      } catch (error) {
        const message = error instanceof Error ? error.message : 'the request failed';
        state = { ...state, refused: state.refused + part.length, problems: [...state.problems, { line: part[0]!.line, message: `lines ${part[0]!.line}–${part.at(-1)!.line} refused, none stored: ${message}` }] };
      }
      state = { ...state, sent: state.sent + part.length };
      setProgress(state);
    }
    setProgress({ ...state, problems: state.problems.sort((a, b) => a.line - b.line), done: true });
  };

  const total = file?.parsed.rows.length ?? 0;
  const problems = progress?.problems ?? file?.parsed.problems ?? [];
  return (
    <div className="grid grid-2">
      <section className="card">
        <h2>File</h2>
        <div className={styles.dropzone}>
          <input type="file" accept=".csv,.ndjson,.jsonl" aria-label="Import file" onChange={(event) => void choose(event)} disabled={running} />
          <div className="subtle" style={{ marginTop: 8 }}>
            CSV with a header row, or NDJSON with one item object per line.
          </div>
        </div>
        {reading && (
          <div style={{ marginTop: 12 }}>
            <ProgressBar value={reading.fraction} label={`Reading ${reading.name}`} />
          </div>
        )}
        {readError && (
          <div className="error-box" role="alert" style={{ marginTop: 12 }}>
            {readError}
          </div>
        )}
        {file && (
          <div style={{ marginTop: 16 }}>
            <div className={styles.counts} aria-label="File summary">
              <span>
                <strong>{total.toLocaleString('en-US')}</strong> valid rows
              </span>
              <span>
                <strong>{file.parsed.problems.length.toLocaleString('en-US')}</strong> with problems
              </span>
              <span className="subtle">{file.name}</span>
            </div>
            {progress ? (
              <>
                <ProgressBar value={total === 0 ? 1 : progress.sent / total} label={`${progress.sent.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows`} />
                <div className={styles.counts} aria-label="Import result">
                  <span className="badge badge-good">{progress.created} created</span>
                  <span className="badge">{progress.updated} updated</span>
                  <span className="badge badge-muted">{progress.unchanged} unchanged</span>
                  <span className={`badge ${progress.refused + file.parsed.problems.length > 0 ? 'badge-bad' : 'badge-muted'}`}>{progress.refused + file.parsed.problems.length} not imported</span>
                </div>
                {progress.done && (
                  <div className="success-box" role="status">
                    Import finished. <Link href="/catalog?sort=-updated_at">See the latest changes in the catalog</Link>.
                  </div>
                )}
              </>
            ) : (
              <button type="button" className="button" disabled={total === 0} onClick={() => void run()}>
                Import {total.toLocaleString('en-US')} items
              </button>
            )}
          </div>
        )}
        {problems.length > 0 && (
          <div style={{ marginTop: 16 }}>
            <h2>Problems</h2>
            <div className={`table-wrap ${styles.problems}`}>
              <table className="table" aria-label="Import problems">
                <thead>
                  <tr>
                    <th className="num">Line</th>
                    <th>Message</th>
                  </tr>
                </thead>
                <tbody>
                  {problems.map((problem, index) => (
                    <tr key={`${problem.line}-${index}`}>
                      <td className="num">{problem.line}</td>
                      <td>{problem.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        )}
      </section>
      <section className="card">
        <h2>Format</h2>
        <p className="subtle">
          Columns are item fields: <code>id</code> (required), <code>title</code>, <code>description</code>, <code>category</code>, <code>tags</code> (split on <code>|</code> or <code>;</code>), <code>is_hidden</code>, <code>published_at</code>, <code>expires_at</code>,
          <code> attributes</code> (a JSON object) and <code>attributes.&lt;key&gt;</code> for single attributes. Existing ids are replaced.
        </p>
        <pre className={styles.sample}>{SAMPLE}</pre>
        <p className="subtle">
          Rows with problems are listed with their line and skipped; the rest are sent {IMPORT_CHUNK_SIZE} at a time. Rows are checked as the API checks them, strictly: a title over {ITEM_LIMITS.title} characters, or a category or tag over {ITEM_LIMITS.tag}, is a problem
          here, never cut silently. (<code>npm run import</code> instead trims or drops such values and reports what it changed.)
        </p>
      </section>
    </div>
  );
}
