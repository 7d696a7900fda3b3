import { ITEM_LIMITS } from '@/lib/catalog/schema';
import type { ChangeLog } from './changes';
import { readCsvRecords, readDelimitedRecords, type CsvRecord } from './csv';
import { DatasetBuilder, DatasetError, fieldsOf, parseId, parseNumber, type Dataset, type DatasetItem } from './dataset';
import { datasetName, findFile } from './files';

/** Enough user tags to describe a movie without drowning its genres. */
const MAX_USER_TAGS_PER_MOVIE = 10;
/** MovieLens' ways of saying a movie has no genre. */
const NO_GENRES = new Set(['(no genres listed)', 'unknown']);
const SECOND = 1000;

/** ml-latest-small (and the other "latest" exports, which share its layout). */
export async function readMovieLensLatest(dir: string, changes: ChangeLog): Promise<Dataset> {
  const format = 'ml-latest-small';
  const moviesFile = await findFile(dir, 'movies.csv', format);
  const ratingsFile = await findFile(dir, 'ratings.csv', format);
  const tagsFile = await findFile(dir, 'tags.csv', null);
  const userTags = tagsFile ? await readTopUserTags(tagsFile, changes) : new Map<string, string[]>();
  const builder = new DatasetBuilder(changes);
  for await (const record of readCsvRecords(moviesFile)) {
    if (record.line === 1) {
      expectHeader(record, 'movieId,title,genres');
      continue;
    }
    changes.readRow(record, () => {
      const [movieId, title, genres] = fieldsOf(record, 3);
      const id = parseId(movieId, 'movieId', record);
      builder.addItem(movie(id, title, genres.split('|'), userTags.get(id) ?? []), record);
    });
  }
  for await (const record of readCsvRecords(ratingsFile)) {
    if (record.line === 1) {
      expectHeader(record, 'userId,movieId,rating,timestamp');
      continue;
    }
    changes.readRow(record, () => addRating(builder, fieldsOf(record, 4), record));
  }
  return builder.build(datasetName(dir));
}

/** ml-100k: tab-separated ratings, a pipe-separated latin1 catalog with one flag per genre. */
export async function readMovieLens100k(dir: string, changes: ChangeLog): Promise<Dataset> {
  const format = 'ml-100k';
  const genreFile = await findFile(dir, 'u.genre', format);
  const itemFile = await findFile(dir, 'u.item', format);
  const ratingsFile = await findFile(dir, 'u.data', format);
  const genreNames = await readGenreNames(genreFile);
  const builder = new DatasetBuilder(changes);
  for await (const record of readDelimitedRecords(itemFile, '|', 'latin1')) {
    changes.readRow(record, () => {
      // id | title | release date | video release date | IMDb URL | one 0/1 flag per genre
      const fields = record.fields;
      if (fields.length !== 5 + genreNames.length) {
        throw new DatasetError(record.file, record.line, `expected ${5 + genreNames.length} fields, found ${fields.length}`, 'wrong number of fields');
      }
      const genres = genreNames.filter((_, index) => fields[5 + index] === '1');
      builder.addItem(movie(parseId(fields[0] ?? '', 'movie id', record), fields[1] ?? '', genres, []), record);
    });
  }
  for await (const record of readDelimitedRecords(ratingsFile, '\t')) {
    changes.readRow(record, () => addRating(builder, fieldsOf(record, 4), record));
  }
  return builder.build(datasetName(dir));
}

/** ml-1m: `::`-separated ratings and a latin1 catalog with pipe-separated genres. */
export async function readMovieLens1m(dir: string, changes: ChangeLog): Promise<Dataset> {
  const format = 'ml-1m';
  const moviesFile = await findFile(dir, 'movies.dat', format);
  const ratingsFile = await findFile(dir, 'ratings.dat', format);
  const builder = new DatasetBuilder(changes);
  for await (const record of readDelimitedRecords(moviesFile, '::', 'latin1')) {
    changes.readRow(record, () => {
      const [movieId, title, genres] = fieldsOf(record, 3);
      builder.addItem(movie(parseId(movieId, 'MovieID', record), title, genres.split('|'), []), record);
    });
  }
  for await (const record of readDelimitedRecords(ratingsFile, '::')) {
    changes.readRow(record, () => addRating(builder, fieldsOf(record, 4), record));
  }
  return builder.build(datasetName(dir));
}

function addRating(builder: DatasetBuilder, [user, movie, rating, seconds]: [string, string, string, string], record: CsvRecord): void {
  builder.addInteraction(
    parseId(user, 'user id', record),
    parseId(movie, 'movie id', record),
    parseNumber(rating, 'rating', record),
    parseNumber(seconds, 'timestamp', record) * SECOND,
  );
}

/**
 * Category is the first genre as MovieLens spells it; tags are lowercased, as the search index
 * matches tags verbatim against lowercased query words.
 */
function movie(id: string, title: string, genres: string[], userTags: string[]): DatasetItem {
  const named = genres.map((genre) => genre.trim()).filter((genre) => genre !== '' && !NO_GENRES.has(genre));
  return {
    id,
    title: title.trim(),
    category: named[0] ?? null,
    tags: [...new Set([...named.map((genre) => genre.toLowerCase()), ...userTags])],
    description: '',
  };
}

function expectHeader(record: CsvRecord, header: string): void {
  if (record.fields.join(',') !== header) throw new DatasetError(record.file, record.line, `expected the header "${header}"`);
}

/** u.genre lists `name|index`; the flags in u.item follow that order. */
async function readGenreNames(file: string): Promise<string[]> {
  const names: string[] = [];
  for await (const record of readDelimitedRecords(file, '|', 'latin1')) {
    const [name, index] = fieldsOf(record, 2);
    names[parseNumber(index, 'genre index', record)] = name;
  }
  return Array.from(names, (name) => name ?? '');
}

/** Each movie's most frequent user tags, lowercased; ties go alphabetically so imports are repeatable. */
async function readTopUserTags(file: string, changes: ChangeLog): Promise<Map<string, string[]>> {
  const counts = new Map<string, Map<string, number>>();
  for await (const record of readCsvRecords(file)) {
    if (record.line === 1) {
      expectHeader(record, 'userId,movieId,tag,timestamp');
      continue;
    }
    changes.readRow(record, () => {
      const [, movieId, text] = fieldsOf(record, 4);
      const tag = text.trim().replace(/\s+/g, ' ').toLowerCase();
      if (tag === '' || tag.length > ITEM_LIMITS.tag) return;
      const id = movieId.trim();
      const movieTags = counts.get(id) ?? new Map<string, number>();
      movieTags.set(tag, (movieTags.get(tag) ?? 0) + 1);
      counts.set(id, movieTags);
    });
  }
  return new Map(
    Array.from(counts, ([id, movieTags]) => [
      id,
      [...movieTags]
        // Code-unit order, not localeCompare: the result must not depend on the machine's locale.
        .sort(([tagA, countA], [tagB, countB]) => countB - countA || (tagA < tagB ? -1 : 1))
        .slice(0, MAX_USER_TAGS_PER_MOVIE)
        .map(([tag]) => tag),
    ]),
  );
}
