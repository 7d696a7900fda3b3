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
 * cosine reaches 0.999 at 100; inner product, with norms spread as factor models' are, reaches
 * about 0.98 at 300 (0.92 at 200, 0.80 at 100). Recall falls as catalogues grow: training
 * measures it (`measureRecall`) and can raise `ef`.
 */
export const DEFAULT_EF: Record<AnnSpace, number> = { cosine: 100, ip: 300 };

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
  /** Overrides the index's default for this query. */
  ef?: number;
}

/** "TANN" little-endian, then version, space, dims and default ef: enough to rebuild the wrapper around hnswlib's own bytes. */
const MAGIC = 0x4e4e4154;
const FORMAT_VERSION = 1;
const HEADER_BYTES = 16;
const SPACE_CODES: readonly AnnSpace[] = ['ip', 'cosine'];

export class AnnIndex {
  private constructor(
    private readonly graph: HierarchicalNSW,
    readonly space: AnnSpace,
    readonly dims: number,
    /** The serving default for `ef`; training tunes it and records it with the recall it achieved. */
    private servingEf: number,
  ) {}

  get ef(): number {
    return this.servingEf;
  }

  /** Sets the `ef` searches use by default, and that the serialised index carries to serving. */
  setServingEf(ef: number): void {
    if (!Number.isInteger(ef) || ef < 1) throw new RangeError(`ef must be a positive integer, got ${ef}`);
    this.servingEf = ef;
    this.graph.setEf(ef);
  }

  /** An index over `vectors` (items × dims, row-major); item i is label i. */
  static build(vectors: Float32Array, dims: number, input: z.input<typeof annParamsSchema>): AnnIndex {
    const params = annParamsSchema.parse(input);
    if (!Number.isInteger(dims) || dims < 1 || vectors.length % dims !== 0) throw new RangeError(`vectors of length ${vectors.length} do not split into rows of ${dims}`);
    const count = vectors.length / dims;
    const graph = new HierarchicalNSW(params.space, graphDims(params.space, dims));
    // hnswlib cannot size an index for nothing; an empty catalogue still gets a (searchable, empty) index.
    graph.initIndex({ maxElements: Math.max(1, count), m: params.m, efConstruction: params.efConstruction, randomSeed: params.seed });
    const toPoint = params.space === 'ip' ? equalNormLift(vectors, dims) : (row: Float32Array) => Array.from(row);
    for (let item = 0; item < count; item++) graph.addPoint(toPoint(vectors.subarray(item * dims, (item + 1) * dims)), item);
    const ef = params.ef ?? DEFAULT_EF[params.space];
    graph.setEf(ef);
    return new AnnIndex(graph, params.space, dims, ef);
  }

  static async fromBuffer(bytes: Uint8Array): Promise<AnnIndex> {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (buffer.length < HEADER_BYTES || buffer.readUInt32LE(0) !== MAGIC) throw new Error('not a serialised ANN index');
    const version = buffer.readUInt16LE(4);
    if (version !== FORMAT_VERSION) throw new Error(`ANN index format version ${version} is not supported`);
    const space = SPACE_CODES[buffer.readUInt16LE(6)];
    if (!space) throw new Error('serialised ANN index names an unknown space');
    const dims = buffer.readUInt32LE(8);
    const ef = buffer.readUInt32LE(12);
    return withTempFile(async (file) => {
      await writeFile(file, buffer.subarray(HEADER_BYTES));
      const graph = new HierarchicalNSW(space, graphDims(space, dims));
      await graph.readIndex(file);
      graph.setEf(ef);
      return new AnnIndex(graph, space, dims, ef);
    });
  }

  get size(): number {
    return this.graph.getCurrentCount();
  }

  /** The k items scoring highest against `query` (inner product or cosine, per the space). */
  search(query: ArrayLike<number>, k: number, options: AnnSearchOptions = {}): RankedItems {
    if (query.length !== this.dims) throw new RangeError(`query has ${query.length} dimensions, the index ${this.dims}`);
    const count = Math.min(k, this.size);
    if (count <= 0) return { items: new Uint32Array(0), scores: new Float32Array(0) };
    const ef = Math.max(options.ef ?? this.ef, count);
    // ef belongs to the shared graph, not to the call: set it only when it differs.
    if (this.graph.getEf() !== ef) this.graph.setEf(ef);
    const point = Array.from(query);
    // The lifted coordinate of a query is zero, so lifted inner products equal the original ones.
    if (this.space === 'ip') point.push(0);
    const { neighbors, distances } = this.graph.searchKnn(point, count, options.filter);
    // hnswlib reports 1 − similarity in both spaces.
    return { items: Uint32Array.from(neighbors), scores: Float32Array.from(distances, (distance) => 1 - distance) };
  }

