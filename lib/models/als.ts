/**
 * Implicit-feedback matrix factorisation (Hu, Koren & Volinsky 2008): every user-item pair is
 * a 0/1 preference, weighted by confidence 1 + scaled strength where an interaction exists and
 * 1 elsewhere, fitted by alternating least squares. Each half-step solves every row's normal
 * equations approximately with a few conjugate-gradient steps warm-started from the previous
 * factor (Takács, Pilászy & Tikk 2011; the `implicit` library), touching only the row's
 * nonzeros.
 *
 * Two changes from `implicit`. CG runs preconditioned by G = YᵀY + λI, the part every row
 * shares: with G = L·Lᵀ and the other side's factors mapped once to ỹ = L⁻¹y, a row's system
 * becomes (I + Σ (c−1)·ỹỹᵀ)·x̃ = Σ c·ỹ, so a CG step costs only the row's nonzeros instead of a
 * k×k product, and every eigenvalue but nnz of them is 1. The price is two triangular products
 * per row (x̃ = Lᵀx in, x = L⁻ᵀx̃ out). And rows with few nonzeros, most of them in sparse data,
 * are solved exactly, which is cheaper than CG for them (see `RowSolver`).
 */
import { z } from 'zod';
import {
  addGramLower,
  axpy,
  choleskyFactor,
  choleskySolve,
  dot,
  dotRows,
  addScaledRows,
  inverseTransposedFactor,
  multiplyRowsByTriangular,
  transposed,
} from '@/lib/math/linalg';
import { Random } from '@/lib/math/random';
import { SIGNAL_SCALES } from './signal-scale';
import type { SparseMatrix } from './sparse';
import type { ItemScorer, UserHistory } from './types';


/**
 * `auto` calls the signal count-valued when the 99th percentile of the pairs' strengths is this
 * many times their median: ratings and weighted events stay within a few times their median
 * (ml-latest-small: 1.4), play counts run to hundreds of times theirs.
 */
export const HEAVY_TAIL_RATIO = 20;

export const alsParamsSchema = z
  .object({
    factors: z.number().int().min(1).max(512).default(64),
    iterations: z.number().int().min(1).max(500).default(15),
    /**
     * λ on every factor; positive, since G = YᵀY + λI is factored. It weighs against the
     * confidence of a row's interactions, so it should grow with alpha. On ml-latest-small
     * (ratings as strengths, alpha 1) NDCG@10 rose from 0.30 at λ = 0.01 to 0.37–0.38 at 20–30.
     */
    regularization: z.number().positive().default(20),
    /** Confidence slope: c = 1 + alpha·strength, or 1 + alpha·log(1 + strength/logEpsilon). */
    alpha: z.number().positive().default(1),
    /** How a pair's summed strength becomes confidence; `auto` reads the data (see `resolvedAlsParams`). */
    confidence: z.enum(SIGNAL_SCALES).default('auto'),
    logEpsilon: z.number().positive().default(1),
    /** CG steps per row and half-step, for rows too long to solve exactly. */
    cgSteps: z.number().int().min(1).max(64).default(3),
    seed: z.number().int().default(42),
  })
  .strict();

export type AlsParams = z.infer<typeof alsParamsSchema>;
export type AlsParamsInput = z.input<typeof alsParamsSchema>;

export interface AlsModel {
  factors: number;
  /** users × factors, row-major. */
  userFactors: Float32Array;
  /** items × factors, row-major. */
  itemFactors: Float32Array;
}

/** Initial factors are small: the first half-step is then driven by the data, not the noise. */
const INITIAL_SCALE = 0.01;
/** A squared residual this small means the row has converged; more steps would only add rounding. */
const CONVERGED = 1e-20;
/** Rows per chunk where a whole-matrix temporary in another precision would be a memory spike. */
const CHUNK_ROWS = 1024;

/**
 * `matrix` is users × items with positive strengths, as in `TrainingData.positives`. With
 * `warmStart` (a model of the same items and factor count, e.g. fit on most of the same data),
 * the item factors start from it, so a few iterations reach what many would from noise.
 */
