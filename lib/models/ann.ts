import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HierarchicalNSW } from 'hnswlib-node';
import { z } from 'zod';
import { topK } from '@/lib/math/top-k';

/**
 * Approximate nearest neighbours over item vectors, through hnswlib's HNSW graphs: inner product
 * for factor models (a user factor scores items by dot product), cosine for content vectors.
 * Scores come back as similarities (higher is better), never as hnswlib's distances.
 */

export const annSpaceSchema = z.enum(['ip', 'cosine']);
export type AnnSpace = z.infer<typeof annSpaceSchema>;

export const annParamsSchema = z
  .object({
    space: annSpaceSchema,
    /** Graph degree: more links, better recall and more memory (about 2·M·4 bytes per item on the base layer). */
    m: z.number().int().min(4).max(64).default(16),
    /** Candidate list while building: higher builds slower and finds better links. */
    efConstruction: z.number().int().min(10).max(1_000).default(100),
    /** Candidate list while searching, the serving default (raised to k when k is larger); by default per space, see `DEFAULT_EF`. */
    ef: z.number().int().min(1).max(10_000).optional(),
    /** hnswlib draws each item's layer at random: a fixed seed makes builds repeatable. */
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(100),
  })
  .strict();

export type AnnParams = z.infer<typeof annParamsSchema>;

/**
 * Serving `ef` per space, from recall@50 on 50,000 clustered 64-dimensional vectors (M = 16):
 * cosine reaches 0.999 at 100; inner product, searched over norm-range partitions, reaches 0.997
 * at 100 with norms spread as sparse factor models' are (lognormal, σ 1.5, and the demo world's
 * ALS factors alike), 0.984 at σ 2.5 and 0.995 with nearly equal norms (σ 0.3). Recall falls as
 * catalogues grow: training measures it (`measureRecall`) and can raise `ef`.
 */
export const DEFAULT_EF: Record<AnnSpace, number> = { cosine: 100, ip: 100 };

/** Items best first, with their scores. */
export interface RankedItems {
  items: Uint32Array;
  scores: Float32Array;
}

export interface AnnSearchOptions {
  /**
   * Only items it accepts are returned. hnswlib applies it during the walk, so k results still
   * come back when enough pass, but every visited item costs a call into JavaScript: with one
   * item in ten passing, a query over 50,000 took about 2 ms instead of 0.25. Over-fetching
   * without a filter and filtering afterwards is faster (under 1 ms for 500) but can fall short.
   */
  filter?: (item: number) => boolean;
  /** Overrides the index's default for this query (every partition searches with it). */
  ef?: number;
}

/**
 * "TANN" little-endian, then version, space, dims and default ef. Version 1 follows with one
 * hnswlib graph; version 2 with a partition count, then per partition its max norm (float64),
 * its graph's byte length (uint64) and hnswlib's own bytes for that graph.
 */
const MAGIC = 0x4e4e4154;
const FORMAT_VERSION = 2;
const SINGLE_GRAPH_VERSION = 1;
const HEADER_BYTES = 16;
const PARTITION_COUNT_BYTES = 4;
const PARTITION_HEADER_BYTES = 16;
const SPACE_CODES: readonly AnnSpace[] = ['ip', 'cosine'];

/**
 * Norm-range partitions: about one per fourfold spread of norms, read between the 5th and 95th
 * percentiles so a few outliers do not set it. At most 8, as every partition whose max norm could
 * still place an item is one more search (the 200 candidates serving asks for cost 0.27 ms over 8
 * partitions of sparse ALS factors, 0.15 over 4), and at least 1,000 items each, as a smaller
 * graph is searched almost exhaustively at serving `ef` anyway.
 */
const NORM_SPREAD_PER_PARTITION = 4;
const SPREAD_QUANTILE = 0.05;
const MAX_PARTITIONS = 8;
const MIN_PARTITION_ITEMS = 1_000;

/**
 * One HNSW graph over part of the catalogue. Its labels are the global item ids, so results and
 * search filters need no mapping back.
 */
interface Partition {
  graph: HierarchicalNSW;
  /** The largest norm among its items, so no item here scores above maxNorm · |query|; Infinity when unknown (never skipped). */
  maxNorm: number;
}

export class AnnIndex {
  readonly size: number;

