import type { Dataset } from '@/lib/datasets';
import { buildPositives, type CatalogItem, type InteractionLog, type TrainingData } from '@/lib/models/data';
import type { UserHistory } from '@/lib/models/types';
import type { EvaluationSet } from './evaluate';
import { splitPerUser } from './split';

export interface HoldoutOptions {
  seed: number;
  testShare: number;
}

/**
 * The evaluation protocol's split: per user, a random share of their items is held out. Models
 * train on the rest. Every interaction counts as a positive; a rating's value is its strength.
 */
export function holdOut(dataset: Dataset, options: HoldoutOptions): { train: TrainingData; evaluation: EvaluationSet } {
  const { interactions } = dataset;
  const split = splitPerUser(interactions, dataset.userIds.length, options);
  const train = trainingData(dataset, logOf(dataset, split.train));
  const heldOut = Array.from({ length: dataset.userIds.length }, () => new Set<number>());
  for (const row of split.test) heldOut[interactions.user[row]!]!.add(interactions.item[row]!);
  // A held-out item the user also has in training (a repeated pair) cannot happen: pairs move together.
  const users = Uint32Array.from(heldOut.flatMap((items, user) => (items.size > 0 ? [user] : [])));
  return { train, evaluation: { data: train, users, histories: historiesOf(train), heldOut } };
}

/** All of a dataset as training data, for commands that train without evaluating. */
export function trainingDataOf(dataset: Dataset): TrainingData {
  const rows = Uint32Array.from({ length: dataset.interactions.length }, (_, row) => row);
  return trainingData(dataset, logOf(dataset, rows));
}

function trainingData(dataset: Dataset, log: InteractionLog): TrainingData {
  let now = 0;
  for (let row = 0; row < dataset.interactions.length; row++) now = Math.max(now, dataset.interactions.timestamp[row]!);
  return {
    userIds: dataset.userIds,
    itemIds: dataset.itemIds,
    items: dataset.itemIds.map((_, index) => catalogItemOf(dataset, index)),
    log,
    positives: buildPositives(dataset.userIds.length, dataset.itemIds.length, log),
    now,
  };
}

function logOf({ interactions }: Dataset, rows: Uint32Array): InteractionLog {
  const log: InteractionLog = {
    length: rows.length,
    user: new Uint32Array(rows.length),
    item: new Uint32Array(rows.length),
    strength: new Float32Array(rows.length),
    timestamp: new Float64Array(rows.length),
  };
  rows.forEach((row, position) => {
    const value = interactions.value[row]!;
    log.user[position] = interactions.user[row]!;
    log.item[position] = interactions.item[row]!;
    log.strength[position] = Number.isNaN(value) ? 1 : value;
    log.timestamp[position] = interactions.timestamp[row]!;
  });
  return log;
}

function catalogItemOf(dataset: Dataset, index: number): CatalogItem {
  const item = dataset.items[index];
  return {
    title: item?.title ?? '',
    description: item?.description ?? '',
    category: item?.category ?? null,
    tags: item?.tags ?? [],
    publishedAt: null,
  };
}

export function historiesOf(data: TrainingData): UserHistory[] {
  return data.userIds.map((_, user) => ({ items: data.positives.rowIndices(user), strengths: data.positives.rowValues(user) }));
}
