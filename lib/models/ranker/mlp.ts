import { z } from 'zod';
import { Random } from '@/lib/math/random';
import {
  groupByQuery,
  groupsWithPairs,
  groupSize,
  range,
  shuffleInPlace,
  shuffledRange,
  splitGroups,
  validateRankingData,
  type QueryGroups,
  type RankingData,
} from './dataset';

/**
 * The learning-to-rank model: a small multilayer perceptron over per-candidate features
 * (standardise → [dense → ReLU]* → dense → one logit), trained with mini-batch AdamW.
 * Scores are logits everywhere (`forward`, the ONNX export): sigmoid(score) is a probability
 * only for a pointwise model, and ranking needs no more than the order anyway.
 */

export const rankerLossSchema = z.enum([
  /** Binary cross-entropy on each row's label. */
  'pointwise',
  /** RankNet / BPR: logistic loss on the score difference of every (better, worse) pair within a query. */
  'pairwise',
]);
export type RankerLoss = z.infer<typeof rankerLossSchema>;

export const rankerParamsSchema = z.object({
  /** Widths of the hidden ReLU layers; empty makes a linear ranker. */
  hidden: z.array(z.number().int().min(1).max(1024)).max(8).default([32, 16]),
  /** Pairwise by default: serving only orders one user's candidates, which is what it optimises. */
  loss: rankerLossSchema.default('pairwise'),
  epochs: z.number().int().min(1).max(10_000).default(20),
  /** Rows per batch; the pairwise loss fills a batch with whole queries up to this many rows. */
  batchSize: z.number().int().min(1).max(1 << 16).default(256),
  learningRate: z.number().positive().max(1).default(0.002),
  /** Decoupled (AdamW) decay on weights, not biases: added to the gradient, Adam would rescale it away per parameter. */
  weightDecay: z.number().min(0).max(1).default(0.01),
  /** Share of queries held out for early stopping; 0 trains every epoch and keeps the last weights. */
  validationFraction: z.number().min(0).max(0.9).default(0.1),
  /** Epochs without a better validation loss before training stops and the best weights are restored. */
  patience: z.number().int().min(1).default(3),
  seed: z.number().int().nonnegative().default(1),
});
export type RankerParams = z.infer<typeof rankerParamsSchema>;
export type RankerParamsInput = z.input<typeof rankerParamsSchema>;

export interface DenseLayer {
  inputSize: number;
  outputSize: number;
  /** outputSize × inputSize, row-major: the layout of an ONNX Gemm with transB = 1. */
  weights: Float32Array;
  biases: Float32Array;
}

/** A trained ranker as plain typed arrays; treat it as immutable (inference caches a working copy per model). */
export interface RankerModel {
  featureCount: number;
  featureNames?: string[];
  loss: RankerLoss;
  /** Standardisation: a feature enters the network as (value − mean) / std. */
  means: Float32Array;
  stds: Float32Array;
  /** Hidden layers are followed by ReLU; the last layer has one output, the logit. */
  layers: DenseLayer[];
}

export interface TrainingProgress {
  epoch: number;
  epochs: number;
  /** Mean loss per row (pointwise) or per query (pairwise) over the epoch, while the weights moved. */
  trainingLoss: number;
  validationLoss: number | null;
}

const INIT_STREAM = 1;
const SPLIT_STREAM = 2;
const SHUFFLE_STREAM = 3;
/** Below this a feature is constant for all practical purposes; dividing by its std would only amplify noise. */
const MIN_STD = 1e-12;
/** Rows per forward pass at inference: enough to amortise the loop set-up, small enough to stay in cache. */
const INFERENCE_CHUNK = 256;
const DEFAULT_EXPLANATION_STEPS = 32;

export function trainRanker(data: RankingData, params: RankerParamsInput = {}, onProgress?: (progress: TrainingProgress) => void): RankerModel {
  const config = rankerParamsSchema.parse(params);
  const rows = validateRankingData(data);
  if (config.loss === 'pointwise') assertProbabilityLabels(data.labels);

  const { means, stds } = featureStatistics(data.features, rows, data.featureCount);
  const standardised = standardise(data.features, rows, means, stds);
  const { training, validation } = splitForLoss(data, config);

  const sizes = [data.featureCount, ...config.hidden, 1];
  const network = new Network(sizes);
  network.initialise(new Random(config.seed, INIT_STREAM));
  const capacity = config.loss === 'pairwise' ? Math.max(config.batchSize, largestGroup(training), largestGroup(validation)) : config.batchSize;
  const trainer = new Trainer(network, new Workspace(sizes, capacity), standardised, data.labels, config);
  const shuffle = new Random(config.seed, SHUFFLE_STREAM);

  let bestLoss = Infinity;
  let bestParameters: Float64Array | null = null;
  let epochsWithoutImprovement = 0;
  for (let epoch = 1; epoch <= config.epochs; epoch++) {
    const trainingLoss = trainer.trainEpoch(training, shuffle);
    if (!Number.isFinite(trainingLoss)) throw new Error(`ranker training diverged at epoch ${epoch}; lower the learning rate`);
    const validationLoss = validation.count > 0 ? trainer.evaluate(validation) : null;
    onProgress?.({ epoch, epochs: config.epochs, trainingLoss, validationLoss });
    if (validationLoss === null) continue;
    if (validationLoss < bestLoss) {
      bestLoss = validationLoss;
      bestParameters = network.parameters.slice();
      epochsWithoutImprovement = 0;
    } else if (++epochsWithoutImprovement >= config.patience) {
      break;
    }
  }
  if (bestParameters) network.parameters.set(bestParameters);
  return network.toModel({ loss: config.loss, means, stds, featureNames: data.featureNames });
}