  private constructor(
    /** Inner product: by falling max norm, the order they are searched and skipped in. Cosine: one. */
    private readonly partitions: readonly Partition[],
    readonly space: AnnSpace,
    readonly dims: number,
    /** The serving default for `ef`; training tunes it and records it with the recall it achieved. */
    private servingEf: number,
  ) {
    this.size = partitions.reduce((sum, partition) => sum + partition.graph.getCurrentCount(), 0);
  }

  get ef(): number {
    return this.servingEf;
  }

  /** Sets the `ef` searches use by default, and that the serialised index carries to serving. */
  setServingEf(ef: number): void {
    if (!Number.isInteger(ef) || ef < 1) throw new RangeError(`ef must be a positive integer, got ${ef}`);
    this.servingEf = ef;
  }

  /** An index over `vectors` (items × dims, row-major); item i is label i. */
  static build(vectors: Float32Array, dims: number, input: z.input<typeof annParamsSchema>): AnnIndex {
    const params = annParamsSchema.parse(input);
    if (!Number.isInteger(dims) || dims < 1 || vectors.length % dims !== 0) throw new RangeError(`vectors of length ${vectors.length} do not split into rows of ${dims}`);
    const partitions = params.space === 'ip' ? normRangePartitions(vectors, dims, params) : [cosinePartition(vectors, dims, params)];
    return new AnnIndex(partitions, params.space, dims, params.ef ?? DEFAULT_EF[params.space]);
  }

  /** Reads `toBuffer`'s bytes, and version 1's single graph from older bundles. */
  static async fromBuffer(bytes: Uint8Array): Promise<AnnIndex> {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (buffer.length < HEADER_BYTES || buffer.readUInt32LE(0) !== MAGIC) throw new Error('not a serialised ANN index');
    const version = buffer.readUInt16LE(4);
    if (version !== FORMAT_VERSION && version !== SINGLE_GRAPH_VERSION) throw new Error(`ANN index format version ${version} is not supported`);
    const space = SPACE_CODES[buffer.readUInt16LE(6)];
    if (!space) throw new Error('serialised ANN index names an unknown space');
    const dims = buffer.readUInt32LE(8);
    const ef = buffer.readUInt32LE(12);
    const body = buffer.subarray(HEADER_BYTES);
    // A version 1 graph lifted every item by the catalogue's max norm, which it did not record.
    const stored = version === SINGLE_GRAPH_VERSION ? [{ maxNorm: Number.POSITIVE_INFINITY, bytes: body }] : splitPartitions(body);
    const partitions = await withTempFile(async (file) => {
      const read: Partition[] = [];
      for (const { maxNorm, bytes: graphBytes } of stored) {
        await writeFile(file, graphBytes);
        const graph = new HierarchicalNSW(space, graphDims(space, dims));
        await graph.readIndex(file);
        read.push({ graph, maxNorm });
      }
      return read;
    });
    return new AnnIndex(partitions, space, dims, ef);
  }

  /**
   * The k items scoring highest against `query` (inner product or cosine, per the space): the
   * top k of every partition that could still place an item, merged by score.
   */
  search(query: ArrayLike<number>, k: number, options: AnnSearchOptions = {}): RankedItems {
    if (query.length !== this.dims) throw new RangeError(`query has ${query.length} dimensions, the index ${this.dims}`);
    const count = Math.min(k, this.size);
    let best: RankedItems = { items: new Uint32Array(0), scores: new Float32Array(0) };
    if (count <= 0) return best;
    const ef = Math.max(options.ef ?? this.ef, count);
    const point = Array.from(query);
    const queryNorm = Math.hypot(...point);
    // The lifted coordinate of a query is zero, so lifted inner products equal the original ones.
    if (this.space === 'ip') point.push(0);
    for (const partition of this.partitions) {
      // Max norms only fall from here on: once one cannot beat the k-th best, no later partition can.
      if (best.items.length === count && partition.maxNorm * queryNorm <= best.scores[count - 1]!) break;
      best = mergeRanked(best, searchGraph(partition.graph, point, count, ef, options.filter), count);
    }
    return best;
  }

