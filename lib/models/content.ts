import { z } from 'zod';
import { Random } from '@/lib/math/random';
import { exactSearch, innerProducts, type RankedItems } from './ann';
import type { CatalogItem } from './data';
import { normalizeLabel, tokenize } from './text';
import type { ItemScorer, UserHistory } from './types';

/**
 * The content model: what items are about, from their text alone. Each item becomes a TF-IDF
 * vector over title and description words plus whole-label tag and category tokens, and a
 * truncated randomized SVD (Halko, Martinsson & Tropp 2011) folds those into a few dense
 * dimensions where related vocabulary lands close together.
 *
 * The model keeps the vocabulary, idf and the projection from TF-IDF space to the dense space,
 * not just the item vectors, so an item added after training is embedded on request with exactly
 * the arithmetic training used: the same text gives the same vector.
 */

export const contentParamsSchema = z
  .object({
    dims: z.number().int().min(1).max(512).default(64),
    /** Words seen in fewer items are noise for similarity and would only bloat the projection. */
    minDocumentFrequency: z.number().int().min(1).default(2),
    /** Bounds the projection (vocabulary × dims floats) in the model bundle: 20,000 × 64 is 5 MB. */
    maxVocabulary: z.number().int().min(1).max(1_000_000).default(20_000),
    /** Field weights: curated labels say more about an item than any one word of its blurb. */
    titleWeight: z.number().min(0).default(2),
    descriptionWeight: z.number().min(0).default(1),
    tagWeight: z.number().min(0).default(3),
    categoryWeight: z.number().min(0).default(3),
    /** Extra random directions beyond `dims`: they catch what a bare `dims` sample would leak. */
    oversampling: z.number().int().min(0).max(256).default(10),
    /** Each pass sharpens the separation of leading from trailing singular vectors. */
    powerIterations: z.number().int().min(0).max(10).default(2),
    seed: z.number().int().min(0).max(2 ** 32 - 1).default(42),
  })
  .strict();

export type ContentParams = z.infer<typeof contentParamsSchema>;

export interface FieldWeights {
  title: number;
  description: number;
  tag: number;
  category: number;
}

/** Everything needed to embed an item: plain numbers, strings and typed arrays, so it packs into a model bundle. */
export interface ContentModel {
  dims: number;
  fieldWeights: FieldWeights;
  /** Word tokens as they are, tags as `tag:<label>`, categories as `cat:<label>`. */
  vocabulary: string[];
  /** Aligned with `vocabulary`. */
  idf: Float32Array;
  /** vocabulary × dims, row-major: TF-IDF space to the dense space. */
  projection: Float32Array;
}

export interface ContentTraining {
  model: ContentModel;
  /** items × dims, row-major, each row unit length (zero for an item with no known term). */
  vectors: Float32Array;
  /** Share of the TF-IDF matrix's squared norm the kept dimensions capture: how much the reduction loses. */
  capturedEnergy: number;
}

const TAG_PREFIX = 'tag:';
const CATEGORY_PREFIX = 'cat:';

export function trainContentModel(items: readonly CatalogItem[], input: z.input<typeof contentParamsSchema> = {}): ContentTraining {
  const params = contentParamsSchema.parse(input);
  const fieldWeights = fieldWeightsOf(params);
  const corpus = tokenizeCorpus(items, fieldWeights);
  const { vocabulary, idf, termMap } = buildVocabulary(corpus, params);
  const rows = termRows(corpus, termMap);
  const { projection, capturedEnergy } = truncatedSvdProjection(tfidfMatrix(rows, idf), params);
  const model: ContentModel = { dims: params.dims, fieldWeights, vocabulary, idf, projection };
  const vectors = new Float32Array(items.length * params.dims);
  for (let item = 0; item < items.length; item++) {
    const start = rows.indptr[item]!;
    const end = rows.indptr[item + 1]!;
    embedTerms(model, rows.terms.subarray(start, end), rows.weights.subarray(start, end), vectorAt(vectors, params.dims, item));
  }
  return { model, vectors, capturedEnergy };
}

/** A unit vector for any item, trained or not; identical to the training vector for the same text. */
export function embedItem(model: ContentModel, item: CatalogItem): Float32Array {
  return embedWeightedTerms(model, itemTerms(item, model.fieldWeights));
}