/**
 * Rankers trained alike but for their seeds disagree by about ±0.01 NDCG@10 on ml-latest-small;
 * their average beats the members (README, Offline evaluation). `members` networks are trained
 * with seeds seed, seed + 1, … and merged into one whose output is exactly their mean.
 */
export function trainRankerEnsemble(data: RankingData, params: RankerParamsInput, members: number): RankerModel {
  const seed = rankerParamsSchema.parse(params).seed;
  return mergeRankers(Array.from({ length: members }, (_, member) => trainRanker(data, { ...params, seed: seed + member })));
}

/**
 * One network computing the mean of the members' logits: their layers side by side, each hidden
 * layer block-diagonal so that members never mix, and the last layer's weights and bias divided
 * by the member count. Serving, the ONNX export and explanations need nothing else. Members must
 * share the feature list, standardisation and layer widths, as `trainRankerEnsemble`'s do.
 */
export function mergeRankers(members: readonly RankerModel[]): RankerModel {
  const [first] = members;
  if (!first) throw new RangeError('an ensemble needs at least one member');
  if (members.length === 1) return first;
  const count = members.length;
  const last = first.layers.length - 1;
  const layers = first.layers.map((shape, l): DenseLayer => {
    const inputSize = l === 0 ? shape.inputSize : shape.inputSize * count;
    const outputSize = l === last ? 1 : shape.outputSize * count;
    const weights = new Float32Array(outputSize * inputSize);
    const biases = new Float32Array(outputSize);
    members.forEach((member, m) => {
      const layer = member.layers[l]!;
      if (layer.inputSize !== shape.inputSize || layer.outputSize !== shape.outputSize) throw new RangeError('ensemble members must have the same layer widths');
      const rowOffset = l === last ? 0 : m * shape.outputSize;
      const columnOffset = l === 0 ? 0 : m * shape.inputSize;
      const scale = l === last ? 1 / count : 1;
      for (let o = 0; o < shape.outputSize; o++) {
        biases[rowOffset + o]! += layer.biases[o]! * scale;
        for (let i = 0; i < shape.inputSize; i++) weights[(rowOffset + o) * inputSize + columnOffset + i]! += layer.weights[o * shape.inputSize + i]! * scale;
      }
    });
    return { inputSize, outputSize, weights, biases };
  });
  return { ...first, layers };
}

/** Logits for `rows` rows of raw (unstandardised) features, row-major. */
export function forward(model: RankerModel, features: Float32Array, rows: number): Float32Array {
  const featureCount = model.featureCount;
  if (features.length !== rows * featureCount) {
    throw new RangeError(`features has ${features.length} values; ${rows} rows × ${featureCount} features need ${rows * featureCount}`);
  }
  const { network, workspace } = inferenceState(model);
  const scores = new Float32Array(rows);
  const input = workspace.activations[0] as Float64Array;
  for (let start = 0; start < rows; start += INFERENCE_CHUNK) {
    const count = Math.min(INFERENCE_CHUNK, rows - start);
    for (let r = 0; r < count; r++) standardiseRow(model, features, (start + r) * featureCount, input, r * featureCount, 1);
    scores.set(network.forwardPass(workspace, count).subarray(0, count), start);
  }
  return scores;
}

/** The score of the average candidate (every feature at its training mean): the base the explanation adds to. */
export function baselineScore(model: RankerModel): number {
  return forward(model, model.means, 1)[0] as number;
}

/**
 * Per-feature contributions to one row's score, by integrated gradients from the average
 * candidate: they add up to `score − baselineScore(model)` (up to a small integration error),
 * so a chart can show the score as the baseline plus one bar per feature. Plain gradient × input
 * would not add up for a ReLU network, whose gradient changes along the way.
 */
export function explainRow(model: RankerModel, row: Float32Array, steps = DEFAULT_EXPLANATION_STEPS): Float32Array {
  if (row.length !== model.featureCount) throw new RangeError(`row has ${row.length} features; the model takes ${model.featureCount}`);
  return explainRows(model, row, 1, steps);
}

