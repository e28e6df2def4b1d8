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

/** What an op asks for: the sizes as they are in the record, and the options as the user gave them. */
export interface GeometryRequest extends Pick<
  ConvGeometry,
  'batch' | 'inChannels' | 'inHeight' | 'inWidth' | 'outChannels' | 'groups' | 'kernelHeight' | 'kernelWidth'
> {
  /** Names the op in error messages. */
  readonly op: string;
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

/**
 * `'same'` padding [before, after] for a kernel spanning `effectiveKernel` cells (stride 1): PyTorch
 * puts the odd extra pixel at the end (bottom / right).
 */
export function samePadding(effectiveKernel: number): [number, number] {
  const total = effectiveKernel - 1;
  const before = Math.floor(total / 2);
  return [before, total - before];
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
    [padTop, padBottom] = samePadding(effectiveKernelHeight);
    [padLeft, padRight] = samePadding(effectiveKernelWidth);
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

// ---------------------------------------------------------------------------------------------------
// The lab's layer: one convolution over one plane, its padding modes and the problems that stop it.

/** How a padded position is filled, as PyTorch's `padding_mode`; the one list every reader and view uses. */
export const PAD_MODES = ['zeros', 'reflect', 'replicate', 'circular'] as const;
export type PadMode = (typeof PAD_MODES)[number];

/** `'zeros', 'reflect', 'replicate' or 'circular'`, for error messages. */
export const PAD_MODE_CHOICES = `${PAD_MODES.slice(0, -1)
  .map((m) => `'${m}'`)
  .join(', ')} or '${PAD_MODES[PAD_MODES.length - 1]}'`;

export const isPadMode = (value: unknown): value is PadMode =>
  typeof value === 'string' && (PAD_MODES as readonly string[]).includes(value);

/** A layer's geometry as `[height, width]` pairs, as torch.nn.Conv2d takes them (padding on both sides). */
export interface LayerGeometry {
  padding: [number, number];
  paddingMode: PadMode;
  stride: [number, number];
  dilation: [number, number];
}

/** nn.Conv2d's defaults: no padding, zeros mode, stride 1, dilation 1. */
export const defaultLayerGeometry = (): LayerGeometry => ({
  padding: [0, 0],
  paddingMode: 'zeros',
  stride: [1, 1],
  dilation: [1, 1],
});

/** ⌊(n + padTotal − d(k − 1) − 1) / s⌋ + 1: PyTorch's output length along one axis (may be <= 0). */
export function outputLength(
  size: number,
  padTotal: number,
  kernel: number,
  stride: number,
  dilation: number,
): number {
  return windowCount(size, padTotal, 0, dilation * (kernel - 1) + 1, stride, false);
}

/** Output height and width of the layer, as torch.nn.Conv2d computes them (<= 0 when the kernel does not fit). */
export function layerOutputSize(
  inputHeight: number,
  inputWidth: number,
  kernelSize: readonly [number, number],
  g: Pick<LayerGeometry, 'padding' | 'stride' | 'dilation'>,
): [number, number] {
  return [
    outputLength(inputHeight, 2 * g.padding[0], kernelSize[0], g.stride[0], g.dilation[0]),
    outputLength(inputWidth, 2 * g.padding[1], kernelSize[1], g.stride[1], g.dilation[1]),
  ];
}

/** The output length formula with the numbers filled in, as the lab shows it (`= out` when `out` is given). */
export function outputFormula(n: number, k: number, p: number, s: number, d: number, out?: number): string {
  const formula = `floor((${n} + 2*${p} - ${d}*(${k} - 1) - 1) / ${s}) + 1`;
  return out === undefined ? formula : `${formula} = ${out}`;
}

/**
 * The input index that position `i` of an axis of `size` cells reads under `mode`, where `i` counts
 * from the first input cell (negative in the leading padding, >= size in the trailing one); -1 for a
 * zero of zero padding. Reflect mirrors about the edge cells without repeating them, as PyTorch's
 * reflect; it is only defined while the padding is smaller than `size` (see padModeProblem).
 */
export function padSource(i: number, size: number, mode: PadMode): number {
  if (i >= 0 && i < size) return i;
  switch (mode) {
    case 'zeros':
      return -1;
    case 'replicate':
      return i < 0 ? 0 : size - 1;
    case 'reflect':
      return i < 0 ? -i : 2 * (size - 1) - i;
    case 'circular':
      return ((i % size) + size) % size;
  }
}

/**
 * Why `mode` cannot add `before` and `after` cells to an axis of `size` cells, as PyTorch refuses it
 * (reflect needs each side < size, circular each side <= size), or null. `axis` names the axis.
 */
export function padModeProblem(
  mode: PadMode,
  axis: string,
  size: number,
  before: number,
  after: number,
): string | null {
  const padding = Math.max(before, after);
  if (mode === 'reflect' && padding >= size)
    return `reflect padding ${axis} must be smaller than the input ${axis} (${size}), got ${padding}`;
  if (mode === 'circular' && padding > size)
    return `circular padding ${axis} must be at most the input ${axis} (${size}), got ${padding}`;
  return null;
}

/** The layer's output shape, the formulas behind it, and the first reason it cannot run (or null). */
export interface LayerShape {
  /** Null when the layer cannot run. */
  readonly outHeight: number | null;
  readonly outWidth: number | null;
  readonly formulaHeight: string;
  readonly formulaWidth: string;
  /** The first problem, one line naming the field and the values; null when the layer can run. */
  readonly problem: string | null;
}

const isCount = (v: number, min: number): boolean => Number.isInteger(v) && v >= min;

/** Checks a layer's geometry against an input and kernel size and computes its output shape, never throwing. */
export function layerShape(
  input: { readonly height: number; readonly width: number },
  kernel: { readonly height: number; readonly width: number },
  g: LayerGeometry,
): LayerShape {
  const problems: string[] = [];
  const lengths: (number | null)[] = [];
  const formulas: string[] = [];
  const axes = [
    { axis: 'height', n: input.height, k: kernel.height, i: 0 },
    { axis: 'width', n: input.width, k: kernel.width, i: 1 },
  ] as const;
  for (const { axis, n, k, i } of axes) {
    const [p, s, d] = [g.padding[i], g.stride[i], g.dilation[i]];
    const problem = !isCount(s, 1)
      ? `stride ${axis} must be a whole number of at least 1, got ${s}`
      : !isCount(d, 1)
        ? `dilation ${axis} must be a whole number of at least 1, got ${d}`
        : !isCount(p, 0)
          ? `padding ${axis} must be a whole number of at least 0, got ${p}`
          : padModeProblem(g.paddingMode, axis, n, p, p);
    if (problem !== null) {
      problems.push(problem);
      lengths.push(null);
      formulas.push(outputFormula(n, k, p, s, d));
      continue;
    }
    const out = outputLength(n, 2 * p, k, s, d);
    formulas.push(outputFormula(n, k, p, s, d, out));
    if (out < 1) {
      problems.push(
        `the output ${axis} would be ${out}: the dilated kernel spans ${d * (k - 1) + 1} but the padded input ${axis} is only ${n + 2 * p}`,
      );
      lengths.push(null);
    } else {
      lengths.push(out);
    }
  }
  return {
    outHeight: lengths[0],
    outWidth: lengths[1],
    formulaHeight: formulas[0],
    formulaWidth: formulas[1],
    problem: problems[0] ?? null,
  };
}

/** The first reason the layer cannot run on this input and kernel size, one line, or null. */
export const geometryProblem = (
  input: { readonly height: number; readonly width: number },
  kernel: { readonly height: number; readonly width: number },
  g: LayerGeometry,
): string | null => layerShape(input, kernel, g).problem;

/**
 * The first reason a square pooling window cannot run over a `height` x `width` map, or null: the
 * window and stride at least 1, padding at most half the window (PyTorch's rule) and a window that fits
 * the padded map.
 */
export function poolProblem(
  map: { readonly height: number; readonly width: number },
  window: number,
  padding: number,
  stride: number,
): string | null {
  if (!isCount(window, 1)) return `the window must be a whole number of at least 1, got ${window}`;
  if (!isCount(stride, 1)) return `the stride must be a whole number of at least 1, got ${stride}`;
  if (!isCount(padding, 0)) return `the padding must be a whole number of at least 0, got ${padding}`;
  if (2 * padding > window) return `the padding (${padding}) must be at most half the window (${window})`;
  for (const [axis, n] of [
    ['height', map.height],
    ['width', map.width],
  ] as const) {
    if (n + 2 * padding < window)
      return `the ${window}×${window} window does not fit in the padded feature map ${axis} (${n} + 2×${padding} = ${n + 2 * padding})`;
  }
  return null;
}
