// Deliberately plain reference implementations for the op tests: multi-indices unravelled one value
// at a time, no shared code with core/src/ops.
import { expect } from 'vitest';
import { tensor, type Tensor } from '../../../core/src/index.ts';

export function unravel(flat: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length).fill(0);
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = flat % shape[d];
    flat = Math.floor(flat / shape[d]);
  }
  return idx;
}

export function ravel(idx: readonly number[], shape: readonly number[]): number {
  let flat = 0;
  for (let d = 0; d < shape.length; d++) flat = flat * shape[d] + idx[d];
  return flat;
}

const count = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** The value of `t` read at output multi-index `outIdx` under NumPy broadcasting. */
function readBroadcast(t: Tensor, outIdx: readonly number[]): number {
  const offset = outIdx.length - t.shape.length;
  const idx = t.shape.map((s, d) => (s === 1 ? 0 : outIdx[d + offset]));
  return t.data[ravel(idx, t.shape)];
}

export function naiveBroadcastShape(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const pa = [...new Array<number>(n - a.length).fill(1), ...a];
  const pb = [...new Array<number>(n - b.length).fill(1), ...b];
  return pa.map((s, d) => Math.max(s, pb[d]));
}

export function naiveBinary(a: Tensor, b: Tensor, f: (x: number, y: number) => number): Tensor {
  const shape = naiveBroadcastShape(a.shape, b.shape);
  const out = new Float32Array(count(shape));
  for (let i = 0; i < out.length; i++) {
    const idx = unravel(i, shape);
    out[i] = f(readBroadcast(a, idx), readBroadcast(b, idx));
  }
  return tensor(out, { shape });
}

export function naiveSum(x: Tensor, dims: readonly number[], keepdim: boolean): Tensor {
  const nd = x.shape.length;
  const reduced = new Set(dims.map((d) => (d < 0 ? d + nd : d)));
  const kept = x.shape.map((s, d) => (reduced.has(d) ? 1 : s));
  const out = new Float64Array(count(kept));
  for (let i = 0; i < x.data.length; i++) {
    const idx = unravel(i, x.shape).map((v, d) => (reduced.has(d) ? 0 : v));
    out[ravel(idx, kept)] += x.data[i];
  }
  const shape = keepdim ? kept : x.shape.filter((_, d) => !reduced.has(d));
  return tensor(Float32Array.from(out), { shape });
}

export function naivePermute(x: Tensor, perm: readonly number[]): Tensor {
  const shape = perm.map((p) => x.shape[p]);
  const out = new Float32Array(x.data.length);
  for (let i = 0; i < out.length; i++) {
    const outIdx = unravel(i, shape);
    const inIdx = new Array<number>(perm.length);
    perm.forEach((p, k) => (inIdx[p] = outIdx[k]));
    out[i] = x.data[ravel(inIdx, x.shape)];
  }
  return tensor(out, { shape });
}

/** Plain triple loop on [n, k] and [k, m] nested arrays. */
export function naiveMatmul2d(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0].map((_, j) => row.reduce((acc, v, p) => acc + v * b[p][j], 0)));
}

/** Asserts equal shapes and values within `tol` (absolute plus relative); NaN matches NaN. */
export function expectTensorClose(got: Tensor, want: Tensor, tol = 1e-5): void {
  expect(got.shape).toEqual(want.shape);
  for (let i = 0; i < want.data.length; i++) {
    const g = got.data[i];
    const w = want.data[i];
    const ok = (Number.isNaN(w) && Number.isNaN(g)) || Math.abs(g - w) <= tol + tol * Math.abs(w);
    if (!ok) expect.fail(`value ${i}: got ${g}, want ${w}`);
  }
}
