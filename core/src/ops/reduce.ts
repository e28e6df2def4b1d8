import { fromOp } from '../autograd/graph.ts';
import { formatShape, normalizeDim, numel, stridedOffsets } from '../shape.ts';
import type { Tensor } from '../tensor.ts';

/** Dimensions to reduce over: one, several, or (undefined) all of them. */
export type Dims = number | readonly number[];

/**
 * The geometry of a reduction over the dims in `dims` of `shape`: the output shape (with or without
 * the reduced dims kept as 1) and, for every input position (row-major), the output position it
 * reduces into. `index` is null for a full reduction (everything goes to position 0).
 */
interface Reduction {
  readonly outShape: number[];
  readonly count: number;
  readonly index: Int32Array | null;
}

function reduction(
  op: string,
  shape: readonly number[],
  dims: Dims | undefined,
  keepdim: boolean,
): Reduction {
  const nd = shape.length;
  const reduced = new Array<boolean>(nd).fill(dims === undefined);
  if (dims !== undefined) {
    const list = typeof dims === 'number' ? [dims] : dims;
    if (!Array.isArray(list))
      throw new Error(`${op}: dim must be a number or a list of numbers, got ${String(dims)}`);
    if (list.length === 0) reduced.fill(true); // an empty list reduces everything, as PyTorch 1.13
    for (const dim of list) {
      const d = normalizeDim(op, dim, nd);
      if (nd > 0 && reduced[d])
        throw new Error(`${op}: dimension ${dim} appears twice in ${formatShape(list)}`);
      if (nd > 0) reduced[d] = true;
    }
  }
  const keptShape = shape.map((s, d) => (reduced[d] ? 1 : s));
  const outShape = keepdim ? keptShape : shape.filter((_, d) => !reduced[d]);
  const count = numel(shape) / Math.max(numel(keptShape), 1);
  if (reduced.every((r) => r)) return { outShape, count: numel(shape), index: null };
  // Walk the input row-major with an odometer, tracking the output position (stride 0 on reduced dims).
  const outStrides = new Array<number>(nd);
  let s = 1;
  for (let d = nd - 1; d >= 0; d--) {
    outStrides[d] = reduced[d] ? 0 : s;
    if (!reduced[d]) s *= shape[d];
  }
  const index = stridedOffsets(shape, outStrides);
  return { outShape, count, index };
}

/** Sum of each output position's inputs, accumulated in float64 and rounded once to float32. */
function sumInto(data: Float32Array, r: Reduction, size: number): Float32Array {
  if (r.index === null) {
    let acc = 0;
    for (let i = 0; i < data.length; i++) acc += data[i];
    return new Float32Array([acc]).subarray(0, size);
  }
  const acc = new Float64Array(size);
  const index = r.index;
  for (let i = 0; i < data.length; i++) acc[index[i]] += data[i];
  return Float32Array.from(acc);
}

/** Each input position gets its output position's gradient, times `scale`. */
function spreadGrad(g: Float32Array, r: Reduction, inputSize: number, scale: number): Float32Array {
  const gx = new Float32Array(inputSize);
  if (r.index === null) {
    gx.fill(g[0] * scale);
    return gx;
  }
  const index = r.index;
  for (let i = 0; i < inputSize; i++) gx[i] = g[index[i]] * scale;
  return gx;
}

/** Sum over `dim` (all dims when omitted, giving a 0-d tensor), as `torch.sum`. */
export function sum(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  if (dim === undefined && !keepdim) return sumAll(x);
  const r = reduction('sum', x.shape, dim, keepdim);
  const out = sumInto(x.data, r, numel(r.outShape));
  return fromOp('sum', out, r.outShape, [x], (g) => [spreadGrad(g, r, x.data.length, 1)]);
}

/** The fast path of `x.sum()` (the loss of a training step): no index bookkeeping. */
function sumAll(x: Tensor): Tensor {
  const data = x.data;
  let acc = 0;
  for (let i = 0; i < data.length; i++) acc += data[i];
  const n = data.length;
  return fromOp('sum', new Float32Array([acc]), [], [x], (g) => [new Float32Array(n).fill(g[0])]);
}

/** Mean over `dim` (all dims when omitted), as `torch.mean`; the mean of nothing is NaN. */
export function mean(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  const r = reduction('mean', x.shape, dim, keepdim);
  const out = sumInto(x.data, r, numel(r.outShape));
  for (let i = 0; i < out.length; i++) out[i] /= r.count;
  return fromOp('mean', out, r.outShape, [x], (g) => [spreadGrad(g, r, x.data.length, 1 / r.count)]);
}

/**
 * The largest value, over everything (a 0-d tensor) or along one `dim`, as `torch.max` / `torch.amax`
 * values. NaN wins, as in PyTorch. Gradient, as PyTorch 1.13: with a `dim` it goes to the first
 * position holding the maximum (the index `torch.max(x, dim)` returns); without one it is split evenly
 * among all positions equal to the maximum (PyTorch's evenly_distribute_backward).
 */
export function max(x: Tensor, dim?: number, keepdim = false): Tensor {
  if (dim !== undefined && typeof dim !== 'number') {
    throw new Error(`max: dim must be a single number, got ${JSON.stringify(dim)}`);
  }
  const data = x.data;
  if (data.length === 0) {
    throw new Error(`max: cannot reduce an empty tensor of shape ${formatShape(x.shape)}`);
  }
  if (dim === undefined) return maxAll(x);
  const nd = x.shape.length;
  const d = normalizeDim('max', dim, nd);
  const size = nd === 0 ? 1 : x.shape[d];
  if (size === 0)
    throw new Error(`max: cannot reduce dimension ${dim} of size 0 in shape ${formatShape(x.shape)}`);
  // Row-major layout seen as [outer, size, inner]: the reduced dim sits between the two.
  const outer = nd === 0 ? 1 : numel(x.shape.slice(0, d));
  const inner = nd === 0 ? 1 : numel(x.shape.slice(d + 1));
  const out = new Float32Array(outer * inner);
  const argmax = new Int32Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      let best = data[base];
      let at = 0;
      for (let k = 1; k < size && best === best; k++) {
        const v = data[base + k * inner];
        if (v > best || v !== v) {
          best = v;
          at = k;
        }
      }
      out[o * inner + i] = best;
      argmax[o * inner + i] = base + at * inner;
    }
  }
  const outShape =
    nd === 0 ? [] : keepdim ? x.shape.map((s, k) => (k === d ? 1 : s)) : x.shape.filter((_, k) => k !== d);
  return fromOp('max', out, outShape, [x], (g) => {
    const gx = new Float32Array(data.length);
    for (let j = 0; j < argmax.length; j++) gx[argmax[j]] += g[j];
    return [gx];
  });
}

function maxAll(x: Tensor): Tensor {
  const data = x.data;
  let best = data[0];
  for (let i = 1; i < data.length && best === best; i++) {
    if (data[i] > best || data[i] !== data[i]) best = data[i];
  }
  const out = new Float32Array([best]);
  return fromOp('max', out, [], [x], (g) => {
    const gx = new Float32Array(data.length);
    const isNaN = best !== best;
    let ties = 0;
    for (let i = 0; i < data.length; i++) if (isNaN ? data[i] !== data[i] : data[i] === best) ties++;
    const share = g[0] / ties;
    for (let i = 0; i < data.length; i++) if (isNaN ? data[i] !== data[i] : data[i] === best) gx[i] = share;
    return [gx];
  });
}
