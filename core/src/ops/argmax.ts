import { fromOp } from '../autograd/graph.ts';
import { formatShape, normalizeDim, numel } from '../shape.ts';
import type { Tensor } from '../tensor.ts';

/**
 * The index of the largest value, over the flattened tensor (a 0-d tensor) or along `dim`, as
 * `torch.argmax`. Ties go to the first index and a NaN counts as the largest, as in PyTorch 1.13.
 * The core's tensors hold float32, so the indices come back as float values (exact below 2^24);
 * the result has no gradient.
 */
export function argmax(x: Tensor, dim?: number, keepdim = false): Tensor {
  if (dim !== undefined && typeof dim !== 'number') {
    throw new Error(`argmax: dim must be a single number, got ${JSON.stringify(dim)}`);
  }
  const data = x.data;
  if (data.length === 0) {
    throw new Error(`argmax: cannot reduce an empty tensor of shape ${formatShape(x.shape)}`);
  }
  const nd = x.shape.length;
  if (dim === undefined) {
    const shape = keepdim ? x.shape.map(() => 1) : [];
    return fromOp('argmax', new Float32Array([firstMax(data, 0, data.length, 1)]), shape, [], () => []);
  }
  const d = normalizeDim('argmax', dim, nd);
  if (nd === 0) return fromOp('argmax', new Float32Array([0]), [], [], () => []);
  // Row-major layout seen as [outer, size, inner]: the reduced dim sits between the two.
  const size = x.shape[d];
  const outer = numel(x.shape.slice(0, d));
  const inner = numel(x.shape.slice(d + 1));
  const out = new Float32Array(outer * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) out[o * inner + i] = firstMax(data, o * size * inner + i, size, inner);
  }
  const outShape = keepdim ? x.shape.map((s, k) => (k === d ? 1 : s)) : x.shape.filter((_, k) => k !== d);
  return fromOp('argmax', out, outShape, [], () => []);
}

/** Position (0..count-1) of the first maximum among data[base + k * step]; the first NaN wins. */
function firstMax(data: Float32Array, base: number, count: number, step: number): number {
  let best = data[base];
  let at = 0;
  for (let k = 1; k < count && best === best; k++) {
    const v = data[base + k * step];
    if (v > best || v !== v) {
      best = v;
      at = k;
    }
  }
  return at;
}