/**
 * `explainRow` for many rows at once (rows × features, row-major, as the result): one pass
 * through the network per chunk of rows rather than one per row, which is what a served list of
 * dozens of items can afford.
 */
export function explainRows(model: RankerModel, features: Float32Array, rows: number, steps = DEFAULT_EXPLANATION_STEPS): Float32Array {
  const featureCount = model.featureCount;
  if (features.length !== rows * featureCount) throw new RangeError(`features has ${features.length} values; ${rows} rows × ${featureCount} features need ${rows * featureCount}`);
  if (!Number.isInteger(steps) || steps < 1 || steps > INFERENCE_CHUNK) throw new RangeError(`steps must be an integer in [1, ${INFERENCE_CHUNK}]`);

  const { network, workspace } = inferenceState(model);
  const input = workspace.activations[0] as Float64Array;
  const contributions = new Float32Array(rows * featureCount);
  const rowsPerChunk = Math.floor(INFERENCE_CHUNK / steps);
  for (let start = 0; start < rows; start += rowsPerChunk) {
    const count = Math.min(rowsPerChunk, rows - start);
    // Midpoint rule along the straight path from the baseline (standardised 0) to each row.
    for (let r = 0; r < count; r++) {
      for (let step = 0; step < steps; step++) standardiseRow(model, features, (start + r) * featureCount, input, (r * steps + step) * featureCount, (step + 0.5) / steps);
    }
    network.forwardPass(workspace, count * steps);
    (workspace.deltas[network.layers.length] as Float64Array).fill(1, 0, count * steps);
    network.backwardPass(workspace, count * steps, { accumulate: false, toInput: true });
    const inputGradients = workspace.deltas[0] as Float64Array;
    for (let r = 0; r < count; r++) {
      const row = (start + r) * featureCount;
      for (let feature = 0; feature < featureCount; feature++) {
        let gradientSum = 0;
        for (let step = 0; step < steps; step++) gradientSum += inputGradients[(r * steps + step) * featureCount + feature] as number;
        const standardisedValue = ((features[row + feature] as number) - (model.means[feature] as number)) / (model.stds[feature] as number);
        contributions[row + feature] = (standardisedValue * gradientSum) / steps;
      }
    }
  }
  return contributions;
}

/** Checks that the layers chain from featureCount to one logit with arrays of the sizes they claim. */
export function assertConsistentModel(model: RankerModel): void {
  const { featureCount, means, stds, layers } = model;
  if (means.length !== featureCount || stds.length !== featureCount) throw new RangeError(`means and stds need ${featureCount} entries each`);
  let width = featureCount;
  layers.forEach((layer, l) => {
    if (layer.inputSize !== width) throw new RangeError(`layer ${l} takes ${layer.inputSize} inputs but receives ${width}`);
    if (layer.weights.length !== layer.inputSize * layer.outputSize || layer.biases.length !== layer.outputSize) {
      throw new RangeError(`layer ${l} arrays do not match its ${layer.inputSize} × ${layer.outputSize} shape`);
    }
    width = layer.outputSize;
  });
  if (layers.length === 0 || width !== 1) throw new RangeError('the last layer must have exactly one output');
}

function standardiseRow(model: RankerModel, source: Float32Array, sourceOffset: number, target: Float64Array, targetOffset: number, scale: number): void {
  const { means, stds, featureCount } = model;
  for (let feature = 0; feature < featureCount; feature++) {
    target[targetOffset + feature] = (scale * ((source[sourceOffset + feature] as number) - (means[feature] as number))) / (stds[feature] as number);
  }
}

function assertProbabilityLabels(labels: Float32Array): void {
  const bad = labels.findIndex((label) => !(label >= 0 && label <= 1));
  if (bad >= 0) throw new RangeError(`the pointwise loss needs labels in [0, 1]; row ${bad} has ${labels[bad]}`);
}

/** Means and standard deviations over all rows (labels play no part, so the validation rows leak nothing). */
function featureStatistics(features: Float32Array, rows: number, featureCount: number): { means: Float32Array; stds: Float32Array } {
  const sums = new Float64Array(featureCount);
  for (let i = 0; i < rows * featureCount; i++) sums[i % featureCount] = (sums[i % featureCount] as number) + (features[i] as number);
  const means = sums.map((sum) => sum / rows);
  // Two passes rather than E[x²] − E[x]²: huge-valued features would cancel catastrophically.
  const squaredDeviations = new Float64Array(featureCount);
  for (let i = 0; i < rows * featureCount; i++) {
    const deviation = (features[i] as number) - (means[i % featureCount] as number);
    squaredDeviations[i % featureCount] = (squaredDeviations[i % featureCount] as number) + deviation * deviation;
  }
  const stds = squaredDeviations.map((sum) => {
    const std = Math.sqrt(sum / rows);
    return std > MIN_STD ? std : 1;
  });
  // Training standardises with the float32 values the model keeps, so it sees what inference will.
  return { means: Float32Array.from(means), stds: Float32Array.from(stds) };
}