export function trainAls(matrix: SparseMatrix, paramsInput: AlsParamsInput, onProgress?: (iteration: number, total: number) => void, warmStart?: AlsModel): AlsModel {
  const params = resolvedAlsParams(matrix, alsParamsSchema.parse(paramsInput));
  const k = params.factors;
  const byUser = matrix.withValues((strength) => confidenceExcess(strength, params));
  const byItem = byUser.transpose();
  // Double precision while training, so CG's small corrections are not rounded away.
  const users = randomFactors(matrix.rows, k, new Random(params.seed, 0));
  const warm = warmStart && warmStart.factors === k && warmStart.itemFactors.length === matrix.cols * k;
  // Users are solved first, from the items: only the item factors need a starting point.
  const items = warm ? Float64Array.from(warmStart.itemFactors) : randomFactors(matrix.cols, k, new Random(params.seed, 1));
  // Single precision: CG gathers these rows from all over memory, and half the bytes is half the wait.
  const whitened = new Float32Array(Math.max(matrix.rows, matrix.cols) * k);
  for (let iteration = 1; iteration <= params.iterations; iteration++) {
    halfStep(byUser, users, items, whitened, params);
    halfStep(byItem, items, users, whitened, params);
    onProgress?.(iteration, params.iterations);
  }
  return { factors: k, userFactors: Float32Array.from(users), itemFactors: Float32Array.from(items) };
}

/** The parameters with `auto` confidence settled by the matrix's strengths: what training uses and the model keeps for folding in. */
export function resolvedAlsParams(matrix: SparseMatrix, params: AlsParams): AlsParams {
  if (params.confidence !== 'auto') return params;
  const strengths = matrix.values.filter((value) => value > 0).sort();
  if (strengths.length === 0) return { ...params, confidence: 'linear' };
  const at = (share: number) => strengths[Math.min(strengths.length - 1, Math.floor(share * strengths.length))]!;
  return { ...params, confidence: at(0.99) >= HEAVY_TAIL_RATIO * at(0.5) ? 'log' : 'linear' };
}

/** c − 1 for an interaction of this strength: the extra weight it earns over an unseen pair. */
function confidenceExcess(strength: number, params: AlsParams): number {
  return params.confidence === 'log' ? params.alpha * Math.log1p(strength / params.logEpsilon) : params.alpha * strength;
}

function randomFactors(rows: number, k: number, random: Random): Float64Array {
  return Float64Array.from({ length: rows * k }, () => random.normal(0, INITIAL_SCALE));
}

/**
 * Updates every row of `solved` (rows of `matrix`, values c − 1) against `fixed` (its columns).
 * With G = YᵀY + λI = L·Lᵀ, the fixed rows are whitened to ỹ = L⁻¹y and each solved row's
 * system becomes (I + Σ e·ỹỹᵀ)·x̃ = Σ (1 + e)·ỹ in x̃ = Lᵀx. Long rows run CG from their
 * previous factor; short rows are solved exactly, which costs them less (see `RowSolver`).
 */
function halfStep(matrix: SparseMatrix, solved: Float64Array, fixed: Float64Array, whitened: Float32Array, params: AlsParams): void {
  const k = params.factors;
  const factor = new Float64Array(k * k);
  addGramLower(fixed, matrix.cols, k, factor);
  for (let f = 0; f < k; f++) factor[f * k + f]! += params.regularization;
  choleskyFactor(factor, k);
  const inverseTransposed = inverseTransposedFactor(factor, k);

  whiten(fixed, matrix.cols, k, transposed(inverseTransposed, k), whitened);
  const solver = new RowSolver(k, whitened, params.cgSteps);
  const warmStarted = rowsWhere(matrix, (length) => !solver.solvesExactly(length));
  multiplyRowsByTriangular(solved, warmStarted, k, transposed(factor, k), 'upper');
  for (let row = 0; row < matrix.rows; row++) solver.solve(solved, row * k, matrix.rowIndices(row), matrix.rowValues(row));
  multiplyRowsByTriangular(solved, rowRange(matrix.rows), k, inverseTransposed, 'upper');
}

const rowRange = (count: number) => Uint32Array.from({ length: count }, (_, row) => row);