/** The item's row of a vectors matrix, as a view. */
export function vectorAt(vectors: Float32Array, dims: number, item: number): Float32Array {
  return vectors.subarray(item * dims, (item + 1) * dims);
}

/**
 * The `n` items closest in content to a trained item (by index, which is left out) or to any
 * item's text. Exact cosine over every vector: fine for small catalogues; large ones query the
 * ANN index over the same vectors instead.
 */
export function similarByContent(model: ContentModel, vectors: Float32Array, item: number | CatalogItem, n: number): RankedItems {
  if (typeof item === 'number') return exactSearch(vectors, model.dims, vectorAt(vectors, model.dims, item), n, item);
  return exactSearch(vectors, model.dims, embedItem(model, item), n);
}

/** Where a user's history sits in content space: the strength-weighted mean of its item vectors, unit length. */
export function profileFromHistory(model: ContentModel, vectors: Float32Array, history: UserHistory): Float32Array {
  const profile = new Float32Array(model.dims);
  const sum = new Float64Array(model.dims);
  for (let k = 0; k < history.items.length; k++) {
    const strength = history.strengths[k]!;
    if (!(strength > 0)) continue;
    const offset = history.items[k]! * model.dims;
    for (let d = 0; d < model.dims; d++) sum[d]! += strength * vectors[offset + d]!;
  }
  return normalizeInto(sum, profile);
}

/**
 * A profile for a user with no history, from the categories they said they like: a pseudo-item
 * carrying each category as both category and tag (datasets often list secondary genres only
 * as tags), plus any string-valued preference attributes as tags.
 */
export function profileFromPreferences(model: ContentModel, categories: readonly string[], attributes: Record<string, unknown> = {}): Float32Array {
  const labels = Object.values(attributes).flatMap((value) => (typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((entry) => typeof entry === 'string') : []));
  const terms = new Map<string, number>();
  for (const category of categories) {
    addTerm(terms, CATEGORY_PREFIX + normalizeLabel(category), model.fieldWeights.category);
    addTerm(terms, TAG_PREFIX + normalizeLabel(category), model.fieldWeights.tag);
  }
  for (const label of labels) addTerm(terms, TAG_PREFIX + normalizeLabel(label), model.fieldWeights.tag);
  return embedWeightedTerms(model, terms);
}

