import { fromOp } from '../autograd/graph.ts';
import { formatShape } from '../shape.ts';
import type { Tensor } from '../tensor.ts';
import {
  conv2dBackwardBias,
  conv2dBackwardInputKernel,
  conv2dBackwardWeightKernel,
  conv2dForwardKernel,
} from '../kernels/conv.ts';
import { convGeometry, type ConvGeometry, type Padding, type Pair } from './geometry.ts';

/** The options of `torch.nn.functional.conv2d`, each defaulting as in PyTorch. */
export interface Conv2dOptions {
  stride?: Pair;
  padding?: Padding;
  dilation?: Pair;
  groups?: number;
}

/**
 * Validates the shapes and options of a conv2d call and returns its geometry. `inputShape` is NCHW or
 * unbatched CHW (then batch 1); `weightShape` is [outChannels, inChannels / groups, kH, kW].
 */
export function conv2dGeometry(
  inputShape: readonly number[],
  weightShape: readonly number[],
  options: Conv2dOptions = {},
  biasShape: readonly number[] | null = null,
): ConvGeometry {
  if (inputShape.length !== 3 && inputShape.length !== 4) {
    throw new Error(
      `conv2d: input must be 3-D (channels, height, width) or 4-D (batch, channels, height, width), got shape ${formatShape(inputShape)}`,
    );
  }
  if (weightShape.length !== 4) {
    throw new Error(
      `conv2d: weight must be 4-D (outChannels, inChannels / groups, kernelHeight, kernelWidth), got shape ${formatShape(weightShape)}`,
    );
  }
  const batched = inputShape.length === 4;
  const batch = batched ? inputShape[0] : 1;
  const [inChannels, inHeight, inWidth] = inputShape.slice(batched ? 1 : 0);
  const [outChannels, weightInChannels, kernelHeight, kernelWidth] = weightShape;
  const groups = options.groups ?? 1;
  if (!Number.isInteger(groups) || groups < 1) {
    throw new Error(`conv2d: groups must be a positive integer, got ${groups}`);
  }
  if (outChannels % groups !== 0) {
    throw new Error(`conv2d: out channels ${outChannels} are not divisible by groups ${groups}`);
  }
  if (inChannels !== weightInChannels * groups) {
    throw new Error(
      `conv2d: input has ${inChannels} channels but weight expects ${weightInChannels * groups} (groups ${groups})`,
    );
  }
  if (biasShape !== null && (biasShape.length !== 1 || biasShape[0] !== outChannels)) {
    throw new Error(
      `conv2d: bias must have shape [${outChannels}] (one value per out channel), got ${formatShape(biasShape)}`,
    );
  }
  return convGeometry({
    op: 'conv2d',
    batch,
    inChannels,
    inHeight,
    inWidth,
    outChannels,
    groups,
    kernelHeight,
    kernelWidth,
    stride: options.stride ?? 1,
    padding: options.padding ?? 0,
    dilation: options.dilation ?? 1,
  });
}

/** The shape conv2d returns for these shapes and options (validated as conv2d would). */
export function conv2dOutputShape(
  inputShape: readonly number[],
  weightShape: readonly number[],
  options: Conv2dOptions = {},
): number[] {
  const g = conv2dGeometry(inputShape, weightShape, options);
  const planes = [g.outChannels, g.outHeight, g.outWidth];
  return inputShape.length === 4 ? [g.batch, ...planes] : planes;
}

/**
 * 2-D convolution (cross-correlation, as in deep learning) exactly as `torch.nn.functional.conv2d`:
 * input NCHW (or unbatched CHW, giving a CHW output), weight [outChannels, inChannels / groups, kH, kW],
 * optional bias [outChannels]. Gradients flow to input, weight and bias.
 */
export function conv2d(
  input: Tensor,
  weight: Tensor,
  bias?: Tensor | null,
  options: Conv2dOptions = {},
): Tensor {
  const b = bias ?? null;
  const g = conv2dGeometry(input.shape, weight.shape, options, b === null ? null : b.shape);
  const outShape =
    input.shape.length === 4
      ? [g.batch, g.outChannels, g.outHeight, g.outWidth]
      : [g.outChannels, g.outHeight, g.outWidth];
  const out = new Float32Array(g.batch * g.outChannels * g.outHeight * g.outWidth);
  conv2dForwardKernel(input.data, weight.data, b === null ? null : b.data, out, g);
  const inputs = b === null ? [input, weight] : [input, weight, b];
  return fromOp('conv2d', out, outShape, inputs, (gradOutput) => {
    let gradInput: Float32Array | null = null;
    let gradWeight: Float32Array | null = null;
    if (input.requiresGrad) {
      gradInput = new Float32Array(input.data.length);
      conv2dBackwardInputKernel(gradOutput, weight.data, gradInput, g);
    }
    if (weight.requiresGrad) {
      gradWeight = new Float32Array(weight.data.length);
      conv2dBackwardWeightKernel(gradOutput, input.data, gradWeight, g);
    }
    if (b === null) return [gradInput, gradWeight];
    let gradBias: Float32Array | null = null;
    if (b.requiresGrad) {
      gradBias = new Float32Array(g.outChannels);
      conv2dBackwardBias(gradOutput, gradBias, g);
    }
    return [gradInput, gradWeight, gradBias];
  });
}
