import { describe, expect, it } from 'vitest';
import { chunk, formatOf, parseImport } from './import';

describe('parseImport, CSV', () => {
  it('reads quoted fields with commas, escaped quotes and newlines, and numbers rows by their first line', async () => {
    const { rows, problems } = await parseImport('id,title\na,"Hello, ""world"""\nb,"two\nlines"\n\nc,plain\nd\n', 'csv');
    expect(rows).toEqual([
      { line: 2, item: { id: 'a', title: 'Hello, "world"' } },
      { line: 3, item: { id: 'b', title: 'two\nlines' } },
      { line: 6, item: { id: 'c', title: 'plain' } },
    ]);
    expect(problems).toEqual([{ line: 7, message: 'expected 2 columns, found 1' }]);
  });

  it('keeps a last record without a newline and drops a byte-order mark', async () => {
    expect((await parseImport('\uFEFFid\nx', 'csv')).rows).toEqual([{ line: 2, item: { id: 'x' } }]);
  });

  it('reads CRLF files and reports the whole file read', async () => {
    const read: number[] = [];
    expect((await parseImport('id,title\r\nx,"one\r\ntwo"\r\ny,three\r\n', 'csv', (fraction) => read.push(fraction))).rows).toEqual([
      { line: 2, item: { id: 'x', title: 'one\r\ntwo' } },
      { line: 4, item: { id: 'y', title: 'three' } },
    ]);
    expect(read.at(-1)).toBe(1);
  });

  it('calls an empty file empty', async () => {
    expect((await parseImport('', 'csv')).problems).toEqual([{ line: 1, message: 'the file is empty' }]);
  });
});

describe('parseImport', () => {
  it('turns CSV columns into items: tags, attributes, booleans and dates', async () => {
    const csv = [
      'id,title,category,tags,is_hidden,published_at,attributes.year,attributes',
      'film-1,Arrival,Sci-Fi,space|language,false,2026-01-01T00:00:00Z,2016,"{""lang"":""en""}"',
      'film-2,,,,,,,',
    ].join('\n');
    const { rows, problems } = await parseImport(csv, 'csv');
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { line: 2, item: { id: 'film-1', title: 'Arrival', category: 'Sci-Fi', tags: ['space', 'language'], is_hidden: false, published_at: '2026-01-01T00:00:00Z', attributes: { year: 2016, lang: 'en' } } },
      { line: 3, item: { id: 'film-2' } },
    ]);
  });

  it('reports each bad row with its line and message, and keeps the good ones', async () => {
    const csv = ['id,title,is_hidden,published_at,expires_at', 'ok-1,Fine,,,', ',No id,,,', 'bad-2,Hidden?,maybe,,', 'bad-3,Dates,,2026-02-01,2026-01-01', 'short,row'].join('\n');
    const { rows, problems } = await parseImport(csv, 'csv');
    expect(rows.map((row) => row.item.id)).toEqual(['ok-1']);
    expect(problems.map((problem) => problem.line)).toEqual([3, 4, 5, 6]);
    expect(problems[0]!.message).toContain('id');
    expect(problems[1]!.message).toContain("is_hidden: expected true or false, got 'maybe'");
    expect(problems[2]!.message).toContain('expires_at');
    expect(problems[3]!.message).toBe('expected 5 columns, found 2');
  });

  it('needs an id column', async () => {
    expect((await parseImport('title\nx', 'csv')).problems).toEqual([{ line: 1, message: "the header needs an 'id' column" }]);
  });

  it('reads NDJSON line by line, naming broken lines and unknown fields', async () => {
    const ndjson = ['{"id":"n-1","title":"One","tags":["a"]}', '', '{"id":"n-2",', '[1,2]', '{"id":"n-3","colour":"red"}'].join('\n');
    const { rows, problems } = await parseImport(ndjson, 'ndjson');
    expect(rows).toEqual([{ line: 1, item: { id: 'n-1', title: 'One', tags: ['a'] } }]);
    expect(problems.map((problem) => problem.line)).toEqual([3, 4, 5]);
    expect(problems[0]!.message).toMatch(/^not valid JSON/);
    expect(problems[1]!.message).toBe('each line must be one JSON object');
    expect(problems[2]!.message).toContain('colour');
  });
});

describe('chunk and formatOf', () => {
  it('splits into chunks of at most the given size', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 3)).toEqual([]);
  });

  it('knows the format by the extension', () => {
    expect(formatOf('items.CSV')).toBe('csv');
    expect(formatOf('items.ndjson')).toBe('ndjson');
    expect(formatOf('items.jsonl')).toBe('ndjson');
    expect(formatOf('items.xlsx')).toBeNull();
  });
});
