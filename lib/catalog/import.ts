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

export function parseImport(text: string, format: ImportFormat): ParsedImport {
  const parsed = format === 'csv' ? csvItems(text) : ndjsonItems(text);
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
function csvItems(text: string): ParsedImport {
  const records = parseCsv(text);
  const header = records.shift();
  if (!header) return { rows: [], problems: [{ line: 1, message: 'the file is empty' }] };
  const columns = header.cells.map((cell) => cell.trim());
  if (!columns.includes('id')) return { rows: [], problems: [{ line: header.line, message: "the header needs an 'id' column" }] };
  const rows: ImportRow[] = [];
  const problems: ImportProblem[] = [];
  for (const { line, cells } of records) {
    if (cells.every((cell) => cell.trim() === '')) continue;
    if (cells.length !== columns.length) {
      problems.push({ line, message: `expected ${columns.length} columns, found ${cells.length}` });
      continue;
    }
    try {
      rows.push({ line, item: csvItem(columns, cells) });
    } catch (error) {
      problems.push({ line, message: (error as Error).message });
    }
  }
  return { rows, problems };
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

export interface CsvRecord {
  /** 1-based line where the record starts (a quoted field may span lines). */
  line: number;
  cells: string[];
}

/** RFC 4180: commas, double quotes with `""` escapes, quoted newlines, CRLF or LF. */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const endRecord = () => {
    cells.push(cell);
    records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < input.length; i++) {
    const char = input[i]!;
    if (quoted) {
      if (char === '"' && input[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line++;
        cell += char;
      }
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && input[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else cell += char;
  }
  if (cell !== '' || cells.length > 0) endRecord();
  return records;
}
