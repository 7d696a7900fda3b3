import type { Random } from '@/lib/math/random';

/**
 * Learning-to-rank training data: one row per candidate, candidates grouped by query (a user at
 * the moment a list was shown), typically one or a few positives per group.
 */
export interface RankingData {
  featureCount: number;
  /** rows × featureCount, row-major. */
  features: Float32Array;
  /** Relevance per row; the pointwise loss needs it within [0, 1], the pairwise loss only compares it. */
  labels: Float32Array;
  /** Query id per row; a query's rows need not be contiguous. */
  groups: Uint32Array;
  featureNames?: string[];
}

/** Rows gathered by query: the rows of query q are `rows[offsets[q]]` up to `rows[offsets[q + 1]]`. */
export interface QueryGroups {
  count: number;
  offsets: Uint32Array;
  rows: Uint32Array;
}

/** Checks the shapes and values that training relies on; returns the row count. */
export function validateRankingData(data: RankingData): number {
  const { featureCount, features, labels, groups, featureNames } = data;
  if (!Number.isInteger(featureCount) || featureCount < 1) throw new RangeError(`featureCount must be a positive integer, got ${featureCount}`);
  const rows = labels.length;
  if (rows === 0) throw new RangeError('ranking data has no rows');
  if (features.length !== rows * featureCount) {
    throw new RangeError(`features has ${features.length} values; ${rows} rows × ${featureCount} features need ${rows * featureCount}`);
  }
  if (groups.length !== rows) throw new RangeError(`groups has ${groups.length} entries for ${rows} rows`);
  if (featureNames !== undefined && featureNames.length !== featureCount) {
    throw new RangeError(`featureNames has ${featureNames.length} names for ${featureCount} features`);
  }
  const badFeature = features.findIndex((value) => !Number.isFinite(value));
  if (badFeature >= 0) throw new RangeError(`feature ${badFeature % featureCount} of row ${Math.floor(badFeature / featureCount)} is not finite`);
  const badLabel = labels.findIndex((value) => !Number.isFinite(value));
  if (badLabel >= 0) throw new RangeError(`label of row ${badLabel} is not finite`);
  return rows;
}

/** Groups rows by query id, queries in order of first appearance so the result is deterministic. */
export function groupByQuery(queryIds: Uint32Array): QueryGroups {
  const denseIdOf = new Map<number, number>();
  const denseIds = new Uint32Array(queryIds.length);
  const sizes: number[] = [];
  for (let row = 0; row < queryIds.length; row++) {
    const id = queryIds[row] as number;
    let dense = denseIdOf.get(id);
    if (dense === undefined) {
      dense = sizes.length;
      denseIdOf.set(id, dense);
      sizes.push(0);
    }
    denseIds[row] = dense;
    sizes[dense] = (sizes[dense] as number) + 1;
  }

  const count = sizes.length;
  const offsets = new Uint32Array(count + 1);
  for (let group = 0; group < count; group++) offsets[group + 1] = (offsets[group] as number) + (sizes[group] as number);
  const cursor = offsets.slice(0, count);
  const rows = new Uint32Array(queryIds.length);
  for (let row = 0; row < queryIds.length; row++) {
    const dense = denseIds[row] as number;
    rows[cursor[dense] as number] = row;
    cursor[dense] = (cursor[dense] as number) + 1;
  }
  return { count, offsets, rows };
}

/** The listed groups, in the listed order, as a grouping of their own. */
export function selectGroups(groups: QueryGroups, selected: ArrayLike<number>): QueryGroups {
  const offsets = new Uint32Array(selected.length + 1);
  for (let i = 0; i < selected.length; i++) offsets[i + 1] = (offsets[i] as number) + groupSize(groups, selected[i] as number);
  const rows = new Uint32Array(offsets[selected.length] as number);
  for (let i = 0; i < selected.length; i++) {
    const group = selected[i] as number;
    rows.set(groups.rows.subarray(groups.offsets[group], groups.offsets[group + 1]), offsets[i]);
  }
  return { count: selected.length, offsets, rows };
}

export function groupSize(groups: QueryGroups, group: number): number {
  return (groups.offsets[group + 1] as number) - (groups.offsets[group] as number);
}

/**
 * Holds out whole queries, never single rows: a user's candidates share most of their features,
 * so splitting a query would let validation see near-copies of training rows.
 */
export function splitGroups(groups: QueryGroups, validationFraction: number, random: Random): { training: QueryGroups; validation: QueryGroups } {
  const order = shuffledRange(groups.count, random);
  const validationCount = Math.floor(groups.count * validationFraction);
  return {
    training: selectGroups(groups, order.subarray(validationCount)),
    validation: selectGroups(groups, order.subarray(0, validationCount)),
  };
}

/** Groups whose labels differ somewhere: only they yield pairs for a pairwise loss. */
export function groupsWithPairs(groups: QueryGroups, labels: Float32Array): QueryGroups {
  const kept: number[] = [];
  for (let group = 0; group < groups.count; group++) {
    const start = groups.offsets[group] as number;
    const end = groups.offsets[group + 1] as number;
    const first = labels[groups.rows[start] as number];
    for (let i = start + 1; i < end; i++) {
      if (labels[groups.rows[i] as number] !== first) {
        kept.push(group);
        break;
      }
    }
  }
  return selectGroups(groups, kept);
}

/** 0, 1, …, length − 1. */
export function range(length: number): Uint32Array {
  const values = new Uint32Array(length);
  for (let i = 0; i < length; i++) values[i] = i;
  return values;
}

export function shuffledRange(length: number, random: Random): Uint32Array {
  return shuffleInPlace(range(length), random);
}

/** Fisher–Yates on a typed array (`Random.shuffle` takes plain arrays). */
export function shuffleInPlace(values: Uint32Array, random: Random): Uint32Array {
  for (let i = values.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const swapped = values[i] as number;
    values[i] = values[j] as number;
    values[j] = swapped;
  }
  return values;
}
