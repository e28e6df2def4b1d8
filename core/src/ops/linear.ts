import { fromOp } from '../autograd/graph.ts';
import { formatShape } from '../shape.ts';
import type { Tensor } from '../tensor.ts';
import { denseBackwardInput, denseBackwardWeight, denseForward } from '../kernels/dense.ts';

// The affine map of a dense layer as one op. Layouts (row-major): input X [rows, in] (any leading
// dims flattened into rows), weight W [out, in] as PyTorch stores it, output Y [rows, out]:
//   Y = X · Wᵀ + b,  dX = dY · W,  dW = dYᵀ · X  (kernels/dense.ts),  db = the column sums of dY

/** y = x Wᵀ + b, as `torch.nn.functional.linear(input, weight, bias)`; input [..., in] or [in]. */
export function linear(input: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  const b = bias ?? null;
  if (weight.shape.length !== 2) {
    throw new Error(
      `linear: weight must be 2-D (outFeatures, inFeatures), got shape ${formatShape(weight.shape)}`,
    );
  }
  const [outFeatures, inFeatures] = weight.shape;
  if (input.shape.length === 0 || input.shape[input.shape.length - 1] !== inFeatures) {
    throw new Error(
      `linear: input has shape ${formatShape(input.shape)} but weight expects ${inFeatures} features in the last dimension`,
    );
  }
  if (b !== null && (b.shape.length !== 1 || b.shape[0] !== outFeatures)) {
    throw new Error(`linear: bias must have shape [${outFeatures}], got ${formatShape(b.shape)}`);
  }
  const rows = inFeatures === 0 ? 0 : input.data.length / inFeatures;
  const out = new Float32Array(rows * outFeatures);
  denseForward(input.data, weight.data, b === null ? null : b.data, out, rows, inFeatures, outFeatures);
  const outShape = [...input.shape.slice(0, -1), outFeatures];
  const inputs = b === null ? [input, weight] : [input, weight, b];
  return fromOp('linear', out, outShape, inputs, (g) => {
    let gradInput: Float32Array | null = null;
    let gradWeight: Float32Array | null = null;
    if (input.requiresGrad) {
      gradInput = new Float32Array(input.data.length);
      denseBackwardInput(g, weight.data, gradInput, rows, inFeatures, outFeatures);
    }
    if (weight.requiresGrad) {
      gradWeight = new Float32Array(weight.data.length);
      denseBackwardWeight(g, input.data, gradWeight, rows, inFeatures, outFeatures);
    }
    if (b === null) return [gradInput, gradWeight];
    let gradBias: Float32Array | null = null;
    if (b.requiresGrad) {
      const sums = new Float64Array(outFeatures);
      for (let r = 0; r < rows; r++) for (let o = 0; o < outFeatures; o++) sums[o] += g[r * outFeatures + o];
      gradBias = Float32Array.from(sums);
    }
    return [gradInput, gradWeight, gradBias];
  });
}