/** out = rows·L⁻ᵀ (each row y to L⁻¹y), computed in double precision a chunk at a time. */
function whiten(rows: Float64Array, rowCount: number, k: number, inverseFactor: Float64Array, out: Float32Array): void {
  const chunk = new Float64Array(CHUNK_ROWS * k);
  const chunkRows = rowRange(CHUNK_ROWS);
  for (let start = 0; start < rowCount; start += CHUNK_ROWS) {
    const count = Math.min(CHUNK_ROWS, rowCount - start);
    chunk.set(rows.subarray(start * k, (start + count) * k));
    multiplyRowsByTriangular(chunk, chunkRows.subarray(0, count), k, inverseFactor, 'lower');
    out.set(chunk.subarray(0, count * k), start * k);
  }
}

function rowsWhere(matrix: SparseMatrix, keep: (length: number) => boolean): Uint32Array {
  const rows: number[] = [];
  for (let row = 0; row < matrix.rows; row++) if (keep(matrix.rowLength(row))) rows.push(row);
  return Uint32Array.from(rows);
}

/**
 * Solves one row's whitened system, (I + Σ e·ỹỹᵀ)·x̃ = Σ (1 + e)·ỹ, e being each nonzero's
 * confidence excess and ỹ its whitened factor, in place in x̃.
 *
 * A row with n nonzeros can be solved exactly in the span of its ỹ: x̃ = Ỹᵀα with
 * (I + E·S)·α = c, S = ỸỸᵀ, for about n²k/2 + n³/6 multiply-adds. CG costs k²/2 to move the
 * warm start into whitened coordinates plus 2nk per step. Rows short enough for the exact
 * solve to be cheaper get it; the rest get CG.
 */
class RowSolver {
  /** The longest row solved exactly. */
  private readonly exactLimit: number;
  private readonly residual: Float64Array;
  private readonly row: Float64Array;
  private readonly direction: Float64Array;
  private readonly product: Float64Array;
  /** Per nonzero: its ỹ's product with a vector, then the weight its ỹ is added with. */
  private weights: Float64Array;
  private readonly similarity: Float64Array;
  private readonly system: Float64Array;
  private readonly rootExcess: Float64Array;
  private readonly confidence: Float64Array;

  constructor(
    private readonly k: number,
    private readonly whitened: Float32Array,
    private readonly cgSteps: number,
  ) {
    let limit = 0;
    while (exactCost(limit + 1, k) <= conjugateGradientCost(limit + 1, k, cgSteps)) limit++;
    this.exactLimit = limit;
    this.residual = new Float64Array(k);
    this.row = new Float64Array(k);
    this.direction = new Float64Array(k);
    this.product = new Float64Array(k);
    this.weights = new Float64Array(Math.max(limit, 64));
    this.similarity = new Float64Array(limit * limit);
    this.system = new Float64Array(limit * limit);
    this.rootExcess = new Float64Array(limit);
    this.confidence = new Float64Array(limit);
  }

  solvesExactly(rowLength: number): boolean {
    return rowLength <= this.exactLimit;
  }

  solve(x: Float64Array, xOffset: number, columns: Uint32Array, excess: Float32Array): void {
    if (this.weights.length < columns.length) this.weights = new Float64Array(columns.length);
    if (this.solvesExactly(columns.length)) this.solveExactly(x, xOffset, columns, excess);
    else this.conjugateGradient(x, xOffset, columns, excess);
  }

  /**
   * (I + E·S)·α = c in symmetric form: with D = E^½ and α = c − D·v, (I + D·S·D)·v = D·S·c.
   * Every e is positive, so the system's eigenvalues are at least 1.
   */
  private solveExactly(x: Float64Array, xOffset: number, columns: Uint32Array, excess: Float32Array): void {
    const { k, whitened, row, similarity, system, rootExcess, confidence } = this;
    const n = columns.length;
    const coefficients = this.weights;
    for (let i = 0; i < n; i++) {
      rootExcess[i] = Math.sqrt(excess[i]!);
      confidence[i] = 1 + excess[i]!;
      for (let f = 0; f < k; f++) row[f] = whitened[columns[i]! * k + f]!;
      dotRows(whitened, k, columns, row, 0, coefficients, i + 1);
      for (let j = 0; j <= i; j++) {
        const value = coefficients[j]!;
        similarity[i * n + j] = value;
        similarity[j * n + i] = value;
        system[i * n + j] = rootExcess[i]! * rootExcess[j]! * value + (i === j ? 1 : 0);
      }
    }
    for (let i = 0; i < n; i++) coefficients[i] = rootExcess[i]! * dot(similarity, i * n, confidence, 0, n);
    choleskyFactor(system, n);
    choleskySolve(system, n, coefficients);
    for (let i = 0; i < n; i++) coefficients[i] = confidence[i]! - rootExcess[i]! * coefficients[i]!;
    x.fill(0, xOffset, xOffset + k);
    addScaledRows(whitened, k, columns, coefficients, x, xOffset);
  }

