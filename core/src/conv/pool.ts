import { fromOp } from '../autograd/graph.ts';
import { formatShape } from '../shape.ts';
import type { Tensor } from '../tensor.ts';
import { avgPoolBackward, avgPoolForward, maxPoolBackward, maxPoolForward } from '../kernels/pool.ts';
import {
  convGeometry,
  readNonNegativePair,
  readPositivePair,
  type ConvGeometry,
  type Pair,
} from './geometry.ts';

export interface MaxPool2dOptions {
  /** Defaults to the kernel size, as in PyTorch (also when `null`). */
  stride?: Pair | null;
  padding?: Pair;
  dilation?: Pair;
  ceilMode?: boolean;
}

export interface AvgPool2dOptions {
  /** Defaults to the kernel size, as in PyTorch (also when `null`). */
  stride?: Pair | null;
  padding?: Pair;
  ceilMode?: boolean;
  /** Whether the zero padding counts in the divisor (PyTorch's default: true). */
  countIncludePad?: boolean;
}

/** Validates a pooling call (PyTorch's rules) and returns its geometry; input NCHW or CHW. */
export function poolGeometry(
  op: string,
  inputShape: readonly number[],
  kernelSize: Pair,
  stride: Pair | null | undefined,
  padding: Pair,
  dilation: Pair,
  ceilMode: boolean,
): ConvGeometry {
  if (inputShape.length !== 3 && inputShape.length !== 4) {
    throw new Error(
      `${op}: input must be 3-D (channels, height, width) or 4-D (batch, channels, height, width), got shape ${formatShape(inputShape)}`,
    );
  }
  const [kernelHeight, kernelWidth] = readPositivePair(op, 'kernel size', kernelSize);
  const [padHeight, padWidth] = readNonNegativePair(op, 'padding', padding);
  if (padHeight > Math.floor(kernelHeight / 2) || padWidth > Math.floor(kernelWidth / 2)) {
    throw new Error(
      `${op}: padding [${padHeight}, ${padWidth}] must be at most half the kernel size [${kernelHeight}, ${kernelWidth}]`,
    );
  }
  const batched = inputShape.length === 4;
  const [channels, inHeight, inWidth] = inputShape.slice(batched ? 1 : 0);
  return convGeometry({
    op,
    batch: batched ? inputShape[0] : 1,
    inChannels: channels,
    inHeight,
    inWidth,
    outChannels: channels,
    // pooling is depthwise: one group per channel (at least one, so an empty input divides cleanly)
    groups: Math.max(channels, 1),
    kernelHeight,
    kernelWidth,
    stride: stride ?? [kernelHeight, kernelWidth],
    padding: [padHeight, padWidth],
    dilation,
    ceilMode,
  });
}

function outputShape(input: Tensor, g: ConvGeometry): number[] {
  const planes = [g.inChannels, g.outHeight, g.outWidth];
  return input.shape.length === 4 ? [g.batch, ...planes] : planes;
}

/** `torch.nn.functional.max_pool2d`: the maximum of each window; the gradient goes to the (first) maximum. */
export function maxPool2d(input: Tensor, kernelSize: Pair, options: MaxPool2dOptions = {}): Tensor {
  const g = poolGeometry(
    'maxPool2d',
    input.shape,
    kernelSize,
    options.stride,
    options.padding ?? 0,
    options.dilation ?? 1,
    options.ceilMode ?? false,
  );
  const size = g.batch * g.inChannels * g.outHeight * g.outWidth;
  const out = new Float32Array(size);
  const argmax = new Int32Array(size);
  maxPoolForward(input.data, out, argmax, g);
  return fromOp('maxPool2d', out, outputShape(input, g), [input], (gradOutput) => {
    const gradInput = new Float32Array(input.data.length);
    maxPoolBackward(gradOutput, argmax, gradInput, g);
    return [gradInput];
  });
}

/** `torch.nn.functional.avg_pool2d` with PyTorch's defaults (the padding counts in the average). */
export function avgPool2d(input: Tensor, kernelSize: Pair, options: AvgPool2dOptions = {}): Tensor {
  const g = poolGeometry(
    'avgPool2d',
    input.shape,
    kernelSize,
    options.stride,
    options.padding ?? 0,
    1,
    options.ceilMode ?? false,
  );
  const countIncludePad = options.countIncludePad ?? true;
  const out = new Float32Array(g.batch * g.inChannels * g.outHeight * g.outWidth);
  avgPoolForward(input.data, out, g, countIncludePad);
  return fromOp('avgPool2d', out, outputShape(input, g), [input], (gradOutput) => {
    const gradInput = new Float32Array(input.data.length);
    avgPoolBackward(gradOutput, gradInput, g, countIncludePad);
    return [gradInput];
  });
}
