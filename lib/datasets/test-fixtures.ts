import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { Dataset } from './dataset';

/**
 * For tests: call at the top of a test file; the returned function writes a dataset folder of
 * tiny hand-written files into a fresh temp directory, removed when the file's tests end.
 */
export function datasetFixtures(): (files: Record<string, string | Buffer>) => Promise<string> {
  const folders: string[] = [];
  afterAll(async () => {
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
  });
  return async (files) => {
    const folder = await mkdtemp(path.join(tmpdir(), 'tailor-dataset-'));
    folders.push(folder);
    await Promise.all(Object.entries(files).map(([name, content]) => writeFile(path.join(folder, name), content)));
    return folder;
  };
}

/** A dataset's interactions as plain rows, for readable assertions. */
export function interactionRows({ interactions, userIds, itemIds }: Dataset) {
  return Array.from({ length: interactions.length }, (_, index) => {
    const value = interactions.value[index]!;
    return {
      user: userIds[interactions.user[index]!],
      item: itemIds[interactions.item[index]!],
      value: Number.isNaN(value) ? null : value,
      timestamp: interactions.timestamp[index],
    };
  });
}
