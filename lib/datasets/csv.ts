import { createReadStream } from 'node:fs';
import { DatasetError, type SourceLine } from './dataset';

/** A quoted field longer than this is an unbalanced quote, not data: stop before rescanning the whole file. */
const MAX_RECORD_CHARS = 1 << 20;

export class CsvSyntaxError extends Error {}

/**
 * Splits one CSV record (RFC 4180: quoted fields, `""` for a quote, delimiters and line breaks
 * inside quotes). Returns undefined while a quoted field is still open, so the caller can append
 * the next physical line. A quote inside an unquoted field is kept as text, as most writers expect.
 */
export function splitCsvRecord(text: string): string[] | undefined {
  if (!text.includes('"')) return text.split(',');
  const fields: string[] = [];
  let position = 0;
  for (;;) {
    if (text[position] !== '"') {
      const end = text.indexOf(',', position);
      if (end === -1) {
        fields.push(text.slice(position));
        return fields;
      }
      fields.push(text.slice(position, end));
      position = end + 1;
      continue;
    }
    let value = '';
    position += 1;
    for (;;) {
      const quote = text.indexOf('"', position);
      if (quote === -1) return undefined;
      value += text.slice(position, quote);
      position = quote + 1;
      if (text[position] !== '"') break;
      value += '"';
      position += 1;
    }
    fields.push(value);
    if (position === text.length) return fields;
    if (text[position] !== ',') throw new CsvSyntaxError(`unexpected text after the closing quote of field ${fields.length}`);
    position += 1;
  }
}

const CARRIAGE_RETURN = 13;
const CHUNK_BYTES = 1 << 16;

/**
 * A file's lines (LF or CRLF, breaks removed, a leading byte-order mark dropped), streamed in
 * batches: one promise per chunk instead of one per line halves the time to read a million rows.
 */
async function* readLineBatches(file: string, encoding: BufferEncoding): AsyncGenerator<string[]> {
  let partial = '';
  let first = true;
  for await (const chunk of createReadStream(file, { encoding, highWaterMark: CHUNK_BYTES }) as AsyncIterable<string>) {
    const text = first ? chunk.replace(/^\uFEFF/, '') : partial + chunk;
    first = false;
    const lines = text.split('\n');
    partial = lines.pop() ?? '';
    yield lines.map(withoutCarriageReturn);
  }
  if (partial !== '') yield [withoutCarriageReturn(partial)];
}

function withoutCarriageReturn(line: string): string {
  return line.charCodeAt(line.length - 1) === CARRIAGE_RETURN ? line.slice(0, -1) : line;
}

export interface CsvRecord extends SourceLine {
  fields: string[];
}

/** The records of a CSV file, streamed; blank lines are skipped and `line` is where a record starts. */
export async function* readCsvRecords(file: string, encoding: BufferEncoding = 'utf8'): AsyncGenerator<CsvRecord> {
  let lineNumber = 0;
  let open: { text: string; line: number } | undefined;
  for await (const lines of readLineBatches(file, encoding)) {
    for (const line of lines) {
      lineNumber += 1;
      const record = open ? { text: `${open.text}\n${line}`, line: open.line } : { text: line, line: lineNumber };
      const fields = splitOrFail(record.text, { file, line: record.line });
      if (fields === undefined) {
        if (record.text.length > MAX_RECORD_CHARS) throw new DatasetError(file, record.line, 'a quoted field is never closed');
        open = record;
        continue;
      }
      open = undefined;
      if (record.text !== '') yield { file, line: record.line, fields };
    }
  }
  if (open) throw new DatasetError(file, open.line, 'a quoted field is never closed');
}

function splitOrFail(text: string, source: SourceLine): string[] | undefined {
  try {
    return splitCsvRecord(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new DatasetError(source.file, source.line, error.message);
    throw error;
  }
}

/** Records of a file whose fields are never quoted (MovieLens' `::`, `|` and tab files): a plain split per line. */
export async function* readDelimitedRecords(file: string, separator: string, encoding: BufferEncoding = 'utf8'): AsyncGenerator<CsvRecord> {
  let lineNumber = 0;
  for await (const lines of readLineBatches(file, encoding)) {
    for (const line of lines) {
      lineNumber += 1;
      if (line !== '') yield { file, line: lineNumber, fields: line.split(separator) };
    }
  }
}
