import { fromOp } from '../autograd/graph.ts';
import { formatShape, normalizeDim, numel, stridedOffsets, stridesOf } from '../shape.ts';
import type { Tensor } from '../tensor.ts';

/**
 * The same values in a new shape (one dimension may be -1, inferred), as `torch.reshape`. The data is
 * shared, not copied: row-major order does not change.
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const target = inferShape(x, shape);
  return fromOp('reshape', x.data, target, [x], (g) => [g]);
}

function inferShape(x: Tensor, shape: readonly number[]): number[] {
  const fail = (why: string): never => {
    throw new Error(
      `reshape: cannot reshape ${formatShape(x.shape)} (${x.data.length} values) into ${formatShape(shape)}${why}`,
    );
  };
  if (!Array.isArray(shape)) {
    throw new Error(`reshape: shape must be a list of integers, got ${JSON.stringify(shape)}`);
  }
  let inferred = -1;
  let known = 1;
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i];
    if (d === -1) {
      if (inferred !== -1) fail(': only one dimension can be -1');
      inferred = i;
    } else if (!Number.isInteger(d) || d < 0) {
      fail(`: ${d} is not a valid size`);
    } else {
      known *= d;
    }
  }
  const target = Array.from(shape);
  if (inferred !== -1) {
    if (known === 0 || x.data.length % known !== 0) fail('');
    target[inferred] = x.data.length / known;
  }
  if (numel(target) !== x.data.length) fail('');
  return target;
}

/**
 * Copies `src` (row-major in `shape`) into `dst` laid out in the order of `perm`: the output's
 * dimension k is the input's dimension perm[k]. `dst` is row-major in the permuted shape.
 */
function permuteData(
  src: Float32Array,
  shape: readonly number[],
  perm: readonly number[],
  dst: Float32Array,
): void {
  const inStrides = stridesOf(shape);
  const outShape = perm.map((p) => shape[p]);
  const step = perm.map((p) => inStrides[p]); // input step for one step along each output dim
  const offsets = stridedOffsets(outShape, step);
  for (let i = 0; i < dst.length; i++) dst[i] = src[offsets[i]];
}

function checkPermutation(op: string, x: Tensor, dims: readonly number[]): number[] {
  const nd = x.shape.length;
  if (dims.length !== nd) {
    throw new Error(`${op}: ${formatShape(dims)} lists ${dims.length} dimensions for a ${nd}-d tensor`);
  }
  const perm = dims.map((d) => normalizeDim(op, d, nd));
  const seen = new Set(perm);
  if (seen.size !== perm.length) throw new Error(`${op}: ${formatShape(dims)} repeats a dimension`);
  return perm;
}

function permuteBy(op: string, x: Tensor, perm: number[]): Tensor {
  const outShape = perm.map((p) => x.shape[p]);
  const out = new Float32Array(x.data.length);
  permuteData(x.data, x.shape, perm, out);
  const inverse = new Array<number>(perm.length);
  for (let k = 0; k < perm.length; k++) inverse[perm[k]] = k;
  return fromOp(op, out, outShape, [x], (g) => {
    const gx = new Float32Array(g.length);
    permuteData(g, outShape, inverse, gx);
    return [gx];
  });
}

/** Reorders the dimensions, `permute(2, 0, 1)` or `permute([2, 0, 1])`, as `torch.permute` (copied). */
export function permute(x: Tensor, dims: readonly number[]): Tensor {
  return permuteBy('permute', x, checkPermutation('permute', x, dims));
}

/** Swaps two dimensions, as `torch.transpose` (the result is a row-major copy). */
export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  const nd = x.shape.length;
  const a = normalizeDim('transpose', dim0, nd);
  const b = normalizeDim('transpose', dim1, nd);
  if (nd === 0) return permuteBy('transpose', x, []);
  const perm = x.shape.map((_, k) => k);
  perm[a] = b;
  perm[b] = a;
  return permuteBy('transpose', x, perm);
}

/** Reverses the order along each of `dims`, as `torch.flip`. */
export function flip(x: Tensor, dims: number | readonly number[]): Tensor {
  const list = typeof dims === 'number' ? [dims] : dims;
  if (!Array.isArray(list))
    throw new Error(`flip: dims must be a number or a list of numbers, got ${String(dims)}`);
  const nd = x.shape.length;
  const flipped = new Array<boolean>(nd).fill(false);
  for (const dim of list) {
    const d = normalizeDim('flip', dim, nd);
    if (nd > 0 && flipped[d]) throw new Error(`flip: dimension ${dim} appears twice in ${formatShape(list)}`);
    if (nd > 0) flipped[d] = true;
  }
  const out = new Float32Array(x.data.length);
  flipData(x.data, x.shape, flipped, out);
  // Flipping is its own inverse, so the gradient is the flipped upstream gradient.
  return fromOp('flip', out, x.shape, [x], (g) => {
    const gx = new Float32Array(g.length);
    flipData(g, x.shape, flipped, gx);
    return [gx];
  });
}

/** dst (row-major in `shape`) = src read backwards along the flipped dimensions. */
function flipData(
  src: Float32Array,
  shape: readonly number[],
  flipped: readonly boolean[],
  dst: Float32Array,
): void {
  const nd = shape.length;
  const strides = stridesOf(shape);
  let position = 0;
  const step = new Array<number>(nd);
  for (let d = 0; d < nd; d++) {
    step[d] = flipped[d] ? -strides[d] : strides[d];
    if (flipped[d] && shape[d] > 0) position += (shape[d] - 1) * strides[d];
  }
  const counter = new Array<number>(nd).fill(0);
  for (let i = 0; i < dst.length; i++) {
    dst[i] = src[position];
    for (let d = nd - 1; d >= 0; d--) {
      counter[d]++;
      position += step[d];
      if (counter[d] < shape[d]) break;
      position -= step[d] * counter[d];
      counter[d] = 0;
    }
  }
}

/**
 * Dimensions startDim..endDim merged into one, as `torch.flatten(x, startDim, endDim)`; the data is
 * shared (a reshape). A 0-d tensor becomes 1-d, as in PyTorch.
 */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  const nd = x.shape.length;
  if (nd === 0) return reshape(x, [1]);
  const start = normalizeDim('flatten', startDim, nd);
  const end = normalizeDim('flatten', endDim, nd);
  if (start > end) {
    throw new Error(`flatten: startDim ${startDim} comes after endDim ${endDim} for a ${nd}-d tensor`);
  }
  const merged = numel(x.shape.slice(start, end + 1));
  return reshape(x, [...x.shape.slice(0, start), merged, ...x.shape.slice(end + 1)]);
}
