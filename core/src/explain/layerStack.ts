import { readNonNegativePair, readPositivePair, type Padding, type Pair } from '../conv/geometry.ts';
import { windowGeometry, type WindowGeometry } from './geometry.ts';

/** A convolution layer of the stack (one channel in, one out: the geometry is what matters here). */
export interface ConvLayerSpec {
  readonly kind: 'conv';
  readonly kernel: Pair;
  readonly padding?: Padding;
  readonly stride?: Pair;
  readonly dilation?: Pair;
  readonly name?: string;
}

/** A pooling layer: stride defaults to the window, as in PyTorch. */
export interface PoolLayerSpec {
  readonly kind: 'maxPool' | 'avgPool';
  readonly window: Pair;
  readonly padding?: Pair;
  readonly stride?: Pair;
  readonly name?: string;
}

export type LayerSpec = ConvLayerSpec | PoolLayerSpec;

/** One layer with its resolved geometry: input and output sizes, padding, stride, dilation. */
export interface LayerShape {
  readonly index: number;
  readonly label: string;
  readonly spec: LayerSpec;
  readonly geometry: WindowGeometry;
}

/** `conv 3x3 pad 1` / `maxPool 2x2 stride 2`: how a layer is named in messages and the view. */
export function describeLayer(spec: LayerSpec, index: number): string {
  const pair = (v: unknown): string => (Array.isArray(v) ? `${v[0]}x${v[1]}` : `${String(v)}x${String(v)}`);
  const parts = [
    spec.name ?? `layer ${index}`,
    `(${spec.kind} ${pair(spec.kind === 'conv' ? spec.kernel : spec.window)}`,
  ];
  if (spec.padding !== undefined && spec.padding !== 0)
    parts.push(`padding ${typeof spec.padding === 'string' ? spec.padding : pair(spec.padding)}`);
  if (spec.stride !== undefined) parts.push(`stride ${pair(spec.stride)}`);
  if (spec.kind === 'conv' && spec.dilation !== undefined) parts.push(`dilation ${pair(spec.dilation)}`);
  return `${parts.join(' ')})`;
}

/**
 * The output shape of every layer of a stack over an `inputHeight` x `inputWidth` input, with errors
 * that name the layer and its values when a layer does not fit what the previous one produced.
 */
export function layerStackShapes(
  inputHeight: number,
  inputWidth: number,
  layers: readonly LayerSpec[],
): LayerShape[] {
  const fn = 'layerStackShapes';
  if (!Number.isInteger(inputHeight) || !Number.isInteger(inputWidth) || inputHeight < 1 || inputWidth < 1) {
    throw new Error(
      `${fn}: the input must be at least 1x1 with integer sizes, got ${inputHeight}x${inputWidth}`,
    );
  }
  if (!Array.isArray(layers) || layers.length === 0)
    throw new Error(`${fn}: the stack needs at least one layer`);
  const shapes: LayerShape[] = [];
  let height = inputHeight;
  let width = inputWidth;
  layers.forEach((spec, index) => {
    const label = describeLayer(spec, index);
    const where = `${fn}: ${label} on a ${height}x${width} input`;
    let geometry: WindowGeometry;
    if (spec.kind === 'conv') {
      const [kh, kw] = readPositivePair(where, 'kernel', spec.kernel);
      geometry = windowGeometry(where, height, width, kh, kw, spec);
    } else if (spec.kind === 'maxPool' || spec.kind === 'avgPool') {
      const [kh, kw] = readPositivePair(where, 'window', spec.window);
      const [ph, pw] = readNonNegativePair(where, 'padding', spec.padding ?? 0);
      // PyTorch's rule: a pooling window must see at least one real cell.
      if (2 * ph > kh || 2 * pw > kw) {
        throw new Error(`${where}: padding ${ph}x${pw} must be at most half the window ${kh}x${kw}`);
      }
      geometry = windowGeometry(where, height, width, kh, kw, {
        padding: [ph, pw],
        stride: spec.stride ?? [kh, kw],
      });
    } else {
      throw new Error(
        `${fn}: layer ${index} has kind ${JSON.stringify((spec as { kind: unknown }).kind)}; expected conv, maxPool or avgPool`,
      );
    }
    shapes.push({ index, label, spec, geometry });
    height = geometry.outHeight;
    width = geometry.outWidth;
  });
  return shapes;
}

/** A cell of one level of the trace, in that feature map's coordinates (padding cells lie outside [0, size)). */
export interface TracedCell {
  readonly row: number;
  readonly col: number;
  readonly isPadding: boolean;
}

/** The cells of one feature map that the traced output depends on. */
export interface TraceLevel {
  /** 0 is the stack's input; level i is the output of layer i - 1. */
  readonly level: number;
  readonly height: number;
  readonly width: number;
  /** Row-major order; includes the padding cells the windows covered at this level. */
  readonly cells: TracedCell[];
  /** Bounding rectangle of the real (non-padding) cells, inclusive, or null if there are none. */
  readonly bounds: { top: number; left: number; bottom: number; right: number } | null;
}

