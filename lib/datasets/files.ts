import { stat } from 'node:fs/promises';
import path from 'node:path';
import { DatasetError } from './dataset';

/** A dataset's name, as evaluation reports will show it: the folder it was read from. */
export function datasetName(dir: string): string {
  return path.basename(path.resolve(dir));
}

export async function assertDirectory(dir: string): Promise<void> {
  const stats = await stat(dir).catch(() => null);
  if (!stats?.isDirectory()) throw new DatasetError(dir, null, 'not a directory');
}

/** The file's path if it exists; a missing required file names the format that needs it. */
export async function findFile(dir: string, name: string, requiredBy: string): Promise<string>;
export async function findFile(dir: string, name: string, requiredBy: null): Promise<string | null>;
export async function findFile(dir: string, name: string, requiredBy: string | null): Promise<string | null> {
  const file = path.join(dir, name);
  const stats = await stat(file).catch(() => null);
  if (stats?.isFile()) return file;
  if (requiredBy === null) return null;
  throw new DatasetError(file, null, `not found: the ${requiredBy} format needs it`);
}