  /** The index as bytes, for a model bundle. hnswlib only writes files, so this goes through a private temp directory. */
  async toBuffer(): Promise<Buffer> {
    return withTempFile(async (file) => {
      await this.graph.writeIndex(file);
      const body = await readFile(file);
      const header = Buffer.alloc(HEADER_BYTES);
      header.writeUInt32LE(MAGIC, 0);
      header.writeUInt16LE(FORMAT_VERSION, 4);
      header.writeUInt16LE(SPACE_CODES.indexOf(this.space), 6);
      header.writeUInt32LE(this.dims, 8);
      header.writeUInt32LE(this.ef, 12);
      return Buffer.concat([header, body]);
    });
  }
}

/**
 * Maximum inner product search is not a nearest-neighbour problem: an item with a long vector
 * beats closer ones, and HNSW's greedy walk, built for distances, misses such items (on 50,000
 * clustered vectors of varying norm, recall@50 at ef 400 was 0.95 searched as they are, 0.99
 * lifted). Lifting every item to [x, sqrt(M² − |x|²)], with M the largest norm, puts all items
 * on one sphere, where inner product order is distance order (Bachrach et al. 2014); the query
 * gets a zero coordinate, so its inner products do not change.
 */
function equalNormLift(vectors: Float32Array, dims: number): (row: Float32Array) => number[] {
  let maxSquaredNorm = 0;
  for (let offset = 0; offset < vectors.length; offset += dims) maxSquaredNorm = Math.max(maxSquaredNorm, squaredNorm(vectors.subarray(offset, offset + dims)));
  return (row) => {
    const point = Array.from(row);
    point.push(Math.sqrt(Math.max(0, maxSquaredNorm - squaredNorm(row))));
    return point;
  };
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
  for (let item = 0; item < scores.length; item++) {
    const offset = item * dims;
    let dot = 0;
    for (let d = 0; d < dims; d++) dot += vectors[offset + d]! * query[d]!;
    scores[item] = dot;
  }
  return scores;
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
 */
export function measureRecall(index: AnnIndex, vectors: Float32Array, queries: Float32Array, k: number, ef: number): number {
  return recallAt(index, queries, exactNeighbours(index, vectors, queries, k), ef);
}

/**
 * Raises the index's serving `ef` (doubling, up to `maxEf`) until recall@k reaches `target`, and
 * returns the `ef` kept and its recall. Inner-product graphs over vectors of very unequal norms
 * need far more candidates than the default to find the true top k.
 */
export function tuneServingEf(index: AnnIndex, vectors: Float32Array, queries: Float32Array, k: number, target = 0.95, maxEf = 800): { ef: number; recall: number } {
  const exact = exactNeighbours(index, vectors, queries, k);
  let ef = index.ef;
  let recall = recallAt(index, queries, exact, ef);
  while (recall < target && ef < maxEf) {
    ef = Math.min(maxEf, ef * 2);
    recall = recallAt(index, queries, exact, ef);
  }
  index.setServingEf(ef);
  return { ef, recall };
}

/** Per query, the exact top k by brute force: the ground truth recall is measured against. */
function exactNeighbours(index: AnnIndex, vectors: Float32Array, queries: Float32Array, k: number): Set<number>[] {
  const { dims } = index;
  const count = Math.min(k, index.size);
  const comparable = index.space === 'cosine' ? unitRows(vectors, dims) : vectors;
  return Array.from({ length: queries.length / dims }, (_, q) => new Set(exactSearch(comparable, dims, queries.subarray(q * dims, (q + 1) * dims), count).items));
}

function recallAt(index: AnnIndex, queries: Float32Array, exact: Set<number>[], ef: number): number {
  const { dims } = index;
  let found = 0;
  let wanted = 0;
  exact.forEach((truth, q) => {
    wanted += truth.size;
    for (const item of index.search(queries.subarray(q * dims, (q + 1) * dims), truth.size, { ef }).items) if (truth.has(item)) found++;
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
