/**
 * Shape arithmetic of one 2-D sliding window (a convolution or a pooling window) over one channel, as
 * the explain views read it: the core's own geometry record (conv/geometry.ts, the one the kernels
 * use), plus the padded input's size. Conventions are PyTorch's: `'same'` puts the odd extra padding
 * cell at the bottom/right, output sizes round down.
 */
import {
  convGeometry,
  readNonNegativePair,
  readPositivePair,
  type Padding,
  type Pair,
} from '../conv/geometry.ts';

export type { Padding, Pair };

export interface WindowOptions {
  readonly padding?: Padding;
  readonly stride?: Pair;
  readonly dilation?: Pair;
}

/** Everything about a window sliding over an input, in cells. */
export interface WindowGeometry {
  readonly inHeight: number;
  readonly inWidth: number;
  readonly kernelHeight: number;
  readonly kernelWidth: number;
  readonly strideHeight: number;
  readonly strideWidth: number;
  readonly dilationHeight: number;
  readonly dilationWidth: number;
  readonly padTop: number;
  readonly padBottom: number;
  readonly padLeft: number;
  readonly padRight: number;
  readonly paddedHeight: number;
  readonly paddedWidth: number;
  /** The kernel's extent on the input once dilated: dilation * (kernel - 1) + 1. */
  readonly effectiveKernelHeight: number;
  readonly effectiveKernelWidth: number;
  readonly outHeight: number;
  readonly outWidth: number;
}

/** Reads a number-or-pair option as `[height, width]`, each an integer >= `min` (0 or 1). */
export function resolvePair(fn: string, name: string, value: unknown, min: 0 | 1): [number, number] {
  return min === 0 ? readNonNegativePair(fn, name, value) : readPositivePair(fn, name, value);
}

/**
 * Resolves the geometry of a `kernelHeight` x `kernelWidth` window over an `inHeight` x `inWidth`
 * input, throwing an error naming `fn` and the values when the window does not fit.
 */
export function windowGeometry(
  fn: string,
  inHeight: number,
  inWidth: number,
  kernelHeight: number,
  kernelWidth: number,
  options: WindowOptions = {},
): WindowGeometry {
  for (const [name, v] of [
    ['input height', inHeight],
    ['input width', inWidth],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`${fn}: ${name} must be a positive integer, got ${v}`);
  }
  const g = convGeometry({
    op: fn,
    batch: 1,
    inChannels: 1,
    outChannels: 1,
    groups: 1,
    inHeight,
    inWidth,
    kernelHeight,
    kernelWidth,
    stride: options.stride ?? 1,
    padding: options.padding ?? 0,
    dilation: options.dilation ?? 1,
  });
  return {
    inHeight,
    inWidth,
    kernelHeight,
    kernelWidth,
    strideHeight: g.strideHeight,
    strideWidth: g.strideWidth,
    dilationHeight: g.dilationHeight,
    dilationWidth: g.dilationWidth,
    padTop: g.padTop,
    padBottom: g.padBottom,
    padLeft: g.padLeft,
    padRight: g.padRight,
    paddedHeight: inHeight + g.padTop + g.padBottom,
    paddedWidth: inWidth + g.padLeft + g.padRight,
    effectiveKernelHeight: g.effectiveKernelHeight,
    effectiveKernelWidth: g.effectiveKernelWidth,
    outHeight: g.outHeight,
    outWidth: g.outWidth,
  };
}
