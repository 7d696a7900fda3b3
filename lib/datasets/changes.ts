import path from 'node:path';
import { DatasetError, type SourceLine } from './dataset';

/** How many line numbers a change keeps: enough to find the rows, not a second copy of the file. */
const LINES_KEPT = 5;

/** One kind of change the reader made to keep going ("title trimmed to 500 characters"), how often, and where first. */
export interface DatasetChange {
  change: string;
  count: number;
  /** The first few rows it happened on, in file order. */
  lines: SourceLine[];
}

/**
 * What a lenient read changed to keep every row it could: trimmed values, dropped optional
 * elements, dropped rows. A strict read refuses at the first such problem instead, naming the
 * file, line and field, so nothing is ever changed silently.
 */
export class ChangeLog {
  private readonly changes = new Map<string, DatasetChange>();

  constructor(readonly strict: boolean) {}

  /** Records a change made to keep the row; in strict mode refuses with `detail`. */
  record(change: string, source: SourceLine, detail: string): void {
    if (this.strict) throw new DatasetError(source.file, source.line, detail);
    const entry = this.changes.get(change) ?? { change, count: 0, lines: [] };
    entry.count += 1;
    if (entry.lines.length < LINES_KEPT) entry.lines.push({ file: source.file, line: source.line });
    this.changes.set(change, entry);
  }

  /**
   * Reads one row; a row whose required field cannot be read is dropped and counted under the
   * error's kind. In strict mode, and for errors that are not about one row, the error stands.
   */
  readRow(source: SourceLine, read: () => void): void {
    try {
      read();
    } catch (error) {
      if (this.strict || !(error instanceof DatasetError) || error.kind === null) throw error;
      this.record(`row dropped: ${error.kind}`, source, error.message);
    }
  }

  list(): DatasetChange[] {
    return [...this.changes.values()];
  }
}

/** Report lines for a terminal: one per kind of change, with its count and first lines. */
export function describeChanges(changes: readonly DatasetChange[]): string[] {
  if (changes.length === 0) return ['Every row was read as it is.'];
  const width = Math.max(...changes.map(({ change }) => change.length));
  return [
    'Changed to keep the rest (--strict refuses instead):',
    ...changes.map(({ change, count, lines }) => {
      const where = lines.map(({ file, line }) => `${path.basename(file)}:${line}`).join(', ');
      return `  ${change.padEnd(width)}  ${String(count).padStart(7)}  (${where}${count > lines.length ? ', …' : ''})`;
    }),
  ];
}