  /** The index as bytes, for a model bundle. hnswlib only writes files, so this goes through a private temp directory. */
  async toBuffer(): Promise<Buffer> {
    const header = Buffer.alloc(HEADER_BYTES + PARTITION_COUNT_BYTES);
    header.writeUInt32LE(MAGIC, 0);
    header.writeUInt16LE(FORMAT_VERSION, 4);
    header.writeUInt16LE(SPACE_CODES.indexOf(this.space), 6);
    header.writeUInt32LE(this.dims, 8);
    header.writeUInt32LE(this.ef, 12);
    header.writeUInt32LE(this.partitions.length, HEADER_BYTES);
    const parts = await withTempFile(async (file) => {
      const written: Buffer[] = [];
      for (const { graph, maxNorm } of this.partitions) {
        await graph.writeIndex(file);
        const graphBytes = await readFile(file);
        const partitionHeader = Buffer.alloc(PARTITION_HEADER_BYTES);
        partitionHeader.writeDoubleLE(maxNorm, 0);
        partitionHeader.writeBigUInt64LE(BigInt(graphBytes.length), 8);
        written.push(partitionHeader, graphBytes);
      }
      return written;
    });
    return Buffer.concat([header, ...parts]);
  }
}

/** Version 2's partitions: each one's max norm and graph bytes, in the order they were written. */
function splitPartitions(body: Buffer): { maxNorm: number; bytes: Buffer }[] {
  if (body.length < PARTITION_COUNT_BYTES) throw new Error('serialised ANN index is truncated');
  const count = body.readUInt32LE(0);
  const partitions: { maxNorm: number; bytes: Buffer }[] = [];
  let offset = PARTITION_COUNT_BYTES;
  for (let partition = 0; partition < count; partition++) {
    if (body.length < offset + PARTITION_HEADER_BYTES) throw new Error('serialised ANN index is truncated');
    const maxNorm = body.readDoubleLE(offset);
    const length = Number(body.readBigUInt64LE(offset + 8));
    offset += PARTITION_HEADER_BYTES;
    if (body.length < offset + length) throw new Error('serialised ANN index is truncated');
    partitions.push({ maxNorm, bytes: body.subarray(offset, offset + length) });
    offset += length;
  }
  return partitions;
}

/** Cosine needs no partitions: hnswlib normalises every vector, so norms cannot skew the graph. */
function cosinePartition(vectors: Float32Array, dims: number, params: AnnParams): Partition {
  const count = vectors.length / dims;
  const graph = newGraph('cosine', dims, count, params);
  for (let item = 0; item < count; item++) graph.addPoint(Array.from(rowAt(vectors, dims, item)), item);
  return { graph, maxNorm: Number.POSITIVE_INFINITY };
}

/**
 * Maximum inner product search is not a nearest-neighbour problem: an item with a long vector
 * beats closer ones. Lifting every item to [x, sqrt(M² − |x|²)], with M the largest norm, puts
 * all items on one sphere, where inner product order is distance order (Bachrach et al. 2014);
 * the query gets a zero coordinate, so its inner products do not change. But when norms spread
 * over orders of magnitude, as sparse factor models' do, most items are short next to M and
 * crowd around the sphere's pole, where the graph barely tells them apart. Two measures, each
 * insufficient alone (recall@50 on 50,000 clustered items with lognormal norms of σ 1.5; at
 * 20,000 with σ 2.5):
 * - norm-range partitioning (Yan et al. 2018): items sorted by norm, cut into quantiles, each
 *   lifted by its own max norm, so no graph is dominated by items far shorter than its longest;
 * - inserting longest first, so the first links, which the walk follows, join the items that
 *   win inner products rather than the short crowd.
 * One graph in item order found 0.21 at ef 300; partitions in item order 0.35 at ef 100 (0.31
 * at σ 2.5); one graph longest first 0.999 at σ 1.5 but 0.003 at σ 2.5; both 0.997 and 0.999.
 */
function normRangePartitions(vectors: Float32Array, dims: number, params: AnnParams): Partition[] {
  const count = vectors.length / dims;
  const squaredNorms = Float64Array.from({ length: count }, (_, item) => squaredNorm(rowAt(vectors, dims, item)));
  // Longest first: partitions are slices of this order, and each graph is built in it.
  const byNorm = Uint32Array.from({ length: count }, (_, item) => item).sort((a, b) => squaredNorms[b]! - squaredNorms[a]!);
  const partitionCount = normPartitionCount(Float64Array.from(byNorm, (item) => Math.sqrt(squaredNorms[item]!)));
  return Array.from({ length: partitionCount }, (_, partition) => {
    const members = byNorm.subarray(Math.floor((partition * count) / partitionCount), Math.floor(((partition + 1) * count) / partitionCount));
    const maxSquaredNorm = members.length > 0 ? squaredNorms[members[0]!]! : 0;
    const graph = newGraph('ip', dims, members.length, params);
    for (const item of members) {
      const point = Array.from(rowAt(vectors, dims, item));
      point.push(Math.sqrt(Math.max(0, maxSquaredNorm - squaredNorms[item]!)));
      graph.addPoint(point, item);
    }
    return { graph, maxNorm: Math.sqrt(maxSquaredNorm) };
  });
}

