// The learning rate's stability limit. The lab's loss is quadratic in the weights: the layer's output
// is linear in them, Y = A w (A: the im2col matrix of the padded input, one row per output value,
// one column per weight, plus a column of ones for a bias), so L(w) = c |A w - T|^2 with c = 1 for the
// summed loss and 1 / (output count) for the mean. Its Hessian is H = 2c AᵀA, the same at every point,
// and plain gradient descent w <- w - lr ∇L converges exactly while lr < 2 / λmax(H). Output channels
// share the input, so H is block diagonal with one identical block per channel: one block suffices.
import { convLayer } from '../conv/convLayer.ts';
import { layerOutputSize, padSource } from '../conv/geometry.ts';
import { symmetricEigen } from '../linalg/symmetricEigen.ts';
import { Tensor } from '../tensor.ts';
import type { Experiment, Image, Layer, LossKind } from './experiment.ts';
import { imageTensor } from './layerForward.ts';

/** What the learning rate may be for this experiment's optimiser. */
export type StabilityLimit =
  { kind: 'limit'; lambdaMax: number; limit: number } | { kind: 'not-applicable'; reason: string };

/**
 * Up to this many parameters per output channel (the lab's 7 x 7 kernel editor has 49), AᵀA is built
 * column by column and solved exactly; beyond, power iteration with the forward pass and its adjoint
 * never forms it (a 16-channel 64 x 64 kernel would make a 65,536² matrix).
 */
const DIRECT_MAX_PARAMETERS = 64;
/** Power iteration stops here, or once λ changes by less than this fraction between iterations. */
const POWER_MAX_ITERATIONS = 300;
const POWER_TOLERANCE = 1e-9;

/** The stability limit of the experiment's optimiser, or why there is none in this form. */
export function stabilityLimit(experiment: Experiment): StabilityLimit {
  const o = experiment.optimizer;
  if (o.kind === 'adam') {
    return {
      kind: 'not-applicable',
      reason: 'Adam scales each step by its running gradient size, so 2 / λmax does not bound its rate',
    };
  }
  if ((o.momentum ?? 0) > 0) {
    return {
      kind: 'not-applicable',
      reason: 'with momentum the bound is not 2 / λmax (heavy-ball momentum β allows up to 2(1 + β) / λmax)',
    };
  }
  const lambdaMax = lossHessianLambdaMax(experiment.input, experiment.layer, experiment.loss);
  return { kind: 'limit', lambdaMax, limit: lambdaMax > 0 ? 2 / lambdaMax : Number.POSITIVE_INFINITY };
}

/** λmax of the loss's Hessian in the layer's weights (and bias) for this input, layer and loss. */
export function lossHessianLambdaMax(input: Image, layer: Layer, loss: LossKind): number {
  const [kh, kw] = layer.kernelSize;
  const weightCount = layer.inChannels * kh * kw;
  const parameters = weightCount + (layer.bias ? 1 : 0);
  const lambdaGram =
    parameters <= DIRECT_MAX_PARAMETERS
      ? symmetricEigen(gramMatrix(input, layer, weightCount), parameters).values[0]
      : powerIteration(input, layer, weightCount);
  const [outHeight, outWidth] = layerOutputSize(input.height, input.width, layer.kernelSize, layer);
  const scale = loss === 'mse' ? 1 / Math.max(outHeight * outWidth * layer.outChannels, 1) : 1;
  return 2 * scale * lambdaGram;
}

/** One output channel's layer: the weight [1, in, kh, kw] and the pass its forward runs. */
const channelShape = (layer: Layer): [number, number, number, number] => [
  1,
  layer.inChannels,
  layer.kernelSize[0],
  layer.kernelSize[1],
];

/**
 * AᵀA (P x P, row-major, float64), P = weightCount (+ 1 for the bias), accumulated one row of A (one
 * output position's window, im2col) at a time. Which input cell a padded position reads is the core's
 * one rule, padSource; the flip only reorders A's columns, which leaves the eigenvalues as they are.
 * Cost: outputs x P² / 2 at most (the lab's 7 x 7 kernel: 1,225 per output), less where the window
 * holds zeros, which add nothing.
 */
