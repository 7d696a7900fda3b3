import { describe, expect, it } from 'vitest';
import { readCsvRecords, splitCsvRecord } from './csv';
import { datasetFixtures } from './test-fixtures';

const writeFixture = datasetFixtures();

async function records(content: string) {
  const dir = await writeFixture({ 'data.csv': content });
  const found: { line: number; fields: string[] }[] = [];
  for await (const { line, fields } of readCsvRecords(`${dir}/data.csv`)) found.push({ line, fields });
  return found;
}

describe('splitCsvRecord', () => {
  it('splits plain fields, keeping empty ones', () => {
    expect(splitCsvRecord('a,b,,d,')).toEqual(['a', 'b', '', 'd', '']);
    expect(splitCsvRecord('')).toEqual(['']);
  });

  it('reads quoted fields with commas and escaped quotes', () => {
    expect(splitCsvRecord('11,"American President, The (1995)",Comedy')).toEqual(['11', 'American President, The (1995)', 'Comedy']);
    expect(splitCsvRecord('"say ""hi""",""')).toEqual(['say "hi"', '']);
    expect(splitCsvRecord('"",x,"a,b"')).toEqual(['', 'x', 'a,b']);
  });

  it('keeps a quote inside an unquoted field as text', () => {
    expect(splitCsvRecord('5 1/2",x')).toEqual(['5 1/2"', 'x']);
  });

  it('reports an open quoted field as incomplete', () => {
    expect(splitCsvRecord('1,"starts here')).toBeUndefined();
    expect(splitCsvRecord('1,"ends ""quoted""')).toBeUndefined();
  });

  it('rejects text after a closing quote', () => {
    expect(() => splitCsvRecord('"a"b,c')).toThrow('unexpected text after the closing quote of field 1');
  });
});

describe('readCsvRecords', () => {
  it('handles CRLF, a byte-order mark, blank lines and quoted line breaks', async () => {
    const content = '\uFEFFid,text\r\n1,"two\r\nlines"\r\n\r\n2,"x, y"\r\n';
    expect(await records(content)).toEqual([
      { line: 1, fields: ['id', 'text'] },
      { line: 2, fields: ['1', 'two\nlines'] },
      { line: 5, fields: ['2', 'x, y'] },
    ]);
  });

  it('joins a CRLF and a multi-byte character split across read chunks', async () => {
    // Reads come in 64 KiB chunks: the first ends between the \r and the \n, the second inside "é".
    const long = 'x'.repeat(65_535);
    const second = `${'y'.repeat(65_534)}é`;
    expect(await records(`${long}\r\n${second}\r\nlast`)).toEqual([
      { line: 1, fields: [long] },
      { line: 2, fields: [second] },
      { line: 3, fields: ['last'] },
    ]);
  });

  it('names the file and the line where an unclosed quote starts', async () => {
    await expect(records('a,b\n1,"never closed\n2,3\n')).rejects.toThrow(/data\.csv:2: a quoted field is never closed/);
  });

  it('names the file and line of a syntax error', async () => {
    await expect(records('a,b\n"x"y,1\n')).rejects.toThrow(/data\.csv:2: unexpected text after the closing quote/);
  });
});