/**
 * How many norm ranges to cut `normsDescending` (largest first) into: 1 when norms are nearly
 * equal, where one lifted graph already works and every extra partition is an extra search, up to
 * `MAX_PARTITIONS` when they spread over orders of magnitude.
 */
function normPartitionCount(normsDescending: Float64Array): number {
  const last = normsDescending.length - 1;
  const high = normsDescending[Math.floor(SPREAD_QUANTILE * last)] ?? 0;
  const low = normsDescending[Math.ceil((1 - SPREAD_QUANTILE) * last)] ?? 0;
  // A zero low end (items no one interacted with keep zero factors) makes the spread infinite.
  const ranges = high > 0 ? Math.ceil(Math.log(high / low) / Math.log(NORM_SPREAD_PER_PARTITION)) : 1;
  return Math.max(1, Math.min(ranges, MAX_PARTITIONS, Math.ceil(normsDescending.length / MIN_PARTITION_ITEMS)));
}

function newGraph(space: AnnSpace, dims: number, count: number, params: AnnParams): HierarchicalNSW {
  const graph = new HierarchicalNSW(space, graphDims(space, dims));
  // hnswlib cannot size an index for nothing; an empty catalogue still gets a (searchable, empty) index.
  graph.initIndex({ maxElements: Math.max(1, count), m: params.m, efConstruction: params.efConstruction, randomSeed: params.seed });
  return graph;
}

/** One graph's top `count` for a query point already in the graph's space. */
function searchGraph(graph: HierarchicalNSW, point: number[], count: number, ef: number, filter?: (item: number) => boolean): RankedItems {
  const wanted = Math.min(count, graph.getCurrentCount());
  if (wanted === 0) return { items: new Uint32Array(0), scores: new Float32Array(0) };
  // ef belongs to the shared graph, not to the call: set it only when it differs.
  if (graph.getEf() !== ef) graph.setEf(ef);
  const { neighbors, distances } = graph.searchKnn(point, wanted, filter);
  // hnswlib reports 1 − similarity in both spaces.
  return { items: Uint32Array.from(neighbors), scores: Float32Array.from(distances, (distance) => 1 - distance) };
}

/** The best `k` of two best-first lists; partitions hold disjoint items, so there is nothing to deduplicate. */
function mergeRanked(a: RankedItems, b: RankedItems, k: number): RankedItems {
  if (a.items.length === 0) return b;
  const size = Math.min(k, a.items.length + b.items.length);
  const merged: RankedItems = { items: new Uint32Array(size), scores: new Float32Array(size) };
  let i = 0;
  let j = 0;
  for (let out = 0; out < size; out++) {
    const fromA = j >= b.items.length || (i < a.items.length && a.scores[i]! >= b.scores[j]!);
    const [source, at] = fromA ? [a, i++] : [b, j++];
    merged.items[out] = source.items[at]!;
    merged.scores[out] = source.scores[at]!;
  }
  return merged;
}

function rowAt(vectors: Float32Array, dims: number, item: number): Float32Array {
  return vectors.subarray(item * dims, (item + 1) * dims);
}

function squaredNorm(row: Float32Array): number {
  let sum = 0;
  for (let d = 0; d < row.length; d++) sum += row[d]! * row[d]!;
  return sum;
}

function graphDims(space: AnnSpace, dims: number): number {
  return space === 'ip' ? dims + 1 : dims;
}

