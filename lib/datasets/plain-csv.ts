import type { ChangeLog } from './changes';
import { readCsvRecords, type CsvRecord } from './csv';
import { DatasetBuilder, DatasetError, parseId, type Dataset, type SourceLine } from './dataset';
import { datasetName, findFile } from './files';

const INTERACTION_COLUMNS = ['user', 'item', 'value', 'timestamp'] as const;
const ITEM_COLUMNS = ['id', 'title', 'category', 'tags', 'description'] as const;
const TAG_SEPARATOR = '|';
/** Below this a number is epoch seconds: as milliseconds it would fall before March 1973. */
const SECONDS_LIMIT = 1e11;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** interactions.csv (user,item,value,timestamp) and an optional items.csv (id,title,category,tags,description). */
export async function readCsvDataset(dir: string, changes: ChangeLog): Promise<Dataset> {
  const interactionsFile = await findFile(dir, 'interactions.csv', 'csv');
  const itemsFile = await findFile(dir, 'items.csv', null);
  const builder = new DatasetBuilder(changes);
  if (itemsFile) await readItems(builder, itemsFile, changes);
  await readInteractions(builder, interactionsFile, changes);
  return builder.build(datasetName(dir));
}

async function readItems(builder: DatasetBuilder, file: string, changes: ChangeLog): Promise<void> {
  let layout: ColumnLayout<(typeof ITEM_COLUMNS)[number]> | undefined;
  for await (const record of readCsvRecords(file)) {
    if (!layout) {
      layout = columnLayout(record, ITEM_COLUMNS, ['id']);
      if (layout.header) continue;
    }
    const rowLayout = layout;
    changes.readRow(record, () => {
      const field = fieldReader(rowLayout, record, { min: 1, max: ITEM_COLUMNS.length }, changes);
      const category = field('category').trim();
      builder.addItem(
        {
          id: parseId(field('id'), 'id', record),
          title: field('title').trim(),
          category: category === '' ? null : category,
          tags: field('tags')
            .split(TAG_SEPARATOR)
            .map((tag) => tag.trim())
            .filter((tag) => tag !== ''),
          description: field('description'),
        },
        record,
      );
    });
  }
}

async function readInteractions(builder: DatasetBuilder, file: string, changes: ChangeLog): Promise<void> {
  let layout: ColumnLayout<(typeof INTERACTION_COLUMNS)[number]> | undefined;
  for await (const record of readCsvRecords(file)) {
    if (!layout) {
      layout = columnLayout(record, INTERACTION_COLUMNS, ['user', 'item', 'timestamp']);
      if (layout.header) continue;
    }
    const rowLayout = layout;
    changes.readRow(record, () => {
      const field = fieldReader(rowLayout, record, { min: INTERACTION_COLUMNS.length, max: INTERACTION_COLUMNS.length }, changes);
      const user = parseId(field('user'), 'user', record);
      const item = parseId(field('item'), 'item', record);
      const timestamp = parseTimestamp(field('timestamp'), record);
      builder.addInteraction(user, item, optionalValue(field('value'), record, changes), timestamp);
    });
  }
}

/** The value is optional: an unreadable one is left out (strict: refused) rather than costing the interaction. */
function optionalValue(text: string, record: CsvRecord, changes: ChangeLog): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  if (Number.isFinite(value)) return value;
  changes.record('value dropped: not a number', record, `value must be a number, got "${text}"`);
  return null;
}

/**
 * Epoch seconds, epoch milliseconds or ISO 8601, as epoch milliseconds. An ISO time without an
 * offset is taken as UTC, not local time: event ids contain the timestamp, so the same file must
 * give the same ids on every machine.
 */
export function parseTimestamp(text: string, source: SourceLine): number {
  const trimmed = text.trim();
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) {
    const number = Number(trimmed);
    return Math.round(number < SECONDS_LIMIT ? number * 1000 : number);
  }
  const iso = ISO_TIMESTAMP.exec(trimmed);
  // Date.parse reads an offset-less date-time as local time; a date alone is already UTC.
  const hasTime = trimmed.length > 10;
  const milliseconds = iso ? Date.parse(hasTime && !iso[1] ? `${trimmed}Z` : trimmed) : Number.NaN;
  if (Number.isNaN(milliseconds)) {
    throw new DatasetError(source.file, source.line, `timestamp must be epoch seconds, epoch milliseconds or ISO 8601, got "${text}"`, 'timestamp unparseable');
  }
  return milliseconds;
}

interface ColumnLayout<Column extends string> {
  header: boolean;
  positions: Map<Column, number>;
  /** Field count every row must have when a header fixed it. */
  width: number | null;
}

/** Columns by name when the first row is a header (it names every required column), else in the documented order. */
function columnLayout<Column extends string>(first: CsvRecord, columns: readonly Column[], required: readonly Column[]): ColumnLayout<Column> {
  const names = first.fields.map((name) => name.trim().toLowerCase());
  if (!required.every((column) => names.includes(column))) {
    return { header: false, positions: new Map(columns.map((column, index) => [column, index])), width: null };
  }
  const positions = new Map<Column, number>();
  for (const column of columns) {
    const index = names.indexOf(column);
    if (index !== -1) positions.set(column, index);
  }
  return { header: true, positions, width: names.length };
}

/**
 * A row's fields by column name; absent optional columns read as empty. A row short of fields
 * cannot be read; fields past the expected ones are ignored (strict: refused).
 */
function fieldReader<Column extends string>(layout: ColumnLayout<Column>, record: CsvRecord, bounds: { min: number; max: number }, changes: ChangeLog) {
  const count = record.fields.length;
  const [min, max] = layout.width !== null ? [layout.width, layout.width] : [bounds.min, bounds.max];
  if (count < min || count > max) {
    const message = `expected ${min === max ? min : `${min} to ${max}`} fields, found ${count}`;
    if (count < min) throw new DatasetError(record.file, record.line, message, 'too few fields');
    changes.record('extra fields ignored', record, message);
  }
  return (column: Column): string => {
    const position = layout.positions.get(column);
    return position === undefined ? '' : (record.fields[position] ?? '');
  };
}
