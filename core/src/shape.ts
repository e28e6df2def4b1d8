/** Number of values in a tensor of `shape` (1 for a 0-d tensor). */
export function numel(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** `[2, 3]` as it appears in error messages. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** Row-major strides of `shape`: the step in `data` for one step along each dimension. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

export function shapesEqual(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The NumPy broadcast of two shapes: aligned from the right, each pair of sizes must be equal or one
 * of them 1. `op` names the caller in the error.
 */
export function broadcastShapes(op: string, a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = i < n - a.length ? 1 : a[i - (n - a.length)];
    const db = i < n - b.length ? 1 : b[i - (n - b.length)];
    if (da !== db && da !== 1 && db !== 1) {
      throw new Error(`${op}: shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * For every position of `outShape` (row-major), the position in a tensor of `inShape` that broadcasts
 * to it. `inShape` must broadcast to `outShape` (aligned from the right, sizes equal or 1).
 */
export function broadcastIndex(inShape: readonly number[], outShape: readonly number[]): Int32Array {
  if (numel(inShape) === 1) return new Int32Array(numel(outShape)); // every position reads the single value
  const nd = outShape.length;
  const offset = nd - inShape.length;
  // The step in the input for one step along each output dimension: 0 where the input is broadcast.
  const inStrides = stridesOf(inShape);
  const step = new Array<number>(nd).fill(0);
  for (let d = offset; d < nd; d++) step[d] = inShape[d - offset] === 1 ? 0 : inStrides[d - offset];
  return stridedOffsets(outShape, step);
}

/**
 * For every position of a row-major walk over `shape`, the offset reached in another array that moves
 * `steps[d]` for one step along dimension d (0 where it stays put: a broadcast or reduced dimension; an
 * input's stride for a permutation). One odometer shared by broadcasting, reductions and permute.
 */
export function stridedOffsets(shape: readonly number[], steps: readonly number[]): Int32Array {
  const nd = shape.length;
  const offsets = new Int32Array(numel(shape));
  const counter = new Array<number>(nd).fill(0);
  let position = 0;
  for (let i = 0; i < offsets.length; i++) {
    offsets[i] = position;
    // Odometer increment over the walk's dimensions, last fastest.
    for (let d = nd - 1; d >= 0; d--) {
      counter[d]++;
      position += steps[d];
      if (counter[d] < shape[d]) break;
      position -= steps[d] * counter[d];
      counter[d] = 0;
    }
  }
  return offsets;
}

/** `dim` (negative counts from the end) as an index into a shape of `ndim` dimensions. */
export function normalizeDim(op: string, dim: number, ndim: number): number {
  const range = Math.max(ndim, 1); // a 0-d tensor accepts dim 0 and -1, as PyTorch
  if (!Number.isInteger(dim) || dim < -range || dim >= range) {
    throw new Error(`${op}: dimension ${dim} out of range for a ${ndim}-d tensor`);
  }
  return dim < 0 ? dim + range : dim;
}

/** Checks that `shape` is a list of non-negative integers; `op` and `what` name it in the error. */
export function checkShape(op: string, shape: unknown, what = 'shape'): number[] {
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new Error(`${op}: ${what} must be a list of non-negative integers, got ${JSON.stringify(shape)}`);
  }
  return shape as number[];
}

/**
 * Numbers with a shape, the two plain forms every part of ConvLab passes around (a `Tensor` fits
 * `Shaped`): a plane is a 2-D array of `height` x `width` row-major values (an input image, a kernel, a
 * feature map); a shaped array holds row-major values in any `shape`. Types that carry more say so on
 * top of these (the experiment's Image adds its channels).
 */
export interface Plane<D extends ArrayLike<number> = ArrayLike<number>> {
  readonly height: number;
  readonly width: number;
  readonly data: D;
}

export interface Shaped<D extends ArrayLike<number> = ArrayLike<number>> {
  readonly shape: readonly number[];
  readonly data: D;
}

/** A plane as a 2-D shaped array (the values are shared, not copied). */
export function planeToShaped<D extends ArrayLike<number>>(plane: Plane<D>): Shaped<D> {
  return { shape: [plane.height, plane.width], data: plane.data };
}

/**
 * A shaped array of one plane (2-D, or with leading dimensions of 1 such as [1, 1, h, w]) as a plane
 * (the values are shared); throws naming the shape otherwise.
 */
export function shapedToPlane<D extends ArrayLike<number>>(array: Shaped<D>): Plane<D> {
  const { shape } = array;
  const leading = shape.slice(0, -2);
  if (shape.length < 2 || leading.some((d) => d !== 1)) {
    throw new Error(`shapedToPlane: shape ${formatShape(shape)} is not one plane`);
  }
  return { height: shape[shape.length - 2], width: shape[shape.length - 1], data: array.data };
}