  private conjugateGradient(x: Float64Array, xOffset: number, columns: Uint32Array, excess: Float32Array): void {
    const { k, whitened, residual, direction, product, weights } = this;
    // r = b − Ã·x̃ = −x̃ + Σ (1 + e − e·ỹ·x̃)·ỹ
    dotRows(whitened, k, columns, x, xOffset, weights);
    for (let n = 0; n < columns.length; n++) weights[n] = 1 + excess[n]! * (1 - weights[n]!);
    for (let f = 0; f < k; f++) residual[f] = -x[xOffset + f]!;
    addScaledRows(whitened, k, columns, weights, residual, 0);
    direction.set(residual);
    let squaredResidual = dot(residual, 0, residual, 0, k);
    for (let step = 0; step < this.cgSteps && squaredResidual > CONVERGED; step++) {
      // Ã·p = p + Σ e·(ỹ·p)·ỹ
      dotRows(whitened, k, columns, direction, 0, weights);
      for (let n = 0; n < columns.length; n++) weights[n] = excess[n]! * weights[n]!;
      product.set(direction);
      addScaledRows(whitened, k, columns, weights, product, 0);
      const stepLength = squaredResidual / dot(direction, 0, product, 0, k);
      axpy(stepLength, direction, 0, x, xOffset, k);
      axpy(-stepLength, product, 0, residual, 0, k);
      const nextSquaredResidual = dot(residual, 0, residual, 0, k);
      const momentum = nextSquaredResidual / squaredResidual;
      for (let f = 0; f < k; f++) direction[f] = residual[f]! + momentum * direction[f]!;
      squaredResidual = nextSquaredResidual;
    }
  }
}

/** Multiply-adds of an exact solve of a row with n nonzeros: S's lower triangle, its Cholesky, x̃ = Ỹᵀα. */
const exactCost = (n: number, k: number) => (n * (n + 1) * k) / 2 + (n * n * n) / 6 + n * k;
/** Of CG on it: the warm start's move to whitened coordinates, then two passes over the nonzeros per step. */
const conjugateGradientCost = (n: number, k: number, steps: number) => (k * k) / 2 + 2 * (1 + steps) * n * k;

/** YᵀY per model: fold-in needs it on every request, and it costs items·k²/2 to build. */
const itemGramians = new WeakMap<AlsModel, Float64Array>();

function itemGramian(model: AlsModel): Float64Array {
  let gramian = itemGramians.get(model);
  if (!gramian) {
    const k = model.factors;
    gramian = new Float64Array(k * k);
    const chunk = new Float64Array(CHUNK_ROWS * k);
    for (let start = 0; start < model.itemFactors.length; start += chunk.length) {
      const rows = model.itemFactors.subarray(start, start + chunk.length);
      chunk.set(rows);
      addGramLower(chunk, rows.length / k, k, gramian);
    }
    itemGramians.set(model, gramian);
  }
  return gramian;
}

/**
 * The factor of a user the model has not seen, from their history: the exact solution of the
 * normal equations a training half-step approximates, (YᵀY + λI + Σ (c−1)·yyᵀ)·x = Σ c·y, by
 * Cholesky. Items beyond the model's catalogue and non-positive strengths are ignored.
 */