/**
 * The receptive field of output cell (row, col) of layer `layerIndex`, traced back through every
 * layer to the input: for each level, the cells some window on the path covers. Padding cells are
 * reported (marked) but not traced further: they hold a constant, not an earlier layer's output.
 * With dilation the set has holes, so cells are listed, not only a rectangle.
 */
export function traceReceptiveField(
  shapes: readonly LayerShape[],
  layerIndex: number,
  row: number,
  col: number,
): TraceLevel[] {
  const fn = 'traceReceptiveField';
  if (!Number.isInteger(layerIndex) || layerIndex < 0 || layerIndex >= shapes.length) {
    throw new Error(`${fn}: layer must be an integer in [0, ${shapes.length - 1}], got ${layerIndex}`);
  }
  const last = shapes[layerIndex].geometry;
  if (
    !Number.isInteger(row) ||
    !Number.isInteger(col) ||
    row < 0 ||
    col < 0 ||
    row >= last.outHeight ||
    col >= last.outWidth
  ) {
    throw new Error(
      `${fn}: cell (${row}, ${col}) is outside the ${last.outHeight}x${last.outWidth} output of ${shapes[layerIndex].label}`,
    );
  }
  const levels: TraceLevel[] = [];
  // Current set of real cells at the output of layer `k`, as a mask over that output.
  let mask = new Uint8Array(last.outHeight * last.outWidth);
  mask[row * last.outWidth + col] = 1;
  levels.push(levelFromMask(layerIndex + 1, last.outHeight, last.outWidth, mask, null, 0, 0));
  for (let k = layerIndex; k >= 0; k--) {
    const g = shapes[k].geometry;
    // Mask over this layer's padded input; padded (r, c) is input (r - padTop, c - padLeft).
    const padded = new Uint8Array(g.paddedHeight * g.paddedWidth);
    for (let i = 0; i < g.outHeight; i++) {
      for (let j = 0; j < g.outWidth; j++) {
        if (mask[i * g.outWidth + j] === 0) continue;
        for (let a = 0; a < g.kernelHeight; a++) {
          for (let b = 0; b < g.kernelWidth; b++) {
            padded[
              (i * g.strideHeight + a * g.dilationHeight) * g.paddedWidth +
                j * g.strideWidth +
                b * g.dilationWidth
            ] = 1;
          }
        }
      }
    }
    const level = levelFromMask(k, g.inHeight, g.inWidth, padded, g, g.padTop, g.padLeft);
    levels.push(level);
    mask = new Uint8Array(g.inHeight * g.inWidth);
    for (const cell of level.cells) if (!cell.isPadding) mask[cell.row * g.inWidth + cell.col] = 1;
  }
  return levels.reverse();
}

function levelFromMask(
  level: number,
  height: number,
  width: number,
  mask: Uint8Array,
  geometry: WindowGeometry | null,
  padTop: number,
  padLeft: number,
): TraceLevel {
  const maskWidth = geometry ? geometry.paddedWidth : width;
  const maskHeight = geometry ? geometry.paddedHeight : height;
  const cells: TracedCell[] = [];
  let bounds: TraceLevel['bounds'] = null;
  for (let r = 0; r < maskHeight; r++) {
    for (let c = 0; c < maskWidth; c++) {
      if (mask[r * maskWidth + c] === 0) continue;
      const row = r - padTop;
      const col = c - padLeft;
      const isPadding = row < 0 || col < 0 || row >= height || col >= width;
      cells.push({ row, col, isPadding });
      if (isPadding) continue;
      if (bounds === null) bounds = { top: row, left: col, bottom: row, right: col };
      else {
        bounds.top = Math.min(bounds.top, row);
        bounds.left = Math.min(bounds.left, col);
        bounds.bottom = Math.max(bounds.bottom, row);
        bounds.right = Math.max(bounds.right, col);
      }
    }
  }
  return { level, height, width, cells, bounds };
}

/**
 * The textbook size of the receptive field (ignoring the image's borders) of one output of the first
 * `count` layers: r = 1 + Σ_k (effective kernel_k - 1) · Π_{j<k} stride_j, per axis.
 */
export function receptiveFieldSize(shapes: readonly LayerShape[], count = shapes.length): [number, number] {
  if (!Number.isInteger(count) || count < 0 || count > shapes.length) {
    throw new Error(`receptiveFieldSize: count must be an integer in [0, ${shapes.length}], got ${count}`);
  }
  let height = 1;
  let width = 1;
  let jumpH = 1;
  let jumpW = 1;
  for (let k = 0; k < count; k++) {
    const g = shapes[k].geometry;
    height += (g.effectiveKernelHeight - 1) * jumpH;
    width += (g.effectiveKernelWidth - 1) * jumpW;
    jumpH *= g.strideHeight;
    jumpW *= g.strideWidth;
  }
  return [height, width];
}