function gramMatrix(input: Image, layer: Layer, weightCount: number): Float64Array {
  const { channels, height, width, data } = input;
  const [kh, kw] = layer.kernelSize;
  const [outHeight, outWidth] = layerOutputSize(height, width, layer.kernelSize, layer);
  const p = weightCount + (layer.bias ? 1 : 0);
  // rowOf[oy * kh + i]: the input row that kernel row i reads at output row oy (-1: a zero of padding).
  const rowOf = new Int32Array(Math.max(outHeight, 0) * kh);
  for (let oy = 0; oy < outHeight; oy++)
    for (let i = 0; i < kh; i++)
      rowOf[oy * kh + i] = padSource(
        oy * layer.stride[0] + i * layer.dilation[0] - layer.padding[0],
        height,
        layer.paddingMode,
      );
  const colOf = new Int32Array(Math.max(outWidth, 0) * kw);
  for (let ox = 0; ox < outWidth; ox++)
    for (let j = 0; j < kw; j++)
      colOf[ox * kw + j] = padSource(
        ox * layer.stride[1] + j * layer.dilation[1] - layer.padding[1],
        width,
        layer.paddingMode,
      );
  const gram = new Float64Array(p * p);
  // One row of A as its non-zero entries (the only ones that add to AᵀA): indices and values, ascending.
  const nonzero = new Int32Array(p);
  const values = new Float64Array(p);
  for (let oy = 0; oy < outHeight; oy++) {
    for (let ox = 0; ox < outWidth; ox++) {
      let count = 0;
      for (let c = 0; c < channels; c++) {
        for (let i = 0; i < kh; i++) {
          const r = rowOf[oy * kh + i];
          for (let j = 0; j < kw; j++) {
            const q = colOf[ox * kw + j];
            const k = (c * kh + i) * kw + j;
            // Float32, as the trainer holds the input.
            const value = r < 0 || q < 0 ? 0 : Math.fround(data[(c * height + r) * width + q]);
            if (value !== 0) {
              nonzero[count] = k;
              values[count++] = value;
            }
          }
        }
      }
      if (layer.bias) {
        nonzero[count] = weightCount;
        values[count++] = 1;
      }
      for (let a = 0; a < count; a++) {
        const base = nonzero[a] * p;
        const va = values[a];
        for (let b = a; b < count; b++) gram[base + nonzero[b]] += va * values[b];
      }
    }
  }
  // Only entries with a <= b in `nonzero` order were added; nonzero is ascending, so that is the upper triangle.
  for (let a = 0; a < p; a++) for (let b = a + 1; b < p; b++) gram[b * p + a] = gram[a * p + b];
  return gram;
}

/**
 * λmax(AᵀA) by power iteration, AᵀA v = adjoint(forward(v)): the forward pass is the layer's, the
 * adjoint its weight gradient (autograd's backward of Σ Y ⊙ R). The bias's column of ones enters as
 * Σ R (adjoint) and v_b (forward). Starts from a fixed vector, so the same layer gives the same value.
 */
function powerIteration(input: Image, layer: Layer, weightCount: number): number {
  const shape = channelShape(layer);
  const x = imageTensor(input);
  const size = weightCount + (layer.bias ? 1 : 0);
  let v = new Float64Array(size);
  for (let i = 0; i < size; i++) v[i] = 1 + ((i * 7919) % 13) / 13;
  normalise(v);
  let lambda = 0;
  for (let iteration = 0; iteration < POWER_MAX_ITERATIONS; iteration++) {
    const weight = Tensor.internal(Float32Array.from(v.subarray(0, weightCount)), shape, true);
    const y = convLayer(x, weight, null, layer);
    // Forward: A v (the bias adds v_b to every output); then the adjoint Aᵀ(A v) by backward.
    const av = Float32Array.from(y.data, (value) => value + (layer.bias ? v[weightCount] : 0));
    y.backward(Tensor.internal(av, y.shape, false));
    const next = new Float64Array(size);
    const grad = weight.grad?.data ?? new Float32Array(weightCount);
    for (let i = 0; i < weightCount; i++) next[i] = grad[i];
    if (layer.bias) next[weightCount] = av.reduce((sum, value) => sum + value, 0);
    // v has unit length, so vᵀAᵀAv = |Av|² is the Rayleigh quotient.
    const estimate = av.reduce((sum, value) => sum + value * value, 0);
    if (normalise(next) === 0) return 0;
    v = next;
    if (Math.abs(estimate - lambda) <= POWER_TOLERANCE * estimate) return estimate;
    lambda = estimate;
  }
  return lambda;
}

/** Scales `v` to unit length in place; returns its length before. */
function normalise(v: Float64Array): number {
  let sum = 0;
  for (const value of v) sum += value * value;
  const length = Math.sqrt(sum);
  if (length > 0) for (let i = 0; i < v.length; i++) v[i] /= length;
  return length;
}