async function withTempFile<T>(work: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tailor-ann-'));
  try {
    return await work(path.join(dir, 'index.hnsw'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Exact search and recall

/** Every row of `vectors` (items × dims) dotted with `query`: exact scores for a whole catalogue. */
export function innerProducts(vectors: Float32Array, dims: number, query: ArrayLike<number>): Float32Array {
  const scores = new Float32Array(vectors.length / dims);
  for (let item = 0; item < scores.length; item++) scores[item] = dotAt(vectors, dims, item, query);
  return scores;
}

function dotAt(vectors: Float32Array, dims: number, item: number, query: ArrayLike<number>): number {
  const offset = item * dims;
  let dot = 0;
  for (let d = 0; d < dims; d++) dot += vectors[offset + d]! * query[d]!;
  return dot;
}

/**
 * The k items with the highest inner product with `query`, by scanning every row of `vectors`:
 * the ground truth for recall, and retrieval enough for small catalogues. For cosine, pass unit
 * vectors. `exclude` leaves one item out (the query item itself, for "more like this").
 */
export function exactSearch(vectors: Float32Array, dims: number, query: ArrayLike<number>, k: number, exclude?: number): RankedItems {
  const scores = innerProducts(vectors, dims, query);
  if (exclude !== undefined) scores[exclude] = Number.NEGATIVE_INFINITY;
  const items = topK(scores, Math.min(k, scores.length));
  return { items, scores: Float32Array.from(items, (item) => scores[item]!) };
}

/**
 * Recall@k of the index at a given `ef`: the share of each query's exact top k (brute force over
 * `vectors`, the vectors the index was built from) that the index returns, averaged over
 * `queries` (rows of the same width). Training records it next to the `ef` it serves with.
 * An item tied with the exact k-th best counts as found: a zero user factor (a user with no
 * positives yet) ties every item at 0, so any k items answer it exactly, but brute force keeps
 * only the first k and without this such queries would score 0 however good the index.
 */
export function measureRecall(index: AnnIndex, vectors: Float32Array, queries: Float32Array, k: number, ef: number): number {
  const comparable = comparableVectors(index, vectors);
  return recallAt(index, comparable, queries, exactAnswers(index, comparable, queries, k), ef);
}

/**
 * Raises the index's serving `ef` (doubling, up to `maxEf`) until recall@k reaches `target`, and
 * returns the `ef` kept and its recall. Large catalogues, and norms spread widely enough to
 * crowd a partition, need more candidates than the default to find the true top k.
 */
export function tuneServingEf(index: AnnIndex, vectors: Float32Array, queries: Float32Array, k: number, target = 0.95, maxEf = 800): { ef: number; recall: number } {
  const comparable = comparableVectors(index, vectors);
  const exact = exactAnswers(index, comparable, queries, k);
  let ef = index.ef;
  let recall = recallAt(index, comparable, queries, exact, ef);
  while (recall < target && ef < maxEf) {
    ef = Math.min(maxEf, ef * 2);
    recall = recallAt(index, comparable, queries, exact, ef);
  }
  index.setServingEf(ef);
  return { ef, recall };
}

/** A query's exact top k, and the k-th best score: an item scoring as much is as right as any in the top k. */
interface ExactAnswer {
  items: Set<number>;
  threshold: number;
}

/** The vectors whose inner products rank items as the index's space does. */
function comparableVectors(index: AnnIndex, vectors: Float32Array): Float32Array {
  return index.space === 'cosine' ? unitRows(vectors, index.dims) : vectors;
}

/** Per query, the exact top k by brute force over `comparable`: the ground truth recall is measured against. */
function exactAnswers(index: AnnIndex, comparable: Float32Array, queries: Float32Array, k: number): ExactAnswer[] {
  const { dims } = index;
  const count = Math.min(k, index.size);
  return Array.from({ length: queries.length / dims }, (_, q) => {
    const { items, scores } = exactSearch(comparable, dims, queries.subarray(q * dims, (q + 1) * dims), count);
    return { items: new Set(items), threshold: scores[count - 1] ?? Number.NEGATIVE_INFINITY };
  });
}

function recallAt(index: AnnIndex, comparable: Float32Array, queries: Float32Array, exact: ExactAnswer[], ef: number): number {
  const { dims } = index;
  let found = 0;
  let wanted = 0;
  exact.forEach(({ items, threshold }, q) => {
    wanted += items.size;
    const query = queries.subarray(q * dims, (q + 1) * dims);
    // Math.fround: exact scores are float32 (`innerProducts`), so a tie must be compared at that precision.
    for (const item of index.search(query, items.size, { ef }).items) if (items.has(item) || Math.fround(dotAt(comparable, dims, item, query)) >= threshold) found++;
  });
  return wanted === 0 ? 1 : found / wanted;
}

/** A copy with every row scaled to unit length (zero rows stay zero): cosine becomes inner product. */
function unitRows(vectors: Float32Array, dims: number): Float32Array {
  const unit = new Float32Array(vectors.length);
  for (let offset = 0; offset < vectors.length; offset += dims) {
    let squares = 0;
    for (let d = 0; d < dims; d++) squares += vectors[offset + d]! ** 2;
    const scale = squares > 0 ? 1 / Math.sqrt(squares) : 0;
    for (let d = 0; d < dims; d++) unit[offset + d] = vectors[offset + d]! * scale;
  }
  return unit;
}
