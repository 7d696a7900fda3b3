import { describe, expect, it } from 'vitest';
import { readDataset } from '.';
import { parseTimestamp } from './plain-csv';
import { datasetFixtures, interactionRows } from './test-fixtures';

const writeFixture = datasetFixtures();
const source = { file: 'interactions.csv', line: 7 };

describe('csv format', () => {
  it('reads headerless interactions in the documented column order', async () => {
    const dir = await writeFixture({ 'interactions.csv': 'u1,i1,4.5,1700000000\nu2,i1,,1700000000123\n' });
    const dataset = await readDataset('csv', dir);
    expect(dataset.items).toEqual([]);
    expect(dataset.itemIds).toEqual(['i1']);
    expect(interactionRows(dataset)).toEqual([
      { user: 'u1', item: 'i1', value: 4.5, timestamp: 1_700_000_000_000 },
      { user: 'u2', item: 'i1', value: null, timestamp: 1_700_000_000_123 },
    ]);
  });

  it('maps columns by a header in any order, ignoring extra columns', async () => {
    const dir = await writeFixture({ 'interactions.csv': 'Timestamp,Item,User,note\r\n2024-01-02T03:04:05Z,i9,u1,hello\r\n' });
    expect(interactionRows(await readDataset('csv', dir))).toEqual([{ user: 'u1', item: 'i9', value: null, timestamp: Date.UTC(2024, 0, 2, 3, 4, 5) }]);
  });

  it('reads items.csv with tags and quoted multi-line descriptions', async () => {
    const dir = await writeFixture({
      'items.csv': 'id,title,category,tags,description\na,"Alpha, the first",books,fiction| classic ||,"Two\nlines"\nb,Beta,,,\n',
      'interactions.csv': 'user,item,value,timestamp\nu1,b,,1700000000\nu1,z,1,1700000001\n',
    });
    const dataset = await readDataset('csv', dir);
    expect(dataset.items).toEqual([
      { id: 'a', title: 'Alpha, the first', category: 'books', tags: ['fiction', 'classic'], description: 'Two\nlines' },
      { id: 'b', title: 'Beta', category: null, tags: [], description: '' },
    ]);
    expect(dataset.itemIds).toEqual(['a', 'b', 'z']);
  });

  it('accepts headerless items with only leading columns', async () => {
    const dir = await writeFixture({ 'items.csv': 'a,Alpha\nb\n', 'interactions.csv': 'u1,a,,1\n' });
    expect((await readDataset('csv', dir)).items.map((item) => [item.id, item.title])).toEqual([
      ['a', 'Alpha'],
      ['b', ''],
    ]);
  });

  it.each([
    ['u1,i1,4\n', /interactions\.csv:1: expected 4 fields, found 3/],
    ['user,item,value,timestamp\nu1,i1,,\n', /interactions\.csv:2: timestamp must be epoch seconds, epoch milliseconds or ISO 8601, got ""/],
    ['user,item,value,timestamp\nu1,i1,,yesterday\n', /interactions\.csv:2: timestamp must be .* got "yesterday"/],
    ['u1,i1,4,1\n ,i1,4,1\n', /interactions\.csv:2: user is empty/],
    ['u1,i1,lots,1\n', /interactions\.csv:1: value must be a number, got "lots"/],
    ['user,item,timestamp\nu1,i1,1,extra\n', /interactions\.csv:2: expected 3 fields, found 4/],
  ])('strict: names the line of a malformed interaction: %j', async (content, error) => {
    const dir = await writeFixture({ 'interactions.csv': content });
    await expect(readDataset('csv', dir, { strict: true })).rejects.toThrow(error);
  });

  it.each([
    [`id,title\nok,Fine\nlong,${'x'.repeat(501)}\n`, /\/items\.csv:3: title is longer than 500 characters \(501\)$/],
    [`id,title,tags\nok,Fine,a|${'t'.repeat(101)}\n`, /\/items\.csv:2: tags\.1 is longer than 100 characters$/],
    [`id,category\nok,${'c'.repeat(101)}\n`, /\/items\.csv:2: category is longer than 100 characters \(101\)$/],
    ['id,title\n,Nameless\n', /\/items\.csv:2: id is empty$/],
  ])('strict: refuses an item that would need a change, naming file, line and field: %j', async (items, error) => {
    const dir = await writeFixture({ 'items.csv': items, 'interactions.csv': 'u1,ok,,1\n' });
    await expect(readDataset('csv', dir, { strict: true })).rejects.toThrow(error);
  });

  it('needs interactions.csv', async () => {
    const dir = await writeFixture({ 'items.csv': 'a,Alpha\n' });
    await expect(readDataset('csv', dir)).rejects.toThrow(/interactions\.csv: not found: the csv format needs it/);
  });
});

describe('parseTimestamp', () => {
  it('tells epoch seconds from epoch milliseconds', () => {
    expect(parseTimestamp('1700000000', source)).toBe(1_700_000_000_000);
    expect(parseTimestamp('1700000000.25', source)).toBe(1_700_000_000_250);
    expect(parseTimestamp('1700000000123', source)).toBe(1_700_000_000_123);
  });

  it('reads ISO 8601, taking a time without an offset as UTC', () => {
    expect(parseTimestamp('2024-01-02', source)).toBe(Date.UTC(2024, 0, 2));
    expect(parseTimestamp('2024-01-02T03:04:05', source)).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(parseTimestamp('2024-01-02 03:04', source)).toBe(Date.UTC(2024, 0, 2, 3, 4));
    expect(parseTimestamp('2024-01-02T03:04:05.5+01:00', source)).toBe(Date.UTC(2024, 0, 2, 2, 4, 5, 500));
  });

  it('rejects anything else, naming file and line', () => {
    expect(() => parseTimestamp('Jan 2 2024', source)).toThrow(/^interactions\.csv:7: timestamp must be/);
    expect(() => parseTimestamp('-5', source)).toThrow(/interactions\.csv:7/);
  });
});
