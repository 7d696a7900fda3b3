import Papa from 'papaparse';
import { itemInputSchema } from './schema';

/** Parsing and checking an import file, in the browser: only valid rows are sent, in chunks. */

export type ImportFormat = 'csv' | 'ndjson';

export interface ImportRow {
  /** 1-based line of the file where the row starts. */
  line: number;
  /** The item as it will be sent: raw values, validated by the API's own schema. */
  item: Record<string, unknown>;
}

export interface ImportProblem {
  line: number;
  message: string;
}

export interface ParsedImport {
  rows: ImportRow[];
  problems: ImportProblem[];
}

/** Rows per request: far below the API's 10,000, so the bar moves and a refused chunk costs little. */
export const IMPORT_CHUNK_SIZE = 500;

export function formatOf(fileName: string): ImportFormat | null {
  const extension = fileName.toLowerCase().split('.').pop();
  if (extension === 'csv') return 'csv';
  if (extension === 'ndjson' || extension === 'jsonl') return 'ndjson';
  return null;
}

/**
 * Reads and checks an import file. CSV is parsed by papaparse in a web worker, streamed in chunks
 * (`onRead` hears the fraction read), so a large file neither sits whole in memory as text nor
 * freezes the page; outside a browser (tests) the same parse runs in place.
 */
export async function parseImport(source: File | string, format: ImportFormat, onRead?: (fraction: number) => void): Promise<ParsedImport> {
  const parsed = format === 'csv' ? await csvItems(source, onRead) : ndjsonItems(typeof source === 'string' ? source : await source.text());
  return checked(parsed);
}

function checked(parsed: ParsedImport): ParsedImport {
  const rows: ImportRow[] = [];
  const problems = [...parsed.problems];
  for (const row of parsed.rows) {
    const result = itemInputSchema.safeParse(row.item);
    if (result.success) rows.push(row);
    else problems.push({ line: row.line, message: result.error.issues.map((issue) => `${issue.path.join('.') || 'row'}: ${issue.message}`).join('; ') });
  }
  return { rows, problems: problems.sort((a, b) => a.line - b.line) };
}

export function chunk<T>(values: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < values.length; start += size) chunks.push(values.slice(start, start + size));
  return chunks;
}

function ndjsonItems(text: string): ParsedImport {
  const rows: ImportRow[] = [];
  const problems: ImportProblem[] = [];
  text.split(/\r?\n/).forEach((content, index) => {
    if (content.trim() === '') return;
    const line = index + 1;
    try {
      const value: unknown = JSON.parse(content);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) rows.push({ line, item: value as Record<string, unknown> });
      else problems.push({ line, message: 'each line must be one JSON object' });
    } catch (error) {
      problems.push({ line, message: `not valid JSON: ${(error as Error).message}` });
    }
  });
  return { rows, problems };
}

const LIST_COLUMNS = new Set(['tags']);
const BOOLEAN_COLUMNS = new Set(['is_hidden']);
const ATTRIBUTE_PREFIX = 'attributes.';

/**
 * One item per record. Columns are item fields; `tags` splits on `|` or `;`; `attributes` holds a
 * JSON object, and `attributes.<key>` columns add one attribute each (numbers and booleans as such).
 * Empty cells take the field's default.
 */
async function csvItems(source: File | string, onRead?: (fraction: number) => void): Promise<ParsedImport> {
  const reader = new CsvItemReader();
  const size = typeof source === 'string' ? source.length : source.size;
  await new Promise<void>((resolve, reject) => {
    const config = {
      worker: true as const,
      skipEmptyLines: false as const,
      chunk: (results: Papa.ParseResult<string[]>) => {
        for (const cells of results.data) reader.read(cells);
        // The cursor counts characters and the size bytes: near the end of a non-ASCII file it falls short.
        onRead?.(size === 0 ? 1 : Math.min(1, results.meta.cursor / size));
      },
      complete: () => {
        onRead?.(1);
        resolve();
      },
      error: (error: Error) => reject(error),
    };
    if (typeof source === 'string') Papa.parse<string[]>(source, config);
    else Papa.parse<string[]>(source, config);
  });
  return reader.result();
}

/** Turns CSV records, header first, into rows and problems, numbering each by the line where it starts. */
class CsvItemReader {
  private columns: string[] | null = null;
  private line = 1;
  private readonly rows: ImportRow[] = [];
  private readonly problems: ImportProblem[] = [];

  read(cells: string[]): void {
    const line = this.line;
    // A quoted cell may span lines; papaparse keeps its newlines.
    this.line += 1 + cells.reduce((breaks, cell) => breaks + (cell.match(/\n/g)?.length ?? 0), 0);
    if (cells.every((cell) => cell.trim() === '')) return;
    if (!this.columns) {
      this.columns = cells.map((cell) => cell.trim());
      if (!this.columns.includes('id')) this.problems.push({ line, message: "the header needs an 'id' column" });
      return;
    }
    if (!this.columns.includes('id')) return;
    if (cells.length !== this.columns.length) {
      this.problems.push({ line, message: `expected ${this.columns.length} columns, found ${cells.length}` });
      return;
    }
    try {
      this.rows.push({ line, item: csvItem(this.columns, cells) });
    } catch (error) {
      this.problems.push({ line, message: (error as Error).message });
    }
  }

  result(): ParsedImport {
    if (!this.columns) return { rows: [], problems: [{ line: 1, message: 'the file is empty' }] };
    return { rows: this.rows, problems: this.problems };
  }
}

function csvItem(columns: string[], cells: string[]): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  const attributes: Record<string, unknown> = {};
  columns.forEach((column, index) => {
    const cell = cells[index]!.trim();
    if (cell === '') return;
    if (column.startsWith(ATTRIBUTE_PREFIX)) attributes[column.slice(ATTRIBUTE_PREFIX.length)] = scalar(cell);
    else if (column === 'attributes') Object.assign(attributes, jsonObject(cell));
    else if (LIST_COLUMNS.has(column)) item[column] = cell.split(/[|;]/).map((part) => part.trim()).filter(Boolean);
    else if (BOOLEAN_COLUMNS.has(column)) item[column] = booleanCell(column, cell);
    else item[column] = cell;
  });
  if (Object.keys(attributes).length > 0) item.attributes = attributes;
  return item;
}

function jsonObject(cell: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(cell);
  } catch {
    throw new Error('attributes: not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('attributes: must be a JSON object');
  return value as Record<string, unknown>;
}

function booleanCell(column: string, cell: string): boolean {
  const value = cell.toLowerCase();
  if (['true', '1', 'yes'].includes(value)) return true;
  if (['false', '0', 'no'].includes(value)) return false;
  throw new Error(`${column}: expected true or false, got '${cell}'`);
}

function scalar(cell: string): unknown {
  if (cell === 'true' || cell === 'false') return cell === 'true';
  const number = Number(cell);
  return Number.isFinite(number) && /^-?\d/.test(cell) ? number : cell;
}