/** "Content alone", for offline evaluation: every item scored by cosine to the user's history profile. */
export function contentScorer(model: ContentModel, vectors: Float32Array): ItemScorer {
  return {
    name: 'content',
    scoreItems(_user, history, out) {
      out.set(innerProducts(vectors, model.dims, profileFromHistory(model, vectors, history)));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Terms

function fieldWeightsOf(params: ContentParams): FieldWeights {
  return { title: params.titleWeight, description: params.descriptionWeight, tag: params.tagWeight, category: params.categoryWeight };
}

/**
 * An item's terms with their weights: per field, sublinear term frequency (1 + ln count, so a
 * word repeated five times counts about 2.6 times, not 5) times the field's weight, summed over
 * fields. Fields are always visited in the same order, so the same text gives the same floats.
 */
function itemTerms(item: CatalogItem, weights: FieldWeights): Map<string, number> {
  const terms = new Map<string, number>();
  addField(terms, tokenize(item.title), weights.title);
  addField(terms, tokenize(item.description), weights.description);
  // A set: a tag listed twice is still one label, not a stronger one.
  addField(terms, [...new Set(item.tags.map((tag) => TAG_PREFIX + normalizeLabel(tag)))], weights.tag);
  if (item.category !== null) addField(terms, [CATEGORY_PREFIX + normalizeLabel(item.category)], weights.category);
  return terms;
}

function addField(terms: Map<string, number>, tokens: readonly string[], weight: number): void {
  if (weight === 0 || tokens.length === 0) return;
  const counts = new Map<string, number>();
  for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
  for (const [token, count] of counts) addTerm(terms, token, weight * (1 + Math.log(count)));
}

function addTerm(terms: Map<string, number>, term: string, weight: number): void {
  if (weight > 0) terms.set(term, (terms.get(term) ?? 0) + weight);
}

/** Every item's terms under provisional ids (one per distinct token), flat, so 100,000 items are not 100,000 maps. */
interface TokenizedCorpus {
  tokens: string[];
  indptr: Uint32Array;
  tokenIds: Uint32Array;
  weights: Float64Array;
}

function tokenizeCorpus(items: readonly CatalogItem[], weights: FieldWeights): TokenizedCorpus {
  const tokenIndex = new Map<string, number>();
  const tokens: string[] = [];
  const indptr = new Uint32Array(items.length + 1);
  const tokenIds: number[] = [];
  const termWeights: number[] = [];
  items.forEach((item, position) => {
    for (const [token, weight] of itemTerms(item, weights)) {
      let id = tokenIndex.get(token);
      if (id === undefined) {
        id = tokens.length;
        tokens.push(token);
        tokenIndex.set(token, id);
      }
      tokenIds.push(id);
      termWeights.push(weight);
    }
    indptr[position + 1] = tokenIds.length;
  });
  return { tokens, indptr, tokenIds: Uint32Array.from(tokenIds), weights: Float64Array.from(termWeights) };
}

interface Vocabulary {
  vocabulary: string[];
  idf: Float32Array;
  /** Provisional token id → vocabulary index, -1 for tokens left out. */
  termMap: Int32Array;
}

/**
 * The tokens in at least `minDocumentFrequency` items, the most widespread first up to
 * `maxVocabulary` (ties by code-unit order, so the vocabulary never depends on the machine).
 * Idf is ln((1 + n) / (1 + df)): without scikit-learn's extra +1, because a term every item
 * has says nothing about which items are alike, and the +1 would keep shared categories and
 * common tags close enough to a rare tag to outvote it.
 */
function buildVocabulary(corpus: TokenizedCorpus, params: ContentParams): Vocabulary {
  const itemCount = corpus.indptr.length - 1;
  const documentFrequency = new Uint32Array(corpus.tokens.length);
  // Within an item each token appears once (terms come from a map), so counting entries counts items.
  for (const id of corpus.tokenIds) documentFrequency[id]! += 1;
  const kept = Array.from(corpus.tokens.keys())
    .filter((id) => documentFrequency[id]! >= params.minDocumentFrequency)
    .sort((a, b) => documentFrequency[b]! - documentFrequency[a]! || (corpus.tokens[a]! < corpus.tokens[b]! ? -1 : 1))
    .slice(0, params.maxVocabulary);
  const termMap = new Int32Array(corpus.tokens.length).fill(-1);
  const idf = new Float32Array(kept.length);
  kept.forEach((id, term) => {
    termMap[id] = term;
    idf[term] = Math.log((1 + itemCount) / (1 + documentFrequency[id]!));
  });
  return { vocabulary: kept.map((id) => corpus.tokens[id]!), idf, termMap };
}

/** Each item's vocabulary terms, ascending, with their field-weighted frequencies (CSR). */
interface TermRows {
  indptr: Uint32Array;
  terms: Uint32Array;
  weights: Float64Array;
}

function termRows(corpus: TokenizedCorpus, termMap: Int32Array): TermRows {
  const itemCount = corpus.indptr.length - 1;
  const indptr = new Uint32Array(itemCount + 1);
  const terms = new Uint32Array(corpus.tokenIds.length);
  const weights = new Float64Array(corpus.tokenIds.length);
  let filled = 0;
  for (let item = 0; item < itemCount; item++) {
    const rowStart = filled;
    for (let k = corpus.indptr[item]!; k < corpus.indptr[item + 1]!; k++) {
      const term = termMap[corpus.tokenIds[k]!]!;
      if (term < 0) continue;
      terms[filled] = term;
      weights[filled] = corpus.weights[k]!;
      filled++;
    }
    sortRowByTerm(terms, weights, rowStart, filled);
    indptr[item + 1] = filled;
  }
  return { indptr, terms: terms.slice(0, filled), weights: weights.slice(0, filled) };
}

/** Insertion sort: rows are a few dozen terms. */
function sortRowByTerm(terms: Uint32Array, weights: Float64Array, start: number, end: number): void {
  for (let i = start + 1; i < end; i++) {
    const term = terms[i]!;
    const weight = weights[i]!;
    let j = i - 1;
    for (; j >= start && terms[j]! > term; j--) {
      terms[j + 1] = terms[j]!;
      weights[j + 1] = weights[j]!;
    }
    terms[j + 1] = term;
    weights[j + 1] = weight;
  }
}

// ---------------------------------------------------------------------------------------------
// Embedding

function embedWeightedTerms(model: ContentModel, terms: Map<string, number>): Float32Array {
  const index = termIndexOf(model);
  const known: [number, number][] = [];
  for (const [token, weight] of terms) {
    const term = index.get(token);
    if (term !== undefined) known.push([term, weight]);
  }
  // Ascending terms, as in training: the sums then add up in the same order and agree to the bit.
  known.sort((a, b) => a[0] - b[0]);
  const vector = new Float32Array(model.dims);
  embedTerms(
    model,
    known.map(([term]) => term),
    known.map(([, weight]) => weight),
    vector,
  );
  return vector;
}

const termIndexes = new WeakMap<ContentModel, Map<string, number>>();

/** Token → vocabulary index, built once per model on first use. */
function termIndexOf(model: ContentModel): Map<string, number> {
  let index = termIndexes.get(model);
  if (!index) {
    index = new Map(model.vocabulary.map((token, term) => [token, term]));
    termIndexes.set(model, index);
  }
  return index;
}

/** The one embedding routine, shared by training and request time: unit TF-IDF row, projected, normalised. */
function embedTerms(model: ContentModel, terms: ArrayLike<number>, weights: ArrayLike<number>, out: Float32Array): void {
  const { dims, projection } = model;
  const tfidf = unitTfidf(model.idf, terms, weights);
  const sum = new Float64Array(dims);
  for (let k = 0; k < terms.length; k++) {
    const value = tfidf[k]!;
    const offset = terms[k]! * dims;
    for (let d = 0; d < dims; d++) sum[d]! += value * projection[offset + d]!;
  }
  normalizeInto(sum, out);
}

function unitTfidf(idf: Float32Array, terms: ArrayLike<number>, weights: ArrayLike<number>): Float64Array {
  const values = new Float64Array(terms.length);
  let squares = 0;
  for (let k = 0; k < terms.length; k++) {
    values[k] = weights[k]! * idf[terms[k]!]!;
    squares += values[k]! * values[k]!;
  }
  if (squares > 0) {
    const scale = 1 / Math.sqrt(squares);
    for (let k = 0; k < values.length; k++) values[k]! *= scale;
  }
  return values;
}

function normalizeInto(source: Float64Array, out: Float32Array): Float32Array {
  let squares = 0;
  for (let d = 0; d < source.length; d++) squares += source[d]! * source[d]!;
  const scale = squares > 0 ? 1 / Math.sqrt(squares) : 0;
  for (let d = 0; d < source.length; d++) out[d] = source[d]! * scale;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Truncated randomized SVD

/** Unit TF-IDF rows in CSR, single precision: the SVD needs the subspace, not the last bits. */
interface TfidfMatrix {
  rows: number;
  cols: number;
  indptr: Uint32Array;
  indices: Uint32Array;
  values: Float32Array;
}

function tfidfMatrix(rows: TermRows, idf: Float32Array): TfidfMatrix {
  const values = new Float32Array(rows.terms.length);
  const itemCount = rows.indptr.length - 1;
  for (let item = 0; item < itemCount; item++) {
    const start = rows.indptr[item]!;
    const end = rows.indptr[item + 1]!;
    values.set(unitTfidf(idf, rows.terms.subarray(start, end), rows.weights.subarray(start, end)), start);
  }
  return { rows: itemCount, cols: idf.length, indptr: rows.indptr, indices: rows.terms, values };
}

/** rows × cols, row-major. */
interface ColumnBlock {
  values: Float64Array;
  cols: number;
}

/** Eigen- and singular values below this share of the largest are rounding noise, not directions. */
const RANK_TOLERANCE = 1e-12;

/**
 * The top right singular vectors of A (items × terms) as a terms × dims projection. Works in
 * term space throughout: a random sample of its range, sharpened by power iterations on AᵀA,
 * re-orthonormalised after each so small singular directions are not lost to rounding, then
 * the small eigenproblem of the projected AᵀA. Orthonormalising terms × l matrices, never
 * items × l ones, keeps the cost with the vocabulary rather than the catalogue. Components
 * beyond the matrix's rank stay zero.
 */
function truncatedSvdProjection(matrix: TfidfMatrix, params: ContentParams): { projection: Float32Array; capturedEnergy: number } {
  const { dims } = params;
  const projection = new Float32Array(matrix.cols * dims);
  const sampleWidth = Math.min(dims + params.oversampling, matrix.cols, matrix.rows);
  if (sampleWidth === 0) return { projection, capturedEnergy: 0 };

  const random = new Random(params.seed);
  // A Gaussian sample is already well conditioned: it needs no orthonormalising before the first product.
  let basis: ColumnBlock = { values: Float64Array.from({ length: matrix.cols * sampleWidth }, () => random.normal()), cols: sampleWidth };
  for (let pass = 0; pass <= params.powerIterations; pass++) {
    basis = orthonormalColumns(gramTimes(matrix, basis.values, basis.cols), matrix.cols, basis.cols);
  }
  basis = orthonormalColumns(basis.values, matrix.cols, basis.cols);
  const width = basis.cols;
  const projectedGram = transposeTimes(basis.values, gramTimes(matrix, basis.values, width), matrix.cols, width);
  const { values: eigenvalues, vectors: rotation } = symmetricEigen(projectedGram, width);

  let captured = 0;
  const kept = Math.min(dims, width);
  for (let component = 0; component < kept; component++) {
    if (!(eigenvalues[component]! > RANK_TOLERANCE * eigenvalues[0]!)) break;
    captured += eigenvalues[component]!;
    for (let term = 0; term < matrix.cols; term++) {
      let value = 0;
      for (let j = 0; j < width; j++) value += basis.values[term * width + j]! * rotation[j * width + component]!;
      projection[term * dims + component] = value;
    }
  }
  return { projection, capturedEnergy: captured / frobeniusSquared(matrix) };
}

/** AᵀA X for X of `width` columns (terms × width, row-major), without forming AᵀA. */
function gramTimes(matrix: TfidfMatrix, x: Float64Array, width: number): Float64Array {
  const result = new Float64Array(matrix.cols * width);
  const row = new Float64Array(width);
  for (let item = 0; item < matrix.rows; item++) {
    const start = matrix.indptr[item]!;
    const end = matrix.indptr[item + 1]!;
    if (start === end) continue;
    row.fill(0);
    for (let k = start; k < end; k++) {
      const value = matrix.values[k]!;
      const offset = matrix.indices[k]! * width;
      for (let j = 0; j < width; j++) row[j]! += value * x[offset + j]!;
    }
    for (let k = start; k < end; k++) {
      const value = matrix.values[k]!;
      const offset = matrix.indices[k]! * width;
      for (let j = 0; j < width; j++) result[offset + j]! += value * row[j]!;
    }
  }
  return result;
}

/** Xᵀ Y for two rows × width row-major matrices. */
function transposeTimes(x: Float64Array, y: Float64Array, rows: number, width: number): Float64Array {
  const product = new Float64Array(width * width);
  for (let r = 0; r < rows; r++) {
    const offset = r * width;
    for (let a = 0; a < width; a++) {
      const xa = x[offset + a]!;
      if (xa === 0) continue;
      const productRow = a * width;
      for (let b = 0; b < width; b++) product[productRow + b]! += xa * y[offset + b]!;
    }
  }
  return product;
}

/** MᵀM, accumulating only the upper triangle (half the work) and mirroring it. */
function gram(matrix: Float64Array, rows: number, width: number): Float64Array {
  const product = new Float64Array(width * width);
  for (let r = 0; r < rows; r++) {
    const offset = r * width;
    for (let a = 0; a < width; a++) {
      const ma = matrix[offset + a]!;
      if (ma === 0) continue;
      const productRow = a * width;
      for (let b = a; b < width; b++) product[productRow + b]! += ma * matrix[offset + b]!;
    }
  }
  for (let a = 0; a < width; a++) {
    for (let b = 0; b < a; b++) product[a * width + b] = product[b * width + a]!;
  }
  return product;
}

/**
 * An orthonormal basis for the columns of M (rows × cols) through the eigen-decomposition of
 * MᵀM: Q = M W Λ^(-1/2). Directions with (numerically) zero eigenvalue are dropped, so a
 * rank-deficient M yields fewer columns. One pass leaves an error of about cond(M)² × machine
 * epsilon, harmless between power iterations (they only need the span, at a sane scale); the
 * final basis gets a second pass, on a nearly orthonormal input, which removes it.
 */
function orthonormalColumns(matrix: Float64Array, rows: number, cols: number): ColumnBlock {
  const { values: eigenvalues, vectors } = symmetricEigen(gram(matrix, rows, cols), cols);
  let rank = 0;
  while (rank < cols && eigenvalues[rank]! > RANK_TOLERANCE * eigenvalues[0]!) rank++;
  const mixing = new Float64Array(cols * rank);
  for (let a = 0; a < cols; a++) {
    for (let j = 0; j < rank; j++) mixing[a * rank + j] = vectors[a * cols + j]! / Math.sqrt(eigenvalues[j]!);
  }
  const result = new Float64Array(rows * rank);
  for (let r = 0; r < rows; r++) {
    const resultRow = r * rank;
    for (let a = 0; a < cols; a++) {
      const value = matrix[r * cols + a]!;
      if (value === 0) continue;
      const mixingRow = a * rank;
      for (let j = 0; j < rank; j++) result[resultRow + j]! += value * mixing[mixingRow + j]!;
    }
  }
  return { values: result, cols: rank };
}

function frobeniusSquared(matrix: TfidfMatrix): number {
  let sum = 0;
  for (const value of matrix.values) sum += value * value;
  return sum;
}

const JACOBI_MAX_SWEEPS = 64;
/** Off-diagonal share of the squared norm at which to stop: entries below 1e-12 of the diagonal's. */
const JACOBI_TOLERANCE = 1e-24;

/**
 * Eigenvalues (descending) and eigenvectors (columns of a row-major size × size matrix) of a
 * small symmetric matrix, by cyclic Jacobi rotations: simple, and accurate to rounding for the
 * few-dozen-wide matrices the SVD produces.
 */
export function symmetricEigen(symmetric: Float64Array, size: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(symmetric);
  const v = new Float64Array(size * size);
  for (let i = 0; i < size; i++) v[i * size + i] = 1;
  for (let sweep = 0; sweep < JACOBI_MAX_SWEEPS && offDiagonalShare(a, size) > JACOBI_TOLERANCE; sweep++) {
    for (let p = 0; p < size - 1; p++) {
      for (let q = p + 1; q < size; q++) rotate(a, v, size, p, q);
    }
  }
  const order = Array.from({ length: size }, (_, i) => i).sort((i, j) => a[j * size + j]! - a[i * size + i]!);
  const values = Float64Array.from(order, (i) => a[i * size + i]!);
  const vectors = new Float64Array(size * size);
  order.forEach((source, target) => {
    for (let row = 0; row < size; row++) vectors[row * size + target] = v[row * size + source]!;
  });
  return { values, vectors };
}

function offDiagonalShare(a: Float64Array, size: number): number {
  let off = 0;
  let total = 0;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const square = a[i * size + j]! * a[i * size + j]!;
      total += square;
      if (i !== j) off += square;
    }
  }
  return total > 0 ? off / total : 0;
}

/** One Jacobi rotation in the (p, q) plane that zeroes a[p][q], applied to A from both sides and to V from the right. */
function rotate(a: Float64Array, v: Float64Array, size: number, p: number, q: number): void {
  const apq = a[p * size + q]!;
  if (apq === 0) return;
  const theta = (a[q * size + q]! - a[p * size + p]!) / (2 * apq);
  const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < size; k++) {
    const akp = a[k * size + p]!;
    const akq = a[k * size + q]!;
    a[k * size + p] = c * akp - s * akq;
    a[k * size + q] = s * akp + c * akq;
  }
  for (let k = 0; k < size; k++) {
    const apk = a[p * size + k]!;
    const aqk = a[q * size + k]!;
    a[p * size + k] = c * apk - s * aqk;
    a[q * size + k] = s * apk + c * aqk;
  }
  for (let k = 0; k < size; k++) {
    const vkp = v[k * size + p]!;
    const vkq = v[k * size + q]!;
    v[k * size + p] = c * vkp - s * vkq;
    v[k * size + q] = s * vkp + c * vkq;
  }
}
