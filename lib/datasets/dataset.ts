import { ITEM_LIMITS, itemInputSchema, type ItemInput } from '@/lib/catalog/schema';
import type { ChangeLog, DatasetChange } from './changes';

/** The catalog fields a dataset can describe; everything else takes the catalog's defaults. */
export type DatasetItem = Pick<ItemInput, 'id' | 'title' | 'category' | 'tags' | 'description'>;

/**
 * Interactions column by column, users and items as dense indices. A million ratings take 20 MB
 * instead of the hundreds an array of objects with string ids would, and trainers, which index
 * their matrices by position anyway, can use the columns as they are.
 */
export interface Interactions {
  length: number;
  /** Index into `Dataset.userIds`. */
  user: Uint32Array;
  /** Index into `Dataset.itemIds`. */
  item: Uint32Array;
  /** NaN where the interaction carries no value. Single precision, as the events table stores it. */
  value: Float32Array;
  /** Epoch milliseconds. */
  timestamp: Float64Array;
}

export interface Dataset {
  name: string;
  /** Catalog entries from the dataset's item file: `items[i].id === itemIds[i]`. */
  items: DatasetItem[];
  /** Every item id; those past `items.length` occur only in interactions. */
  itemIds: string[];
  userIds: string[];
  interactions: Interactions;
  /** What the reader changed to keep rows: empty for a clean file and in strict mode, absent for datasets built in code. */
  changes?: DatasetChange[];
}

/** A dataset file that cannot be read as its format says, with where it went wrong. */
export class DatasetError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    reason: string,
    /** For a problem confined to one row, a short label to count it by ("timestamp unparseable"); null when the file itself is unreadable. */
    readonly kind: string | null = null,
  ) {
    super(line === null ? `${file}: ${reason}` : `${file}:${line}: ${reason}`);
    this.name = 'DatasetError';
  }
}

/** Where a row came from, so every parse error can name its file and line. */
export interface SourceLine {
  file: string;
  line: number;
}

const INITIAL_CAPACITY = 1 << 16;

type Column = Uint32Array | Float32Array | Float64Array;

/**
 * Accumulates a dataset as the files stream by. Items must all be added before the first
 * interaction, which keeps catalog entries at the front of `itemIds`.
 */
export class DatasetBuilder {
  constructor(private readonly changes: ChangeLog) {}

  private readonly items: DatasetItem[] = [];
  private readonly itemIds: string[] = [];
  private readonly itemIndex = new Map<string, number>();
  private readonly userIds: string[] = [];
  private readonly userIndex = new Map<string, number>();
  private length = 0;
  private user = new Uint32Array(INITIAL_CAPACITY);
  private item = new Uint32Array(INITIAL_CAPACITY);
  private value = new Float32Array(INITIAL_CAPACITY);
  private timestamp = new Float64Array(INITIAL_CAPACITY);

