// All shape arithmetic of convolution and pooling in one pure function returning one flat record
// (after TensorFlow.js's computeConv2DInfo). Kernels only read the record; they never re-derive sizes.

/** A size given for both height and width at once (`3`) or separately (`[3, 1]`), as PyTorch allows. */
export type Pair = number | readonly [number, number];

/** Padding: a number or `[height, width]` pair added on both sides, or `'same'` / `'valid'` as in PyTorch. */
export type Padding = Pair | 'same' | 'valid';

/** The flat description of one 2-D sliding-window op that every conv and pool kernel reads. */
export interface ConvGeometry {
  readonly batch: number;
  readonly inChannels: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly outChannels: number;
  readonly groups: number;
  /** Input channels seen by one output channel (inChannels / groups). */
  readonly inChannelsPerGroup: number;
  readonly outChannelsPerGroup: number;
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
  /** Extent of the kernel on the input once dilated: dilation * (kernel - 1) + 1. */
  readonly effectiveKernelHeight: number;
  readonly effectiveKernelWidth: number;
  readonly outHeight: number;
  readonly outWidth: number;
}

export interface GeometryRequest {
  /** Names the op in error messages. */
  readonly op: string;
  readonly batch: number;
  readonly inChannels: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly outChannels: number;
  readonly groups: number;
  readonly kernelHeight: number;
  readonly kernelWidth: number;
  readonly stride: Pair;
  readonly padding: Padding;
  readonly dilation: Pair;
  /** Pooling only: round the output size up instead of down, as PyTorch's ceil_mode. */
  readonly ceilMode?: boolean;
}

const describe = (value: unknown): string => {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  return String(value);
};

const isPositiveInt = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1;
const isNonNegativeInt = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/**
 * Reads a number-or-pair option as `[height, width]`, throwing `op: name must be ... got value` when
 * either part fails `accept`.
 */
export function readPair(
  op: string,
  name: string,
  value: unknown,
  accept: (v: unknown) => boolean,
  what: string,
): [number, number] {
  if (typeof value === 'number') {
    if (!accept(value)) throw new Error(`${op}: ${name} must be ${what}, got ${describe(value)}`);
    return [value, value];
  }
  if (Array.isArray(value) && value.length === 2) {
    if (!accept(value[0]) || !accept(value[1])) {
      throw new Error(`${op}: ${name} must be ${what}, got ${describe(value)}`);
    }
    return [value[0] as number, value[1] as number];
  }
  throw new Error(`${op}: ${name} must be a number or a pair [height, width], got ${describe(value)}`);
}

export const readPositivePair = (op: string, name: string, value: unknown): [number, number] =>
  readPair(op, name, value, isPositiveInt, 'a positive integer');

export const readNonNegativePair = (op: string, name: string, value: unknown): [number, number] =>
  readPair(op, name, value, isNonNegativeInt, 'a non-negative integer');

/** PyTorch's pooling_output_shape: floor (or ceil) division, and a ceil window may not start in the padding. */
function windowCount(
  size: number,
  padBefore: number,
  padAfter: number,
  effectiveKernel: number,
  stride: number,
  ceilMode: boolean,
): number {
  const span = size + padBefore + padAfter - effectiveKernel;
  if (!ceilMode) return Math.floor(span / stride) + 1;
  let out = Math.ceil(span / stride) + 1;
  if ((out - 1) * stride >= size + padBefore) out--;
  return out;
}

/** Validates a sliding-window configuration and returns its flat geometry record. */
export function convGeometry(req: GeometryRequest): ConvGeometry {
  const { op } = req;
  const [strideHeight, strideWidth] = readPositivePair(op, 'stride', req.stride);
  const [dilationHeight, dilationWidth] = readPositivePair(op, 'dilation', req.dilation);
  const { kernelHeight, kernelWidth, inHeight, inWidth } = req;
  if (!isPositiveInt(kernelHeight) || !isPositiveInt(kernelWidth)) {
    throw new Error(`${op}: kernel size must be positive integers, got ${kernelHeight}x${kernelWidth}`);
  }
  const effectiveKernelHeight = dilationHeight * (kernelHeight - 1) + 1;
  const effectiveKernelWidth = dilationWidth * (kernelWidth - 1) + 1;

  let padTop: number, padBottom: number, padLeft: number, padRight: number;
  if (req.padding === 'valid') {
    padTop = padBottom = padLeft = padRight = 0;
  } else if (req.padding === 'same') {
    if (strideHeight !== 1 || strideWidth !== 1) {
      throw new Error(
        `${op}: padding 'same' is not supported for strided convolutions (stride ${describe([strideHeight, strideWidth])})`,
      );
    }
    // PyTorch puts the odd extra pixel at the bottom / right.
    const totalH = effectiveKernelHeight - 1;
    const totalW = effectiveKernelWidth - 1;
    padTop = Math.floor(totalH / 2);
    padBottom = totalH - padTop;
    padLeft = Math.floor(totalW / 2);
    padRight = totalW - padLeft;
  } else if (typeof req.padding === 'string') {
    throw new Error(
      `${op}: padding must be a non-negative integer, a pair, 'same' or 'valid', got ${describe(req.padding)}`,
    );
  } else {
    [padTop, padLeft] = readNonNegativePair(op, 'padding', req.padding);
    padBottom = padTop;
    padRight = padLeft;
  }

  const paddedHeight = inHeight + padTop + padBottom;
  const paddedWidth = inWidth + padLeft + padRight;
  if (effectiveKernelHeight > paddedHeight || effectiveKernelWidth > paddedWidth) {
    const dilated =
      effectiveKernelHeight !== kernelHeight || effectiveKernelWidth !== kernelWidth
        ? ` (dilated ${effectiveKernelHeight}x${effectiveKernelWidth})`
        : '';
    throw new Error(
      `${op}: kernel ${kernelHeight}x${kernelWidth}${dilated} is larger than the padded input ${paddedHeight}x${paddedWidth}`,
    );
  }
  const ceilMode = req.ceilMode ?? false;
  const outHeight = windowCount(inHeight, padTop, padBottom, effectiveKernelHeight, strideHeight, ceilMode);
  const outWidth = windowCount(inWidth, padLeft, padRight, effectiveKernelWidth, strideWidth, ceilMode);

  return {
    batch: req.batch,
    inChannels: req.inChannels,
    inHeight,
    inWidth,
    outChannels: req.outChannels,
    groups: req.groups,
    inChannelsPerGroup: req.inChannels / req.groups,
    outChannelsPerGroup: req.outChannels / req.groups,
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
    effectiveKernelHeight,
    effectiveKernelWidth,
    outHeight,
    outWidth,
  };
}