function standardise(features: Float32Array, rows: number, means: Float32Array, stds: Float32Array): Float32Array {
  const featureCount = means.length;
  const standardised = new Float32Array(rows * featureCount);
  for (let i = 0; i < rows * featureCount; i++) {
    const feature = i % featureCount;
    standardised[i] = ((features[i] as number) - (means[feature] as number)) / (stds[feature] as number);
  }
  return standardised;
}

/** Pairwise training only uses queries that have pairs: the others would be forward passes with zero gradient. */
function splitForLoss(data: RankingData, config: RankerParams): { training: QueryGroups; validation: QueryGroups } {
  const split = splitGroups(groupByQuery(data.groups), config.validationFraction, new Random(config.seed, SPLIT_STREAM));
  const usable = config.loss === 'pairwise' ? (groups: QueryGroups) => groupsWithPairs(groups, data.labels) : (groups: QueryGroups) => groups;
  const training = usable(split.training);
  if (training.rows.length === 0) {
    throw new RangeError(config.loss === 'pairwise' ? 'no training query has candidates with different labels, so there are no pairs to learn from' : 'no training rows');
  }
  return { training, validation: usable(split.validation) };
}

function largestGroup(groups: QueryGroups): number {
  let largest = 0;
  for (let group = 0; group < groups.count; group++) largest = Math.max(largest, groupSize(groups, group));
  return largest;
}

interface LayerView {
  inputSize: number;
  outputSize: number;
  /**
   * Per output, the inputs [start, end) outside which its weights are all zero; null means every
   * input. A merged ensemble's hidden layers are block-diagonal (`mergeRankers`): inference then
   * multiplies each unit's own member's inputs only. Set for inference, never while training.
   */
  inputSpans: Uint32Array | null;
  /** Per input, the outputs [start, end) outside which its weights are all zero (the same, read by column). */
  outputSpans: Uint32Array | null;
  weights: Float64Array;
  biases: Float64Array;
  weightGradients: Float64Array;
  biasGradients: Float64Array;
}

/**
 * Per-batch buffers, allocated once: activations[0] is the standardised input, activations[l]
 * the output of layer l; deltas[l] is the loss gradient with respect to activations[l] (before
 * the ReLU for hidden layers).
 */
class Workspace {
  readonly activations: Float64Array[];
  readonly deltas: Float64Array[];

  constructor(
    sizes: readonly number[],
    readonly capacity: number,
  ) {
    this.activations = sizes.map((size) => new Float64Array(size * capacity));
    this.deltas = sizes.map((size) => new Float64Array(size * capacity));
  }
}

/** The network in float64, all parameters in one vector so the optimiser and snapshots see a single array. */
class Network {
  readonly parameters: Float64Array;
  readonly gradients: Float64Array;
  readonly layers: LayerView[] = [];
  /** 1 for weights, 0 for biases: weight decay applies to the former only. */
  readonly decayMask: Uint8Array;

  constructor(readonly sizes: readonly number[]) {
    let total = 0;
    for (let l = 1; l < sizes.length; l++) total += ((sizes[l - 1] as number) + 1) * (sizes[l] as number);
    this.parameters = new Float64Array(total);
    this.gradients = new Float64Array(total);
    this.decayMask = new Uint8Array(total);

    let offset = 0;
    for (let l = 1; l < sizes.length; l++) {
      const inputSize = sizes[l - 1] as number;
      const outputSize = sizes[l] as number;
      const weightCount = inputSize * outputSize;
      this.decayMask.fill(1, offset, offset + weightCount);
      this.layers.push({
        inputSize,
        outputSize,
        inputSpans: null,
        outputSpans: null,
        weights: this.parameters.subarray(offset, offset + weightCount),
        weightGradients: this.gradients.subarray(offset, offset + weightCount),
        biases: this.parameters.subarray(offset + weightCount, offset + weightCount + outputSize),
        biasGradients: this.gradients.subarray(offset + weightCount, offset + weightCount + outputSize),
      });
      offset += weightCount + outputSize;
    }
  }

  static fromModel(model: RankerModel): Network {
    assertConsistentModel(model);
    const network = new Network([model.featureCount, ...model.layers.map((layer) => layer.outputSize)]);
    model.layers.forEach((layer, l) => {
      const view = network.layers[l] as LayerView;
      view.weights.set(layer.weights);
      view.biases.set(layer.biases);
      view.inputSpans = nonZeroSpans(layer);
      view.outputSpans = nonZeroColumnSpans(layer);
    });
    return network;
  }

  /** He initialisation (ReLU halves the variance each layer; this keeps it steady); biases start at 0. */
  initialise(random: Random): void {
    for (const layer of this.layers) {
      const scale = Math.sqrt(2 / layer.inputSize);
      for (let i = 0; i < layer.weights.length; i++) layer.weights[i] = random.normal(0, scale);
      layer.biases.fill(0);
    }
  }

