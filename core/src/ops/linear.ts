import { fromOp } from '../autograd/graph.ts';
import { formatShape } from '../shape.ts';
import type { Tensor } from '../tensor.ts';
import { gemm, gemmNT } from '../kernels/gemm.ts';

// The affine map of a dense layer as one op. Layouts (row-major): input X [rows, in] (any leading
// dims flattened into rows), weight W [out, in] as PyTorch stores it, output Y [rows, out]:
//   Y = X · Wᵀ + b        each Y value is a dot product of a row of X with a row of W (gemmNT)
//   dX = dY · W           [rows, out] · [out, in]
//   dW = dYᵀ · X          [out, rows] · [rows, in], dYᵀ read through strides
//   db = the column sums of dY

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
  if (b !== null) for (let r = 0; r < rows; r++) out.set(b.data, r * outFeatures);
  gemmNT(rows, outFeatures, inFeatures, input.data, 0, weight.data, 0, out, 0);
  const outShape = [...input.shape.slice(0, -1), outFeatures];
  const inputs = b === null ? [input, weight] : [input, weight, b];
  return fromOp('linear', out, outShape, inputs, (g) => {
    let gradInput: Float32Array | null = null;
    let gradWeight: Float32Array | null = null;
    if (input.requiresGrad) {
      gradInput = new Float32Array(input.data.length);
      gemm(rows, inFeatures, outFeatures, g, 0, outFeatures, 1, weight.data, 0, gradInput, 0, true);
    }
    if (weight.requiresGrad) {
      gradWeight = new Float32Array(weight.data.length);
      gemm(outFeatures, inFeatures, rows, g, 0, 1, outFeatures, input.data, 0, gradWeight, 0, true);
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
