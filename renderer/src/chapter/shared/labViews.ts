// What the chapter's tabs read from the lab, computed from its state: the window options of the current
// geometry, the kernel actually applied, the training target, the output error, autograd's kernel
// gradient (through the core's layer forward pass + backward) and the layer cost spec. Pure functions that
// never throw where the view would have to catch: they return `{ error }` instead.
import { tensor } from '../../../../core/src/index.ts';
import { convLayer } from '../../../../core/src/conv/convLayer.ts';
import { squaredLoss } from '../../../../core/src/train/loss.ts';
import {
  planeConvCostSpec,
  type ConvCostSpec,
  type WindowOptions,
} from '../../../../core/src/explain/index.ts';
import { appliedKernel, featureMap } from '../../lib/liveConv.ts';
import { geometryProblem, type LayerGeometry } from '../../../../core/src/conv/geometry.ts';
import type { Grid } from '../../lib/grid.ts';
import { errorMessage, type Outcome } from './data.ts';

export const windowOptions = (g: LayerGeometry): WindowOptions => ({
  padding: [g.padding[0], g.padding[1]],
  stride: [g.stride[0], g.stride[1]],
  dilation: [g.dilation[0], g.dilation[1]],
});

/** The lab's kernel as the window applies it (rotated 180 degrees for a true convolution). */
export const labKernel = (kernel: Grid, flip: boolean): Grid => appliedKernel(kernel, flip);

export interface OutputError {
  /** dL/dY, the output's shape. */
  grid: Grid;
  /** 'loss': 2·(Y − target) for the current weights; 'ones': no target to compare with. */
  source: 'loss' | 'ones';
}

/**
 * dL/dY of the textbook's squared loss Σ (Y − target)² for `weights` on `input`, or ones (dL/dY of
 * L = ΣY) when there is no target of the output's shape.
 */
export function outputError(
  input: Grid,
  weights: Grid,
  geometry: LayerGeometry,
  target: Grid | null,
  flip = false,
): Outcome<OutputError> {
  const y = featureMap(input, weights, geometry, flip);
  if (y === null) {
    return { value: null, error: `The layer cannot run: ${geometryProblem(input, weights, geometry)}` };
  }
  if (target === null || target.height !== y.height || target.width !== y.width) {
    return {
      value: { grid: { ...y, data: new Float32Array(y.data.length).fill(1) }, source: 'ones' },
      error: null,
    };
  }
  const data = new Float32Array(y.data.length);
  squaredLoss('sum-squared', y.data, target.data, data);
  return { value: { grid: { height: y.height, width: y.width, data }, source: 'loss' }, error: null };
}

/**
 * Autograd's K.grad for the lab's layer: the core's layer forward pass (the trainer's) with a weight that
 * requires grad, and backward with dL/dY as the output's gradient.
 */
export function autogradKernelGradient(
  input: Grid,
  weights: Grid,
  geometry: LayerGeometry,
  outputGradient: Grid,
): Outcome<Grid> {
  try {
    const x = tensor(input.data, { shape: [1, 1, input.height, input.width] });
    const w = tensor(weights.data, { shape: [1, 1, weights.height, weights.width], requiresGrad: true });
    const y = convLayer(x, w, null, geometry);
    y.backward(tensor(outputGradient.data, { shape: [1, 1, outputGradient.height, outputGradient.width] }));
    const grad = w.grad;
    if (grad === null) return { value: null, error: 'autograd: the kernel received no gradient' };
    return {
      value: { height: weights.height, width: weights.width, data: Float32Array.from(grad.data) },
      error: null,
    };
  } catch (error) {
    return { value: null, error: errorMessage(error) };
  }
}

/** The lab's layer as the cost panel (and the cost exercise) counts it: one channel in and out, no bias. */
export const labCostSpec = (input: Grid, kernel: Grid, geometry: LayerGeometry): ConvCostSpec =>
  planeConvCostSpec(input, kernel, geometry);

/** `a` and `b` as the largest absolute difference of their values (same length assumed). */
export function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}