  /** Fills the workspace activations from activations[0]; returns the logits buffer (first `rows` entries valid). */
  forwardPass(workspace: Workspace, rows: number): Float64Array {
    const last = this.layers.length - 1;
    for (let l = 0; l <= last; l++) {
      denseForward(this.layers[l] as LayerView, workspace.activations[l] as Float64Array, workspace.activations[l + 1] as Float64Array, rows, l < last);
    }
    return workspace.activations[last + 1] as Float64Array;
  }

  /** From the logit deltas in the workspace: accumulates parameter gradients and/or the gradient at the input. */
  backwardPass(workspace: Workspace, rows: number, options: { accumulate: boolean; toInput: boolean }): void {
    for (let l = this.layers.length - 1; l >= 0; l--) {
      const layer = this.layers[l] as LayerView;
      const input = workspace.activations[l] as Float64Array;
      const delta = workspace.deltas[l + 1] as Float64Array;
      if (options.accumulate) accumulateGradients(layer, input, delta, rows);
      if (l > 0 || options.toInput) propagateDelta(layer, delta, workspace.deltas[l] as Float64Array, input, rows, l > 0);
    }
  }

  toModel(extra: Pick<RankerModel, 'loss' | 'means' | 'stds' | 'featureNames'>): RankerModel {
    const model: RankerModel = {
      featureCount: this.sizes[0] as number,
      loss: extra.loss,
      means: extra.means,
      stds: extra.stds,
      layers: this.layers.map((layer) => ({
        inputSize: layer.inputSize,
        outputSize: layer.outputSize,
        weights: Float32Array.from(layer.weights),
        biases: Float32Array.from(layer.biases),
      })),
    };
    if (extra.featureNames) model.featureNames = [...extra.featureNames];
    return model;
  }
}

/*
 * The kernels below block rows, outputs or inputs by four (two rows × four outputs in the forward
 * pass): each loaded value then feeds several independent accumulators, which in V8 roughly halves
 * the time of one-at-a-time loops (fewer loads and bounds checks per multiply-add, and no single
 * chain of dependent additions).
 */

function denseForward(layer: LayerView, input: Float64Array, output: Float64Array, rows: number, relu: boolean): void {
  const blockedOutputs = layer.outputSize - (layer.outputSize % 4);
  const pairedRows = rows - (rows % 2);
  for (let r = 0; r < pairedRows; r += 2) {
    denseForwardRowPair(layer, input, output, r, blockedOutputs, relu);
    denseForwardOutputs(layer, input, output, r, blockedOutputs, relu);
    denseForwardOutputs(layer, input, output, r + 1, blockedOutputs, relu);
  }
  if (pairedRows < rows) denseForwardOutputs(layer, input, output, pairedRows, 0, relu);
}

/** Per output, the first and one past the last input with a nonzero weight (0, 0 for an all-zero row). */
function nonZeroSpans({ inputSize, outputSize, weights }: DenseLayer): Uint32Array {
  const spans = new Uint32Array(outputSize * 2);
  for (let o = 0; o < outputSize; o++) {
    const row = o * inputSize;
    let start = 0;
    while (start < inputSize && weights[row + start] === 0) start++;
    let end = inputSize;
    while (end > start && weights[row + end - 1] === 0) end--;
    spans[2 * o] = start;
    spans[2 * o + 1] = end;
  }
  return spans;
}

/** Per input, the first and one past the last output with a nonzero weight from it. */
function nonZeroColumnSpans({ inputSize, outputSize, weights }: DenseLayer): Uint32Array {
  const spans = new Uint32Array(inputSize * 2);
  for (let i = 0; i < inputSize; i++) {
    let start = 0;
    while (start < outputSize && weights[start * inputSize + i] === 0) start++;
    let end = outputSize;
    while (end > start && weights[(end - 1) * inputSize + i] === 0) end--;
    spans[2 * i] = start;
    spans[2 * i + 1] = end;
  }
  return spans;
}

