import { z } from 'zod';
import { ChangeLog } from './changes';
import type { Dataset } from './dataset';
import { assertDirectory } from './files';
import { readMovieLens100k, readMovieLens1m, readMovieLensLatest } from './movielens';
import { readCsvDataset } from './plain-csv';

export { describeChanges, type DatasetChange } from './changes';
export { DatasetError, type Dataset, type DatasetItem, type Interactions } from './dataset';

export const datasetFormatSchema = z.enum(['ml-latest-small', 'ml-100k', 'ml-1m', 'csv']);

export type DatasetFormat = z.infer<typeof datasetFormatSchema>;

const readers: Record<DatasetFormat, (dir: string, changes: ChangeLog) => Promise<Dataset>> = {
  'ml-latest-small': readMovieLensLatest,
  'ml-100k': readMovieLens100k,
  'ml-1m': readMovieLens1m,
  csv: readCsvDataset,
};

export interface ReadOptions {
  /** Refuse at the first row that needs changing, instead of trimming, dropping and reporting (`Dataset.changes`). */
  strict?: boolean;
}

/**
 * Reads a dataset folder into memory, keeping every row it can (see `ChangeLog`). Fails with a
 * `DatasetError` naming the file and line at fault when the file itself is unreadable or, in
 * strict mode, at the first row that would need a change.
 */
export async function readDataset(format: DatasetFormat, dir: string, { strict = false }: ReadOptions = {}): Promise<Dataset> {
  await assertDirectory(dir);
  return readers[format](dir, new ChangeLog(strict));
}
