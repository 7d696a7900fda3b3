import { describe, expect, it } from 'vitest';
import { readDataset } from '.';
import { datasetFixtures, interactionRows } from './test-fixtures';

const writeFixture = datasetFixtures();

describe('ml-latest-small', () => {
  const movies = [
    'movieId,title,genres',
    '1,Toy Story (1995),Adventure|Animation|Children',
    '11,"American President, The (1995)",Comedy|Drama',
    '20,"The ""Quoted"" Movie (2000)",(no genres listed)',
  ].join('\n');
  const ratings = ['userId,movieId,rating,timestamp', '1,1,4.0,964982703', '1,11,3.5,964981247', '2,99,0.5,1445714994'].join('\n');
  const tags = [
    'userId,movieId,tag,timestamp',
    '1,1,Pixar,1',
    '2,1,pixar ,2',
    '3,1,fun,3',
    '3,1,Animation,4',
    '4,1,  ,5',
    '2,11,politics,6',
  ].join('\r\n');

  it('reads movies, user tags and ratings', async () => {
    const dir = await writeFixture({ 'movies.csv': movies, 'ratings.csv': ratings, 'tags.csv': tags });
    const dataset = await readDataset('ml-latest-small', dir);
    expect(dataset.items).toEqual([
      { id: '1', title: 'Toy Story (1995)', category: 'Adventure', tags: ['adventure', 'animation', 'children', 'pixar', 'fun'], description: '' },
      { id: '11', title: 'American President, The (1995)', category: 'Comedy', tags: ['comedy', 'drama', 'politics'], description: '' },
      { id: '20', title: 'The "Quoted" Movie (2000)', category: null, tags: [], description: '' },
    ]);
    // A rated movie missing from movies.csv still gets an id, after the catalogued ones.
    expect(dataset.itemIds).toEqual(['1', '11', '20', '99']);
    expect(dataset.userIds).toEqual(['1', '2']);
    expect(interactionRows(dataset)).toEqual([
      { user: '1', item: '1', value: 4, timestamp: 964982703000 },
      { user: '1', item: '11', value: 3.5, timestamp: 964981247000 },
      { user: '2', item: '99', value: 0.5, timestamp: 1445714994000 },
    ]);
  });

  it('reads without tags.csv', async () => {
    const dir = await writeFixture({ 'movies.csv': movies, 'ratings.csv': ratings });
    const dataset = await readDataset('ml-latest-small', dir);
    expect(dataset.items[0]?.tags).toEqual(['adventure', 'animation', 'children']);
  });

  it('keeps the ten most frequent user tags, ties alphabetically', async () => {
    const manyTags = Array.from({ length: 12 }, (_, n) => `1,1,tag${String(n).padStart(2, '0')},${n}`);
    const dir = await writeFixture({
      'movies.csv': 'movieId,title,genres\n1,Toy Story (1995),Animation',
      'ratings.csv': 'userId,movieId,rating,timestamp\n',
      'tags.csv': ['userId,movieId,tag,timestamp', ...manyTags, '2,1,tag11,99'].join('\n'),
    });
    const [item] = (await readDataset('ml-latest-small', dir)).items;
    expect(item?.tags).toEqual(['animation', 'tag11', ...Array.from({ length: 9 }, (_, n) => `tag0${n}`)]);
  });

  it('drops and reports a malformed rating; strict names its file and line', async () => {
    const short = await writeFixture({ 'movies.csv': movies, 'ratings.csv': `${ratings}\n3,1,4.0` });
    const kept = await readDataset('ml-latest-small', short);
    expect(kept.interactions.length).toBe(ratings.split('\n').length - 1);
    expect(kept.changes).toEqual([{ change: 'row dropped: wrong number of fields', count: 1, lines: [{ file: expect.stringMatching(/ratings\.csv$/), line: 5 }] }]);
    await expect(readDataset('ml-latest-small', short, { strict: true })).rejects.toThrow(/ratings\.csv:5: expected 4 fields, found 3$/);
    const badRating = await writeFixture({ 'movies.csv': movies, 'ratings.csv': `${ratings}\n3,1,great,1` });
    await expect(readDataset('ml-latest-small', badRating, { strict: true })).rejects.toThrow(/ratings\.csv:5: rating must be a number, got "great"/);
    const noHeader = await writeFixture({ 'movies.csv': movies.split('\n').slice(1).join('\n'), 'ratings.csv': ratings });
    await expect(readDataset('ml-latest-small', noHeader)).rejects.toThrow(/movies\.csv:1: expected the header "movieId,title,genres"/);
  });

  it('names a missing file and a missing folder', async () => {
    const dir = await writeFixture({ 'movies.csv': movies });
    await expect(readDataset('ml-latest-small', dir)).rejects.toThrow(/ratings\.csv: not found: the ml-latest-small format needs it/);
    await expect(readDataset('ml-latest-small', `${dir}/nope`)).rejects.toThrow(/nope: not a directory/);
  });
});