/** Outputs [0, blockedOutputs) of rows r and r + 1, four outputs at a time. */
function denseForwardRowPair(layer: LayerView, input: Float64Array, output: Float64Array, r: number, blockedOutputs: number, relu: boolean): void {
  const { inputSize, outputSize, inputSpans, weights, biases } = layer;
  const inputA = r * inputSize;
  const inputB = inputA + inputSize;
  const outputA = r * outputSize;
  const outputB = outputA + outputSize;
  for (let o = 0; o < blockedOutputs; o += 4) {
    const w0 = o * inputSize;
    const w1 = w0 + inputSize;
    const w2 = w1 + inputSize;
    const w3 = w2 + inputSize;
    let a0 = biases[o] as number;
    let a1 = biases[o + 1] as number;
    let a2 = biases[o + 2] as number;
    let a3 = biases[o + 3] as number;
    let b0 = a0;
    let b1 = a1;
    let b2 = a2;
    let b3 = a3;
    const first = inputSpans ? Math.min(inputSpans[2 * o]!, inputSpans[2 * o + 2]!, inputSpans[2 * o + 4]!, inputSpans[2 * o + 6]!) : 0;
    const end = inputSpans ? Math.max(inputSpans[2 * o + 1]!, inputSpans[2 * o + 3]!, inputSpans[2 * o + 5]!, inputSpans[2 * o + 7]!) : inputSize;
    for (let i = first; i < end; i++) {
      const xa = input[inputA + i] as number;
      const xb = input[inputB + i] as number;
      const v0 = weights[w0 + i] as number;
      const v1 = weights[w1 + i] as number;
      const v2 = weights[w2 + i] as number;
      const v3 = weights[w3 + i] as number;
      a0 += v0 * xa;
      a1 += v1 * xa;
      a2 += v2 * xa;
      a3 += v3 * xa;
      b0 += v0 * xb;
      b1 += v1 * xb;
      b2 += v2 * xb;
      b3 += v3 * xb;
    }
    output[outputA + o] = relu && a0 < 0 ? 0 : a0;
    output[outputA + o + 1] = relu && a1 < 0 ? 0 : a1;
    output[outputA + o + 2] = relu && a2 < 0 ? 0 : a2;
    output[outputA + o + 3] = relu && a3 < 0 ? 0 : a3;
    output[outputB + o] = relu && b0 < 0 ? 0 : b0;
    output[outputB + o + 1] = relu && b1 < 0 ? 0 : b1;
    output[outputB + o + 2] = relu && b2 < 0 ? 0 : b2;
    output[outputB + o + 3] = relu && b3 < 0 ? 0 : b3;
  }
}

/** Outputs [firstOutput, outputSize) of row r, one at a time. */
function denseForwardOutputs(layer: LayerView, input: Float64Array, output: Float64Array, r: number, firstOutput: number, relu: boolean): void {
  const { inputSize, outputSize, inputSpans, weights, biases } = layer;
  const inputOffset = r * inputSize;
  for (let o = firstOutput; o < outputSize; o++) {
    const weightOffset = o * inputSize;
    let sum = biases[o] as number;
    const end = inputSpans ? inputSpans[2 * o + 1]! : inputSize;
    for (let i = inputSpans ? inputSpans[2 * o]! : 0; i < end; i++) sum += (weights[weightOffset + i] as number) * (input[inputOffset + i] as number);
    output[r * outputSize + o] = relu && sum < 0 ? 0 : sum;
  }
}

function accumulateGradients(layer: LayerView, input: Float64Array, delta: Float64Array, rows: number): void {
  const { inputSize, outputSize, weightGradients, biasGradients } = layer;
  const blockedRows = rows - (rows % 4);
  let r = 0;
  for (; r < blockedRows; r += 4) {
    const x0 = r * inputSize;
    const x1 = x0 + inputSize;
    const x2 = x1 + inputSize;
    const x3 = x2 + inputSize;
    for (let o = 0; o < outputSize; o++) {
      const d0 = delta[r * outputSize + o] as number;
      const d1 = delta[(r + 1) * outputSize + o] as number;
      const d2 = delta[(r + 2) * outputSize + o] as number;
      const d3 = delta[(r + 3) * outputSize + o] as number;
      // Dead ReLUs give exact zeros, often half the units.
      if (d0 === 0 && d1 === 0 && d2 === 0 && d3 === 0) continue;
      biasGradients[o] = (biasGradients[o] as number) + d0 + d1 + d2 + d3;
      const weightOffset = o * inputSize;
      for (let i = 0; i < inputSize; i++) {
        weightGradients[weightOffset + i] =
          (weightGradients[weightOffset + i] as number) +
          d0 * (input[x0 + i] as number) +
          d1 * (input[x1 + i] as number) +
          d2 * (input[x2 + i] as number) +
          d3 * (input[x3 + i] as number);
      }
    }
  }
  for (; r < rows; r++) {
    const inputOffset = r * inputSize;
    for (let o = 0; o < outputSize; o++) {
      const d = delta[r * outputSize + o] as number;
      if (d === 0) continue;
      biasGradients[o] = (biasGradients[o] as number) + d;
      const weightOffset = o * inputSize;
      for (let i = 0; i < inputSize; i++) {
        weightGradients[weightOffset + i] = (weightGradients[weightOffset + i] as number) + d * (input[inputOffset + i] as number);
      }
    }
  }
}