  /**
   * Validates against the catalog's own rules, after fitting over-long values to them (see
   * `fitToCatalog`); a repeated id replaces the earlier entry.
   */
  addItem(fields: DatasetItem, source: SourceLine): void {
    if (this.length > 0) throw new Error('items must be added before interactions');
    const parsed = itemInputSchema.safeParse(fitToCatalog(fields, source, this.changes));
    if (!parsed.success) {
      const [issue] = parsed.error.issues;
      throw new DatasetError(source.file, source.line, `invalid item: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(), 'invalid item');
    }
    const { id, title, category, tags, description } = parsed.data;
    const item = { id, title, category, tags, description };
    const existing = this.itemIndex.get(id);
    if (existing === undefined) {
      this.itemIndex.set(id, this.items.length);
      this.items.push(item);
      this.itemIds.push(id);
    } else {
      this.items[existing] = item;
    }
  }

  addInteraction(user: string, item: string, value: number | null, timestamp: number): void {
    if (this.length === this.user.length) this.grow();
    const at = this.length++;
    this.user[at] = intern(user, this.userIds, this.userIndex);
    this.item[at] = intern(item, this.itemIds, this.itemIndex);
    this.value[at] = value ?? Number.NaN;
    this.timestamp[at] = timestamp;
  }

  build(name: string): Dataset {
    return {
      name,
      items: this.items,
      itemIds: this.itemIds,
      userIds: this.userIds,
      changes: this.changes.list(),
      interactions: {
        length: this.length,
        // Copies, so the spare capacity is not kept alive with the dataset.
        user: this.user.slice(0, this.length),
        item: this.item.slice(0, this.length),
        value: this.value.slice(0, this.length),
        timestamp: this.timestamp.slice(0, this.length),
      },
    };
  }

  private grow(): void {
    const capacity = this.user.length * 2;
    this.user = resized(this.user, capacity);
    this.item = resized(this.item, capacity);
    this.value = resized(this.value, capacity);
    this.timestamp = resized(this.timestamp, capacity);
  }
}

function intern(id: string, ids: string[], index: Map<string, number>): number {
  let position = index.get(id);
  if (position === undefined) {
    position = ids.length;
    ids.push(id);
    index.set(id, position);
  }
  return position;
}

function resized<T extends Column>(column: T, capacity: number): T {
  const next = new (column.constructor as new (length: number) => T)(capacity);
  next.set(column);
  return next;
}

/** A finite number, or a parse error naming the column. */
export function parseNumber(text: string, column: string, source: SourceLine): number {
  const number = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(number)) throw new DatasetError(source.file, source.line, `${column} must be a number, got "${text}"`, `${column} not a number`);
  return number;
}

/** A required id: trimmed, non-empty, within the API's limit. */
export function parseId(text: string, column: string, source: SourceLine): string {
  const id = text.trim();
  if (id === '') throw new DatasetError(source.file, source.line, `${column} is empty`, `${column} missing`);
  if (id.length > 256) throw new DatasetError(source.file, source.line, `${column} is longer than 256 characters`, `${column} over 256 characters`);
  return id;
}

type Tuple<Length extends number, Built extends string[] = []> = Built['length'] extends Length ? Built : Tuple<Length, [...Built, string]>;

/** The row's fields as a tuple of the expected length, or a parse error before any field is misread. */
export function fieldsOf<Length extends number>(record: SourceLine & { fields: string[] }, count: Length): Tuple<Length> {
  if (record.fields.length !== count) {
    throw new DatasetError(record.file, record.line, `expected ${count} fields, found ${record.fields.length}`, 'wrong number of fields');
  }
  return record.fields as Tuple<Length>;
}

/**
 * An item as the catalog will take it: over-long title, description and category cut to their
 * limits, tags that are too long dropped and tags past the limit left off, each change recorded.
 * Real exports carry the odd essay in a tag field; one such value should not cost the whole row.
 */
function fitToCatalog(item: DatasetItem, source: SourceLine, changes: ChangeLog): DatasetItem {
  const fitted = { ...item };
  const cut = (field: 'title' | 'description' | 'category', limit: number) => {
    const value = fitted[field];
    if (typeof value !== 'string' || value.length <= limit) return;
    changes.record(`${field} trimmed to ${limit} characters`, source, `${field} is longer than ${limit} characters (${value.length})`);
    fitted[field] = cutAt(value, limit).trim();
  };
  cut('title', ITEM_LIMITS.title);
  cut('description', ITEM_LIMITS.description);
  cut('category', ITEM_LIMITS.category);
  if (Array.isArray(fitted.tags)) {
    const tags: string[] = [];
    fitted.tags.forEach((tag, index) => {
      if (tag.trim().length > ITEM_LIMITS.tag) changes.record(`tag over ${ITEM_LIMITS.tag} characters dropped`, source, `tags.${index} is longer than ${ITEM_LIMITS.tag} characters`);
      else tags.push(tag);
    });
    if (tags.length > ITEM_LIMITS.tags) changes.record(`tags beyond the first ${ITEM_LIMITS.tags} dropped`, source, `more than ${ITEM_LIMITS.tags} tags (${tags.length})`);
    fitted.tags = tags.slice(0, ITEM_LIMITS.tags);
  }
  return fitted;
}

/** The first `limit` code units, never ending on half a surrogate pair. */
function cutAt(text: string, limit: number): string {
  const end = /[\uD800-\uDBFF]/.test(text[limit - 1] ?? '') ? limit - 1 : limit;
  return text.slice(0, end);
}
