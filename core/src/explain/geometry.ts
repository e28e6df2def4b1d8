/**
 * Shape arithmetic of one 2-D sliding window (a convolution or a pooling window) over one channel,
 * resolved once into a flat record that the explain views read. Conventions are PyTorch's: `'same'`
 * puts the odd extra padding cell at the bottom/right, output sizes round down.
 */

/** A size for both height and width (`3`) or `[height, width]`. */
export type Pair = number | readonly [number, number];

/** Padding on both sides of each axis, or PyTorch's `'same'` / `'valid'`. */
export type Padding = Pair | 'same' | 'valid';

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

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  return String(value);
}

/** Reads a number-or-pair option as `[height, width]`, each an integer >= `min`. */
export function resolvePair(fn: string, name: string, value: unknown, min: number): [number, number] {
  const ok = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min;
  if (ok(value)) return [value, value];
  if (Array.isArray(value) && value.length === 2 && ok(value[0]) && ok(value[1])) return [value[0], value[1]];
  const what = min === 0 ? 'a non-negative integer' : `an integer >= ${min}`;
  throw new Error(`${fn}: ${name} must be ${what} or a pair of them, got ${describe(value)}`);
}

/** The output length of a window sliding along one axis (PyTorch's formula, rounding down). */
export function outputLength(
  input: number,
  padTotal: number,
  kernel: number,
  stride: number,
  dilation: number,
): number {
  return Math.floor((input + padTotal - dilation * (kernel - 1) - 1) / stride) + 1;
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
    ['kernel height', kernelHeight],
    ['kernel width', kernelWidth],
  ] as const) {
    if (!Number.isInteger(v) || v < 1)
      throw new Error(`${fn}: ${name} must be a positive integer, got ${describe(v)}`);
  }
  const [strideHeight, strideWidth] = resolvePair(fn, 'stride', options.stride ?? 1, 1);
  const [dilationHeight, dilationWidth] = resolvePair(fn, 'dilation', options.dilation ?? 1, 1);
  const effectiveKernelHeight = dilationHeight * (kernelHeight - 1) + 1;
  const effectiveKernelWidth = dilationWidth * (kernelWidth - 1) + 1;
  const padding = options.padding ?? 0;
  let padTop: number, padBottom: number, padLeft: number, padRight: number;
  if (padding === 'valid') {
    padTop = padBottom = padLeft = padRight = 0;
  } else if (padding === 'same') {
    if (strideHeight !== 1 || strideWidth !== 1) {
      throw new Error(`${fn}: padding 'same' needs stride 1, got stride ${describe(options.stride)}`);
    }
    // As PyTorch: the total is split with the odd cell at the bottom/right.
    const totalH = effectiveKernelHeight - 1;
    const totalW = effectiveKernelWidth - 1;
    padTop = Math.floor(totalH / 2);
    padBottom = totalH - padTop;
    padLeft = Math.floor(totalW / 2);
    padRight = totalW - padLeft;
  } else {
    [padTop, padLeft] = resolvePair(fn, 'padding', padding, 0);
    padBottom = padTop;
    padRight = padLeft;
  }
  const paddedHeight = inHeight + padTop + padBottom;
  const paddedWidth = inWidth + padLeft + padRight;
  if (effectiveKernelHeight > paddedHeight || effectiveKernelWidth > paddedWidth) {
    throw new Error(
      `${fn}: the kernel ${kernelHeight}x${kernelWidth} (dilation ${dilationHeight}x${dilationWidth}, extent ` +
        `${effectiveKernelHeight}x${effectiveKernelWidth}) does not fit in the padded input ${paddedHeight}x${paddedWidth} ` +
        `(input ${inHeight}x${inWidth}, padding top ${padTop} bottom ${padBottom} left ${padLeft} right ${padRight})`,
    );
  }
  return {
    inHeight,
    inWidth,
    kernelHeight,
    kernelWidth,
    strideHeight,
    strideWidth,
    dilationHeight,
    dilationWidth,
    padTop,
    padBottom,
    padLeft,
    padRight,
    paddedHeight,
    paddedWidth,
    effectiveKernelHeight,
    effectiveKernelWidth,
    outHeight: Math.floor((paddedHeight - effectiveKernelHeight) / strideHeight) + 1,
    outWidth: Math.floor((paddedWidth - effectiveKernelWidth) / strideWidth) + 1,
  };
}