/** inputDelta = delta · W, masked by the ReLU that produced the input when there was one. */
function propagateDelta(layer: LayerView, delta: Float64Array, inputDelta: Float64Array, input: Float64Array, rows: number, throughRelu: boolean): void {
  const { inputSize, outputSize, outputSpans, weights } = layer;
  const blockedInputs = inputSize - (inputSize % 4);
  for (let r = 0; r < rows; r++) {
    const inputOffset = r * inputSize;
    const deltaOffset = r * outputSize;
    let i = 0;
    for (; i < blockedInputs; i += 4) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      const first = outputSpans ? Math.min(outputSpans[2 * i]!, outputSpans[2 * i + 2]!, outputSpans[2 * i + 4]!, outputSpans[2 * i + 6]!) : 0;
      const end = outputSpans ? Math.max(outputSpans[2 * i + 1]!, outputSpans[2 * i + 3]!, outputSpans[2 * i + 5]!, outputSpans[2 * i + 7]!) : outputSize;
      for (let o = first; o < end; o++) {
        const d = delta[deltaOffset + o] as number;
        if (d === 0) continue;
        const w = o * inputSize + i;
        s0 += d * (weights[w] as number);
        s1 += d * (weights[w + 1] as number);
        s2 += d * (weights[w + 2] as number);
        s3 += d * (weights[w + 3] as number);
      }
      inputDelta[inputOffset + i] = s0;
      inputDelta[inputOffset + i + 1] = s1;
      inputDelta[inputOffset + i + 2] = s2;
      inputDelta[inputOffset + i + 3] = s3;
    }
    for (; i < inputSize; i++) {
      let sum = 0;
      const end = outputSpans ? outputSpans[2 * i + 1]! : outputSize;
      for (let o = outputSpans ? outputSpans[2 * i]! : 0; o < end; o++) sum += (delta[deltaOffset + o] as number) * (weights[o * inputSize + i] as number);
      inputDelta[inputOffset + i] = sum;
    }
    if (throughRelu) {
      for (let k = inputOffset; k < inputOffset + inputSize; k++) if ((input[k] as number) <= 0) inputDelta[k] = 0;
    }
  }
}

/** Adam with decoupled weight decay (AdamW). */
class AdamW {
  private readonly firstMoment: Float64Array;
  private readonly secondMoment: Float64Array;
  private step = 0;

  constructor(
    size: number,
    private readonly learningRate: number,
    private readonly weightDecay: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly epsilon = 1e-8,
  ) {
    this.firstMoment = new Float64Array(size);
    this.secondMoment = new Float64Array(size);
  }

  /** Applies and then clears the gradients. */
  update(parameters: Float64Array, gradients: Float64Array, decayMask: Uint8Array): void {
    this.step++;
    const { beta1, beta2, epsilon, firstMoment, secondMoment } = this;
    const stepSize = (this.learningRate * Math.sqrt(1 - beta2 ** this.step)) / (1 - beta1 ** this.step);
    const decay = this.learningRate * this.weightDecay;
    for (let k = 0; k < parameters.length; k++) {
      const gradient = gradients[k] as number;
      const m = beta1 * (firstMoment[k] as number) + (1 - beta1) * gradient;
      const v = beta2 * (secondMoment[k] as number) + (1 - beta2) * gradient * gradient;
      firstMoment[k] = m;
      secondMoment[k] = v;
      let parameter = parameters[k] as number;
      if (decayMask[k] === 1) parameter -= decay * parameter;
      parameters[k] = parameter - (stepSize * m) / (Math.sqrt(v) + epsilon);
    }
    gradients.fill(0);
  }
}

/** Runs epochs of one loss over the standardised data; owns the batch buffers and the optimiser. */
class Trainer {
  private readonly optimiser: AdamW;
  private readonly batchRows: Uint32Array;
  /** Pairwise batches: where each query starts within the batch (plus the end). */
  private readonly batchGroupOffsets: Uint32Array;
  private readonly featureCount: number;

  constructor(
    private readonly network: Network,
    private readonly workspace: Workspace,
    private readonly standardised: Float32Array,
    private readonly labels: Float32Array,
    private readonly config: RankerParams,
  ) {
    this.optimiser = new AdamW(network.parameters.length, config.learningRate, config.weightDecay);
    this.batchRows = new Uint32Array(workspace.capacity);
    this.batchGroupOffsets = new Uint32Array(workspace.capacity + 1);
    this.featureCount = network.sizes[0] as number;
  }

  /** One pass over the training queries in a fresh random order; returns the mean training loss. */
  trainEpoch(groups: QueryGroups, random: Random): number {
    if (this.config.loss === 'pointwise') return this.pointwiseEpoch(shuffleInPlace(groups.rows.slice(), random), true);
    return this.pairwiseEpoch(groups, shuffledRange(groups.count, random), true);
  }

  evaluate(groups: QueryGroups): number {
    if (this.config.loss === 'pointwise') return this.pointwiseEpoch(groups.rows, false);
    return this.pairwiseEpoch(groups, range(groups.count), false);
  }

