import * as ort from 'onnxruntime-node';
import { ONNX_INPUT_NAME, ONNX_OUTPUT_NAME } from './onnx-export';

export interface OnnxRankerOptions {
  /**
   * Threads per inference. 1 by default: serving runs many requests at once on few cores, and
   * for a few hundred candidates a second thread costs more to coordinate than it saves.
   */
  intraOpThreads?: number;
}

/** Scores candidates with an exported ranker (see `exportRankerToOnnx`): one batched run per call. */
export class OnnxRanker {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly featureCount: number,
  ) {}

  static async load(bytes: Uint8Array, options: OnnxRankerOptions = {}): Promise<OnnxRanker> {
    let session: ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(bytes, {
        intraOpNumThreads: options.intraOpThreads ?? 1,
        interOpNumThreads: 1,
        executionMode: 'sequential',
        graphOptimizationLevel: 'all',
      });
    } catch (error) {
      throw new Error(`cannot load the ranker ONNX model (${bytes.length} bytes): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    try {
      return new OnnxRanker(session, rankerFeatureCount(session));
    } catch (error) {
      await session.release();
      throw error;
    }
  }

  /** Logits for `rows` rows of raw features, row-major: the same numbers as `forward` in ./mlp. */
  async score(features: Float32Array, rows: number): Promise<Float32Array> {
    if (features.length !== rows * this.featureCount) {
      throw new RangeError(`features has ${features.length} values; ${rows} rows × ${this.featureCount} features need ${rows * this.featureCount}`);
    }
    if (rows === 0) return new Float32Array(0);
    const results = await this.session.run({ [ONNX_INPUT_NAME]: new ort.Tensor('float32', features, [rows, this.featureCount]) });
    return (results[ONNX_OUTPUT_NAME] as ort.Tensor).data as Float32Array;
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

/** Checks the session is a ranker export (input, output and their shapes) and reads its feature count. */
function rankerFeatureCount(session: ort.InferenceSession): number {
  const input = session.inputMetadata.find((metadata) => metadata.name === ONNX_INPUT_NAME);
  if (!input?.isTensor || input.type !== 'float32' || input.shape.length !== 2 || typeof input.shape[1] !== 'number') {
    throw new Error(`not a ranker ONNX model: it needs a float32 input '${ONNX_INPUT_NAME}' of shape [N, features]`);
  }
  if (!session.outputNames.includes(ONNX_OUTPUT_NAME)) throw new Error(`not a ranker ONNX model: it has no output '${ONNX_OUTPUT_NAME}'`);
  return input.shape[1];
}