export function foldIn(model: AlsModel, history: UserHistory, paramsInput: AlsParamsInput): Float32Array {
  const params = alsParamsSchema.parse(paramsInput);
  const k = model.factors;
  const itemCount = model.itemFactors.length / k;
  const system = itemGramian(model).slice();
  for (let f = 0; f < k; f++) system[f * k + f]! += params.regularization;
  // Σ (c−1)·yyᵀ is the Gram matrix of the history's factors scaled by √(c−1).
  const scaled = new Float64Array(history.items.length * k);
  const rightSide = new Float64Array(k);
  let rows = 0;
  for (let n = 0; n < history.items.length; n++) {
    const index = history.items[n]!;
    const strength = history.strengths[n]!;
    if (index >= itemCount || !(strength > 0)) continue;
    const excess = confidenceExcess(strength, params);
    const scale = Math.sqrt(excess);
    for (let f = 0; f < k; f++) {
      const value = model.itemFactors[index * k + f]!;
      scaled[rows * k + f] = scale * value;
      rightSide[f]! += (1 + excess) * value;
    }
    rows++;
  }
  addGramLower(scaled, rows, k, system);
  choleskyFactor(system, k);
  choleskySolve(system, k, rightSide);
  return Float32Array.from(rightSide);
}

/** out[i] = userFactor·itemFactor_i for every item, four items per pass sharing the user factor's loads. */
export function scoreAllItems(model: AlsModel, userFactor: Float32Array, out: Float32Array): void {
  const k = model.factors;
  const items = model.itemFactors;
  const itemCount = items.length / k;
  let item = 0;
  for (; item + 4 <= itemCount; item += 4) {
    const row0 = item * k;
    const row1 = row0 + k;
    const row2 = row1 + k;
    const row3 = row2 + k;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let f = 0; f < k; f++) {
      const u = userFactor[f]!;
      s0 += u * items[row0 + f]!;
      s1 += u * items[row1 + f]!;
      s2 += u * items[row2 + f]!;
      s3 += u * items[row3 + f]!;
    }
    out[item] = s0;
    out[item + 1] = s1;
    out[item + 2] = s2;
    out[item + 3] = s3;
  }
  for (; item < itemCount; item++) {
    let score = 0;
    for (let f = 0; f < k; f++) score += userFactor[f]! * items[item * k + f]!;
    out[item] = score;
  }
}

/**
 * Scores with the trained factor of a user the model knows, and folds in from the history a
 * user with an index past the trained ones.
 */
export function createAlsScorer(model: AlsModel, paramsInput: AlsParamsInput): ItemScorer {
  const params = alsParamsSchema.parse(paramsInput);
  const k = model.factors;
  const trainedUsers = model.userFactors.length / k;
  return {
    name: 'als',
    scoreItems(user: number, history: UserHistory, out: Float32Array): void {
      const userFactor = user < trainedUsers ? model.userFactors.subarray(user * k, (user + 1) * k) : foldIn(model, history, params);
      scoreAllItems(model, userFactor, out);
    },
  };
}

/**
 * The training objective, Σ over all pairs of c·(p − x·y)² + λ(‖X‖² + ‖Y‖²), in O(nnz·k +
 * (users + items)·k²): summing over every pair as if all were unseen gives Σ_u xᵀ(YᵀY)x, and
 * only the nonzeros need correcting.
 */
export function alsObjective(matrix: SparseMatrix, model: AlsModel, paramsInput: AlsParamsInput): number {
  const params = alsParamsSchema.parse(paramsInput);
  const k = model.factors;
  const gramian = itemGramian(model);
  const user = new Float64Array(k);
  const item = new Float64Array(k);
  let objective = 0;
  for (let row = 0; row < matrix.rows; row++) {
    for (let f = 0; f < k; f++) user[f] = model.userFactors[row * k + f]!;
    for (let a = 0; a < k; a++) objective += user[a]! * (2 * dot(gramian, a * k, user, 0, a) + gramian[a * k + a]! * user[a]!);
    const columns = matrix.rowIndices(row);
    const strengths = matrix.rowValues(row);
    for (let n = 0; n < columns.length; n++) {
      for (let f = 0; f < k; f++) item[f] = model.itemFactors[columns[n]! * k + f]!;
      const prediction = dot(user, 0, item, 0, k);
      const confidence = 1 + confidenceExcess(strengths[n]!, params);
      objective += confidence * (1 - prediction) ** 2 - prediction ** 2;
    }
  }
  return objective + params.regularization * (squaredNorm(model.userFactors) + squaredNorm(model.itemFactors));
}

function squaredNorm(values: Float32Array): number {
  let sum = 0;
  for (const value of values) sum += value * value;
  return sum;
}