describe('ml-100k', () => {
  const genres = 'unknown|0\nAction|1\nComedy|2\n\n';
  const items = Buffer.from(
    ['1|Toy Story (1995)|01-Jan-1995||http://x|0|0|1', '2|Café Society (1995)|01-Jan-1995||http://y|0|1|1', '3|unknown||||1|0|0'].join('\n'),
    'latin1',
  );
  const ratings = '196\t1\t3\t881250949\n186\t2\t5\t891717742\n';

  it('reads genre flags, latin1 titles and tab-separated ratings', async () => {
    const dir = await writeFixture({ 'u.genre': genres, 'u.item': items, 'u.data': ratings });
    const dataset = await readDataset('ml-100k', dir);
    expect(dataset.items).toEqual([
      { id: '1', title: 'Toy Story (1995)', category: 'Comedy', tags: ['comedy'], description: '' },
      { id: '2', title: 'Café Society (1995)', category: 'Action', tags: ['action', 'comedy'], description: '' },
      { id: '3', title: 'unknown', category: null, tags: [], description: '' },
    ]);
    expect(interactionRows(dataset)).toEqual([
      { user: '196', item: '1', value: 3, timestamp: 881250949000 },
      { user: '186', item: '2', value: 5, timestamp: 891717742000 },
    ]);
  });

  it('names the line of an item with the wrong number of genre flags', async () => {
    const dir = await writeFixture({ 'u.genre': genres, 'u.item': '1|Toy Story (1995)|||x|0|1', 'u.data': ratings });
    await expect(readDataset('ml-100k', dir, { strict: true })).rejects.toThrow(/u\.item:1: expected 8 fields, found 7/);
  });
});

describe('ml-1m', () => {
  it('reads ::-separated latin1 movies and ratings', async () => {
    const dir = await writeFixture({
      'movies.dat': Buffer.from("1::Toy Story (1995)::Animation|Children's|Comedy\n2::Amélie (2001)::Comedy|Romance\n", 'latin1'),
      'ratings.dat': '1::1193::5::978300760\r\n1::2::3::978302109\r\n',
    });
    const dataset = await readDataset('ml-1m', dir);
    expect(dataset.items.map(({ title, category, tags }) => ({ title, category, tags }))).toEqual([
      { title: 'Toy Story (1995)', category: 'Animation', tags: ['animation', "children's", 'comedy'] },
      { title: 'Amélie (2001)', category: 'Comedy', tags: ['comedy', 'romance'] },
    ]);
    expect(dataset.itemIds).toEqual(['1', '2', '1193']);
    expect(interactionRows(dataset)).toEqual([
      { user: '1', item: '1193', value: 5, timestamp: 978300760000 },
      { user: '1', item: '2', value: 3, timestamp: 978302109000 },
    ]);
  });

  it('names the line of a malformed rating', async () => {
    const dir = await writeFixture({ 'movies.dat': '1::Toy Story (1995)::Animation\n', 'ratings.dat': '1::1::5::978300760\n1::1::5\n' });
    await expect(readDataset('ml-1m', dir, { strict: true })).rejects.toThrow(/ratings\.dat:2: expected 4 fields, found 3/);
    expect((await readDataset('ml-1m', dir)).interactions.length).toBe(1);
  });
});