  private pointwiseEpoch(rows: Uint32Array, update: boolean): number {
    const batchSize = this.config.batchSize;
    let totalLoss = 0;
    for (let start = 0; start < rows.length; start += batchSize) {
      const count = Math.min(batchSize, rows.length - start);
      this.batchRows.set(rows.subarray(start, start + count));
      const logits = this.loadAndForward(count);
      const logitDeltas = this.workspace.deltas[this.network.layers.length] as Float64Array;
      let batchLoss = 0;
      for (let b = 0; b < count; b++) {
        const logit = logits[b] as number;
        const label = this.labels[this.batchRows[b] as number] as number;
        batchLoss += binaryCrossEntropy(logit, label);
        logitDeltas[b] = (sigmoid(logit) - label) / count;
      }
      totalLoss += batchLoss;
      if (update) this.step(count);
    }
    return totalLoss / rows.length;
  }

  /** `order` lists the queries to visit; each batch takes whole queries until the next would overflow it. */
  private pairwiseEpoch(groups: QueryGroups, order: Uint32Array, update: boolean): number {
    const { batchRows, batchGroupOffsets } = this;
    let totalLoss = 0;
    let next = 0;
    while (next < order.length) {
      let rowCount = 0;
      let groupCount = 0;
      while (next < order.length) {
        const group = order[next] as number;
        const size = groupSize(groups, group);
        if (groupCount > 0 && rowCount + size > this.config.batchSize) break;
        batchRows.set(groups.rows.subarray(groups.offsets[group], groups.offsets[group + 1]), rowCount);
        batchGroupOffsets[groupCount] = rowCount;
        rowCount += size;
        groupCount++;
        next++;
      }
      batchGroupOffsets[groupCount] = rowCount;

      const logits = this.loadAndForward(rowCount);
      const logitDeltas = this.workspace.deltas[this.network.layers.length] as Float64Array;
      for (let g = 0; g < groupCount; g++) {
        totalLoss += this.pairwiseGroupLoss(logits, logitDeltas, batchGroupOffsets[g] as number, batchGroupOffsets[g + 1] as number, 1 / groupCount);
      }
      if (update) this.step(rowCount);
    }
    return totalLoss / order.length;
  }

  /**
   * RankNet over every pair with different labels in batch positions [start, end): the query's
   * loss is the mean over its pairs, so a query with many candidates does not outweigh the rest.
   * Writes the query's logit gradients, scaled by `weight`; returns the query's loss.
   */
  private pairwiseGroupLoss(logits: Float64Array, logitDeltas: Float64Array, start: number, end: number, weight: number): number {
    const { batchRows, labels } = this;
    logitDeltas.fill(0, start, end);
    let loss = 0;
    let pairs = 0;
    for (let i = start; i < end; i++) {
      const labelI = labels[batchRows[i] as number] as number;
      for (let j = i + 1; j < end; j++) {
        const labelJ = labels[batchRows[j] as number] as number;
        if (labelI === labelJ) continue;
        // +1 when row i should rank above row j, −1 when below.
        const direction = labelI > labelJ ? 1 : -1;
        const margin = direction * ((logits[i] as number) - (logits[j] as number));
        loss += softplus(-margin);
        const pull = direction * sigmoid(-margin);
        logitDeltas[i] = (logitDeltas[i] as number) - pull;
        logitDeltas[j] = (logitDeltas[j] as number) + pull;
        pairs++;
      }
    }
    const scale = weight / pairs;
    for (let i = start; i < end; i++) logitDeltas[i] = (logitDeltas[i] as number) * scale;
    return loss / pairs;
  }

  /** Copies the standardised rows listed in batchRows into the input buffer and runs the network. */
  private loadAndForward(count: number): Float64Array {
    const input = this.workspace.activations[0] as Float64Array;
    const featureCount = this.featureCount;
    for (let b = 0; b < count; b++) {
      const source = (this.batchRows[b] as number) * featureCount;
      for (let feature = 0; feature < featureCount; feature++) input[b * featureCount + feature] = this.standardised[source + feature] as number;
    }
    return this.network.forwardPass(this.workspace, count);
  }

  private step(rows: number): void {
    this.network.backwardPass(this.workspace, rows, { accumulate: true, toInput: false });
    this.optimiser.update(this.network.parameters, this.network.gradients, this.network.decayMask);
  }
}

const inferenceStates = new WeakMap<RankerModel, { network: Network; workspace: Workspace }>();

function inferenceState(model: RankerModel): { network: Network; workspace: Workspace } {
  let state = inferenceStates.get(model);
  if (!state) {
    const network = Network.fromModel(model);
    state = { network, workspace: new Workspace(network.sizes, INFERENCE_CHUNK) };
    inferenceStates.set(model, state);
  }
  return state;
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** log(1 + eˣ) without overflow. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** Cross-entropy of a logit against a label in [0, 1], stable for large logits. */
function binaryCrossEntropy(logit: number, label: number): number {
  return softplus(logit) - label * logit;
}
