/**
 * Shape arithmetic of one 2-D sliding window (a convolution or a pooling window) over one channel, as
 * the explain views read it: the core's own geometry record (conv/geometry.ts, the one the kernels
 * use, so the views and the kernels cannot disagree), plus the padded input's size. Conventions are
 * PyTorch's: `'same'` puts the odd extra padding cell at the bottom/right, output sizes round down.
 */
import { convGeometry, type ConvGeometry, type Padding, type Pair } from '../conv/geometry.ts';

export interface WindowOptions {
  readonly padding?: Padding;
  readonly stride?: Pair;
  readonly dilation?: Pair;
}

/** conv/geometry.ts's record for one channel (batch, channels and groups 1), plus the padded input's size. */
export interface WindowGeometry extends ConvGeometry {
  readonly paddedHeight: number;
  readonly paddedWidth: number;
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
    ...g,
    paddedHeight: inHeight + g.padTop + g.padBottom,
    paddedWidth: inWidth + g.padLeft + g.padRight,
  };
}
