import { describe, expect, it } from 'vitest';
import { describeChanges, readDataset } from '.';
import { datasetFixtures, interactionRows } from './test-fixtures';

const writeFixture = datasetFixtures();

const longTag = `a tag that is really a paragraph ${'x'.repeat(100)}`;
const longTitle = `An Endless Title ${'y'.repeat(600)}`;
const longCategory = `Category ${'z'.repeat(120)}`;

/** One of each kind of mess a real export carries, with a byte-order mark and CRLF line ends. */
const MESSY_ITEMS = [
  '\uFEFFid,title,category,tags,description,source',
  'a1,Alpha,rock,indie|classic,"Two\nlines",x',
  `a2,Beta,rock,"indie|${longTag}|live",,x`,
  `a3,"${longTitle}",pop,,,x`,
  `a4,Gamma,${longCategory},,,x`,
  ',Nameless,pop,,,x',
  'a5,Delta,jazz,,,x,surplus',
  'a6,Epsilon',
].join('\r\n');

const MESSY_INTERACTIONS = [
  'user,item,value,timestamp',
  'u1,a1,3,1700000000',
  'u1,a2,lots,1700000001',
  'u2,a3,,not-a-date',
  ',a1,1,1700000002',
  'u2,,1,1700000003',
  'u2,a4,2,1700000004',
].join('\r\n');

describe('a messy csv dataset', () => {
  it('keeps every row it can, trims and drops what it must, and reports each change with its lines', async () => {
    const dir = await writeFixture({ 'items.csv': MESSY_ITEMS, 'interactions.csv': MESSY_INTERACTIONS });
    const dataset = await readDataset('csv', dir);

    expect(dataset.items.map((item) => item.id)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    expect(dataset.items[0]).toEqual({ id: 'a1', title: 'Alpha', category: 'rock', tags: ['indie', 'classic'], description: 'Two\nlines' });
    expect(dataset.items[1]!.tags).toEqual(['indie', 'live']);
    expect(dataset.items[2]!.title).toBe(longTitle.slice(0, 500));
    expect(dataset.items[3]!.category).toBe(longCategory.slice(0, 100));
    expect(dataset.items[4]).toMatchObject({ id: 'a5', title: 'Delta', category: 'jazz' });

    expect(interactionRows(dataset)).toEqual([
      { user: 'u1', item: 'a1', value: 3, timestamp: 1_700_000_000_000 },
      { user: 'u1', item: 'a2', value: null, timestamp: 1_700_000_001_000 },
      { user: 'u2', item: 'a4', value: 2, timestamp: 1_700_000_004_000 },
    ]);

    const at = (file: string, ...lines: number[]) => lines.map((line) => ({ file: expect.stringMatching(new RegExp(`/${file}$`)), line }));
    expect(dataset.changes).toEqual([
      { change: 'tag over 100 characters dropped', count: 1, lines: at('items.csv', 4) },
      { change: 'title trimmed to 500 characters', count: 1, lines: at('items.csv', 5) },
      { change: 'category trimmed to 100 characters', count: 1, lines: at('items.csv', 6) },
      { change: 'row dropped: id missing', count: 1, lines: at('items.csv', 7) },
      { change: 'extra fields ignored', count: 1, lines: at('items.csv', 8) },
      { change: 'row dropped: too few fields', count: 1, lines: at('items.csv', 9) },
      { change: 'value dropped: not a number', count: 1, lines: at('interactions.csv', 3) },
      { change: 'row dropped: timestamp unparseable', count: 1, lines: at('interactions.csv', 4) },
      { change: 'row dropped: user missing', count: 1, lines: at('interactions.csv', 5) },
      { change: 'row dropped: item missing', count: 1, lines: at('interactions.csv', 6) },
    ]);
  });

  it('keeps only the first few line numbers of a frequent change, and counts them all', async () => {
    const rows = Array.from({ length: 8 }, (_, index) => `u${index},i1,,yesterday`);
    const dir = await writeFixture({ 'interactions.csv': ['user,item,value,timestamp', 'u0,i1,,1', ...rows].join('\n') });
    const dataset = await readDataset('csv', dir);
    expect(dataset.interactions.length).toBe(1);
    expect(dataset.changes).toEqual([{ change: 'row dropped: timestamp unparseable', count: 8, lines: [3, 4, 5, 6, 7].map((line) => ({ file: expect.any(String), line })) }]);
    expect(describeChanges(dataset.changes!)).toEqual([expect.stringContaining('--strict'), expect.stringMatching(/row dropped: timestamp unparseable\s+8 {2}\(interactions\.csv:3, interactions\.csv:4, .*interactions\.csv:7, …\)$/)]);
  });

  it('reports nothing for a clean file', async () => {
    const dir = await writeFixture({ 'interactions.csv': 'u1,i1,1,1700000000\n' });
    const dataset = await readDataset('csv', dir);
    expect(dataset.changes).toEqual([]);
    expect(describeChanges(dataset.changes!)).toEqual(['Every row was read as it is.']);
  });

  it('strict: refuses the messy file at its first problem, naming file, line and field', async () => {
    const dir = await writeFixture({ 'items.csv': MESSY_ITEMS, 'interactions.csv': MESSY_INTERACTIONS });
    await expect(readDataset('csv', dir, { strict: true })).rejects.toThrow(/items\.csv:4: tags\.1 is longer than 100 characters$/);
  });

  it('strict: refuses a bad timestamp in interactions', async () => {
    const dir = await writeFixture({ 'interactions.csv': 'user,item,value,timestamp\nu1,i1,,1\nu2,i1,,not-a-date\n' });
    await expect(readDataset('csv', dir, { strict: true })).rejects.toThrow(/interactions\.csv:3: timestamp must be .* got "not-a-date"/);
  });

  it('keeps an over-long title whole when it is cut on a surrogate pair', async () => {
    const title = `${'t'.repeat(499)}😀tail`;
    const dir = await writeFixture({ 'items.csv': `id,title\na,${title}\n`, 'interactions.csv': 'u1,a,,1\n' });
    expect((await readDataset('csv', dir)).items[0]!.title).toBe('t'.repeat(499));
  });
});
