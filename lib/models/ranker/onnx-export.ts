import { onnx } from 'onnx-proto';
import { assertConsistentModel, type RankerModel } from './mlp';

/**
 * Serialises a ranker as an ONNX model, so serving can score with onnxruntime instead of the
 * TypeScript forward pass. The graph computes exactly what `forward` does, logits included:
 *   features [N, F] → Sub(mean) → Div(std) → (Gemm → Relu)* → Gemm → score [N, 1]
 */

export const ONNX_INPUT_NAME = 'features';
export const ONNX_OUTPUT_NAME = 'score';
/** Opset 17 and IR version 8: well within what onnxruntime-node 1.30 reads, and what the onnx-proto schema (ONNX 1.10) describes. */
const OPSET_VERSION = 17;
const IR_VERSION = 8;
/** Symbolic batch dimension: any number of candidates per run. */
const BATCH_DIMENSION = 'N';

export function exportRankerToOnnx(model: RankerModel): Uint8Array {
  assertConsistentModel(model);
  const initializers = [floatTensor('feature_mean', [model.featureCount], model.means), floatTensor('feature_std', [model.featureCount], model.stds)];
  const nodes = [node('Sub', [ONNX_INPUT_NAME, 'feature_mean'], 'centred'), node('Div', ['centred', 'feature_std'], 'standardised')];

  let activation = 'standardised';
  model.layers.forEach((layer, l) => {
    const weights = `layer${l}_weights`;
    const biases = `layer${l}_biases`;
    initializers.push(floatTensor(weights, [layer.outputSize, layer.inputSize], layer.weights), floatTensor(biases, [layer.outputSize], layer.biases));
    const isLast = l === model.layers.length - 1;
    const linear = isLast ? ONNX_OUTPUT_NAME : `layer${l}_linear`;
    // The weights are stored output-major, hence transB: Gemm computes activation · weightsᵀ + biases.
    nodes.push(node('Gemm', [activation, weights, biases], linear, [{ name: 'transB', type: onnx.AttributeProto.AttributeType.INT, i: 1 }]));
    if (!isLast) {
      activation = `layer${l}_relu`;
      nodes.push(node('Relu', [linear], activation));
    }
  });

  const metadata: onnx.IStringStringEntryProto[] = [{ key: 'loss', value: model.loss }];
  if (model.featureNames) metadata.push({ key: 'feature_names', value: JSON.stringify(model.featureNames) });

  return onnx.ModelProto.encode({
    irVersion: IR_VERSION,
    producerName: 'tailor',
    opsetImport: [{ domain: '', version: OPSET_VERSION }],
    metadataProps: metadata,
    graph: {
      name: 'tailor_ranker',
      node: nodes,
      initializer: initializers,
      input: [floatValue(ONNX_INPUT_NAME, [BATCH_DIMENSION, model.featureCount])],
      output: [floatValue(ONNX_OUTPUT_NAME, [BATCH_DIMENSION, 1])],
    },
  }).finish();
}

function node(opType: string, input: string[], output: string, attribute: onnx.IAttributeProto[] = []): onnx.INodeProto {
  return { name: `${output}_${opType.toLowerCase()}`, opType, input, output: [output], attribute };
}

/** `floatData` rather than `rawData`: protobuf writes it little-endian on any host, as ONNX requires; a copy of a Float32Array's bytes would be right only on little-endian ones. */
function floatTensor(name: string, dims: number[], values: Float32Array): onnx.ITensorProto {
  return { name, dims, dataType: onnx.TensorProto.DataType.FLOAT, floatData: Array.from(values) };
}

function floatValue(name: string, shape: (number | string)[]): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: shape.map((size) => (typeof size === 'number' ? { dimValue: size } : { dimParam: size })) },
      },
    },
  };
}
