import { fromOp } from '../autograd/graph.ts';
import { normalizeDim, numel } from '../shape.ts';
import type { Tensor } from '../tensor.ts';

// softmax and logSoftmax along one dimension. The row-major data is seen as [outer, size, inner] with
// the softmax dimension in the middle: the values of one softmax are `inner` apart. Each is computed
// in float64 from the largest value down (exp(x - max)), so large logits neither overflow nor lose
// the small ones, and rounded once to float32.

interface Rows {
  outer: number;
  size: number;
  inner: number;
}

function rowsOf(op: string, x: Tensor, dim: number): Rows {
  if (typeof dim !== 'number') throw new Error(`${op}: dim must be a number, got ${JSON.stringify(dim)}`);
  const nd = x.shape.length;
  const d = normalizeDim(op, dim, nd);
  if (nd === 0) return { outer: 1, size: 1, inner: 1 };
  return { outer: numel(x.shape.slice(0, d)), size: x.shape[d], inner: numel(x.shape.slice(d + 1)) };
}

/** Writes log-softmax (log = true) or softmax of every row of `src` into `dst`. */
function softmaxInto(src: Float32Array, dst: Float32Array, { outer, size, inner }: Rows, log: boolean) {
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      let top = -Infinity;
      for (let k = 0; k < size; k++) {
        const v = src[base + k * inner];
        if (v > top || v !== v) top = v;
      }
      if (top === -Infinity) top = 0; // a row of -Infinity: exp(-inf - 0) = 0, giving NaN as PyTorch
      let total = 0;
      for (let k = 0; k < size; k++) total += Math.exp(src[base + k * inner] - top);
      if (log) {
        const shift = top + Math.log(total);
        for (let k = 0; k < size; k++) dst[base + k * inner] = src[base + k * inner] - shift;
      } else {
        for (let k = 0; k < size; k++) dst[base + k * inner] = Math.exp(src[base + k * inner] - top) / total;
      }
    }
  }
}

/** sum over each row of g * weight (weight may be null: the plain sum of g), in float64. */
function rowSums(g: Float32Array, weight: Float32Array | null, { outer, size, inner }: Rows): Float64Array {
  const sums = new Float64Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      let s = 0;
      for (let k = 0; k < size; k++) {
        const at = base + k * inner;
        s += weight === null ? g[at] : g[at] * weight[at];
      }
      sums[o * inner + i] = s;
    }
  }
  return sums;
}

/**
 * exp(x) / sum(exp(x)) along `dim`, as `torch.softmax(x, dim)`. Gradient: y * (g - sum(g * y)) over
 * the same row.
 */
export function softmax(x: Tensor, dim: number): Tensor {
  const rows = rowsOf('softmax', x, dim);
  const out = new Float32Array(x.data.length);
  softmaxInto(x.data, out, rows, false);
  return fromOp('softmax', out, x.shape, [x], (g) => {
    const dots = rowSums(g, out, rows);
    const gx = new Float32Array(g.length);
    const { size, inner } = rows;
    for (let i = 0; i < g.length; i++) {
      const row = Math.floor(i / (size * inner)) * inner + (i % inner);
      gx[i] = out[i] * (g[i] - dots[row]);
    }
    return [gx];
  });
}

/**
 * x - log(sum(exp(x))) along `dim`, as `torch.log_softmax(x, dim)`, without forming the softmax
 * first (so a probability that rounds to 0 still has a finite log). Gradient: g - softmax * sum(g).
 */
export function logSoftmax(x: Tensor, dim: number): Tensor {
  const rows = rowsOf('logSoftmax', x, dim);
  const out = new Float32Array(x.data.length);
  softmaxInto(x.data, out, rows, true);
  return fromOp('logSoftmax', out, x.shape, [x], (g) => {
    const sums = rowSums(g, null, rows);
    const gx = new Float32Array(g.length);
    const { size, inner } = rows;
    for (let i = 0; i < g.length; i++) {
      const row = Math.floor(i / (size * inner)) * inner + (i % inner);
      gx[i] = g[i] - Math.exp(out[i]) * sums[row];
    }
    return [gx];
  });
}
