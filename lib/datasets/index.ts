import { z } from 'zod';
import type { Dataset } from './dataset';
import { assertDirectory } from './files';
import { readMovieLens100k, readMovieLens1m, readMovieLensLatest } from './movielens';
import { readCsvDataset } from './plain-csv';

export { DatasetError, type Dataset, type DatasetItem, type Interactions } from './dataset';

export const datasetFormatSchema = z.enum(['ml-latest-small', 'ml-100k', 'ml-1m', 'csv']);

export type DatasetFormat = z.infer<typeof datasetFormatSchema>;

const readers: Record<DatasetFormat, (dir: string) => Promise<Dataset>> = {
  'ml-latest-small': readMovieLensLatest,
  'ml-100k': readMovieLens100k,
  'ml-1m': readMovieLens1m,
  csv: readCsvDataset,
};

/** Reads a dataset folder into memory. Fails with a `DatasetError` naming the file and line at fault. */
export async function readDataset(format: DatasetFormat, dir: string): Promise<Dataset> {
  await assertDirectory(dir);
  return readers[format](dir);
}
