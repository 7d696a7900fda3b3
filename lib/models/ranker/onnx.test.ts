import { afterAll, describe, expect, it } from 'vitest';
import { onnx } from 'onnx-proto';
import { Random } from '@/lib/math/random';
import { forward, mergeRankers, trainRanker, type RankerModel } from './mlp';
import { exportRankerToOnnx } from './onnx-export';
import { OnnxRanker } from './onnx-scorer';

const TOLERANCE = 1e-5;

function randomModel(featureCount: number, hidden: number[], seed: number): RankerModel {
  const random = new Random(seed);
  const sizes = [featureCount, ...hidden, 1];
  return {
    featureCount,
    loss: 'pairwise',
    means: Float32Array.from({ length: featureCount }, () => random.normal(0, 100)),
    stds: Float32Array.from({ length: featureCount }, () => random.lognormal(0, 2)),
    layers: sizes.slice(1).map((outputSize, l) => {
      const inputSize = sizes[l] as number;
      return {
        inputSize,
        outputSize,
        weights: Float32Array.from({ length: inputSize * outputSize }, () => random.normal(0, Math.sqrt(2 / inputSize))),
        biases: Float32Array.from({ length: outputSize }, () => random.normal(0, 0.1)),
      };
    }),
  };
}

/** Raw features around the model's own means and scales, as real candidates would be. */
function randomFeatures(model: RankerModel, rows: number, seed: number): Float32Array {
  const random = new Random(seed);
  return Float32Array.from({ length: rows * model.featureCount }, (_, i) => {
    const feature = i % model.featureCount;
    return (model.means[feature] as number) + (model.stds[feature] as number) * random.normal(0, 1.5);
  });
}

function maxAbsoluteDifference(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  return a.reduce((max, value, i) => Math.max(max, Math.abs(value - (b[i] as number))), 0);
}

const loaded: OnnxRanker[] = [];
async function load(bytes: Uint8Array): Promise<OnnxRanker> {
  const ranker = await OnnxRanker.load(bytes);
  loaded.push(ranker);
  return ranker;
}
afterAll(async () => {
  await Promise.all(loaded.map((ranker) => ranker.release()));
});

describe('ONNX export and scoring', () => {
  const architectures = [[32, 16], [8], [], [64, 32, 16]];

  it.each(architectures.map((hidden, i) => ({ hidden, seed: i + 1 })))('matches the TypeScript forward pass for hidden $hidden', async ({ hidden, seed }) => {
    const model = randomModel(12, hidden, seed);
    const ranker = await load(exportRankerToOnnx(model));
    expect(ranker.featureCount).toBe(12);
    for (const rows of [1, 7, 1000]) {
      const features = randomFeatures(model, rows, seed * 100 + rows);
      const scores = await ranker.score(features, rows);
      expect(scores.length).toBe(rows);
      expect(maxAbsoluteDifference(scores, forward(model, features, rows))).toBeLessThan(TOLERANCE);
    }
  });

  it('matches a trained model too', async () => {
    const random = new Random(5);
    const rows = 2000;
    const features = Float32Array.from({ length: rows * 4 }, () => random.normal(3, 10));
    const labels = Float32Array.from({ length: rows }, (_, row) => ((features[row * 4] as number) * (features[row * 4 + 1] as number) > 9 ? 1 : 0));
    const groups = Uint32Array.from({ length: rows }, (_, row) => Math.floor(row / 20));
    const model = trainRanker({ features, labels, groups, featureCount: 4 }, { epochs: 5 });
    const ranker = await load(exportRankerToOnnx(model));
    expect(maxAbsoluteDifference(await ranker.score(features, rows), forward(model, features, rows))).toBeLessThan(TOLERANCE);
  });

  it('matches a merged ensemble, whose hidden layers are block-diagonal', async () => {
    const members = [1, 2, 3].map((seed) => randomModel(6, [8, 4], seed));
    const model = mergeRankers(members.map((member) => ({ ...member, means: members[0]!.means, stds: members[0]!.stds })));
    const ranker = await load(exportRankerToOnnx(model));
    const features = randomFeatures(model, 300, 4);
    expect(maxAbsoluteDifference(await ranker.score(features, 300), forward(model, features, 300))).toBeLessThan(TOLERANCE);
  });

  it('reads features from a view into a larger buffer', async () => {
    const model = randomModel(5, [4], 9);
    const ranker = await load(exportRankerToOnnx(model));
    const all = randomFeatures(model, 10, 1);
    const view = all.subarray(3 * 5, 7 * 5);
    expect(maxAbsoluteDifference(await ranker.score(view, 4), forward(model, view, 4))).toBeLessThan(TOLERANCE);
  });

  it('writes a model of the declared opset with the feature names as metadata', () => {
    const model = { ...randomModel(3, [2], 4), featureNames: ['age', 'price', 'similarity'] };
    const proto = onnx.ModelProto.decode(exportRankerToOnnx(model));
    expect(Number(proto.irVersion)).toBe(8);
    expect(proto.opsetImport.map((opset) => [opset.domain, Number(opset.version)])).toEqual([['', 17]]);
    expect(proto.graph?.node?.map((node) => node.opType)).toEqual(['Sub', 'Div', 'Gemm', 'Relu', 'Gemm']);
    const names = proto.metadataProps.find((entry) => entry.key === 'feature_names')?.value;
    expect(JSON.parse(names ?? 'null')).toEqual(model.featureNames);
  });

  it('checks the feature array against the row count', async () => {
    const ranker = await load(exportRankerToOnnx(randomModel(3, [2], 6)));
    await expect(ranker.score(new Float32Array(7), 2)).rejects.toThrow(/2 rows × 3 features need 6/);
    expect(await ranker.score(new Float32Array(0), 0)).toHaveLength(0);
  });

  it('fails to load corrupt bytes with a clear error', async () => {
    const bytes = exportRankerToOnnx(randomModel(12, [32, 16], 7));
    const random = new Random(8);
    const garbage = Uint8Array.from({ length: 256 }, () => random.int(256));
    await expect(OnnxRanker.load(bytes.subarray(0, Math.floor(bytes.length / 2)))).rejects.toThrow(/cannot load the ranker ONNX model/);
    await expect(OnnxRanker.load(garbage)).rejects.toThrow(/cannot load the ranker ONNX model/);
    await expect(OnnxRanker.load(new Uint8Array(0))).rejects.toThrow(/cannot load the ranker ONNX model/);
  });

  it('refuses an ONNX model that is not a ranker', async () => {
    const relu = onnx.ModelProto.encode({
      irVersion: 8,
      opsetImport: [{ domain: '', version: 17 }],
      graph: {
        name: 'relu',
        node: [{ opType: 'Relu', input: ['x'], output: ['y'] }],
        input: [{ name: 'x', type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: [{ dimValue: 3 }] } } } }],
        output: [{ name: 'y', type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: [{ dimValue: 3 }] } } } }],
      },
    }).finish();
    await expect(OnnxRanker.load(relu)).rejects.toThrow(/not a ranker ONNX model/);
  });

  it('refuses to export an inconsistent model', () => {
    const model = randomModel(4, [3], 2);
    expect(() => exportRankerToOnnx({ ...model, means: new Float32Array(3) })).toThrow(/means and stds/);
    expect(() => exportRankerToOnnx({ ...model, layers: model.layers.slice(0, 1) })).toThrow(/one output/);
  });
});
