import { fromOp } from '../autograd/graph.ts';
import { broadcastIndex, broadcastShapes, formatShape, numel } from '../shape.ts';
import type { Tensor } from '../tensor.ts';

// Matrix products on row-major data. Each matrix of a batch is contiguous: an [n, k] matrix at
// offset o has element (i, j) at o + i * k + j.

/** C[n, m] (at cOff) = A[n, k] (at aOff) @ B[k, m] (at bOff); i-p-j order walks B and C by rows. */
function matmulInto(
  a: Float32Array,
  aOff: number,
  b: Float32Array,
  bOff: number,
  c: Float32Array,
  cOff: number,
  n: number,
  k: number,
  m: number,
): void {
  const row = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    row.fill(0);
    for (let p = 0; p < k; p++) {
      const av = a[aOff + i * k + p];
      if (av === 0) continue;
      const bRow = bOff + p * m;
      for (let j = 0; j < m; j++) row[j] += av * b[bRow + j];
    }
    const cRow = cOff + i * m;
    for (let j = 0; j < m; j++) c[cRow + j] = row[j];
  }
}

/** GA[n, k] (at gaOff) += G[n, m] @ B[k, m]^T: each entry is a dot product of two rows. */
function addGradA(
  g: Float32Array,
  gOff: number,
  b: Float32Array,
  bOff: number,
  ga: Float64Array,
  gaOff: number,
  n: number,
  k: number,
  m: number,
): void {
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < k; p++) {
      let acc = 0;
      for (let j = 0; j < m; j++) acc += g[gOff + i * m + j] * b[bOff + p * m + j];
      ga[gaOff + i * k + p] += acc;
    }
  }
}

// Kept apart from addGradA for speed: each loop is specialised to the layout it reads (addGradA dots two rows, this one sums scaled rows).
/** GB[k, m] (at gbOff) += A[n, k]^T @ G[n, m]: row i of G scaled by A[i, p] into row p of GB. */
function addGradB(
  a: Float32Array,
  aOff: number,
  g: Float32Array,
  gOff: number,
  gb: Float64Array,
  gbOff: number,
  n: number,
  k: number,
  m: number,
): void {
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < k; p++) {
      const av = a[aOff + i * k + p];
      if (av === 0) continue;
      const gRow = gOff + i * m;
      const out = gbOff + p * m;
      for (let j = 0; j < m; j++) gb[out + j] += av * g[gRow + j];
    }
  }
}

/**
 * Matrix product as `torch.matmul`: 1-D @ 1-D is a dot product (0-d); a 1-D left operand is a row
 * [1, k] and a 1-D right operand a column [k, 1], the added dimension removed afterwards; otherwise
 * the last two dims multiply as matrices and the leading (batch) dims broadcast.
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  const as = a.shape;
  const bs = b.shape;
  if (as.length === 0 || bs.length === 0) {
    throw new Error(
      `matmul: both operands must have at least one dimension, got ${formatShape(as)} @ ${formatShape(bs)}`,
    );
  }
  const aMat = as.length === 1 ? [1, as[0]] : as;
  const bMat = bs.length === 1 ? [bs[0], 1] : bs;
  const n = aMat[aMat.length - 2];
  const k = aMat[aMat.length - 1];
  const k2 = bMat[bMat.length - 2];
  const m = bMat[bMat.length - 1];
  if (k !== k2) {
    throw new Error(
      `matmul: ${formatShape(as)} @ ${formatShape(bs)}: inner dimensions ${k} and ${k2} differ`,
    );
  }
  const aBatch = aMat.slice(0, -2);
  const bBatch = bMat.slice(0, -2);
  let batch: number[];
  try {
    batch = broadcastShapes('matmul', aBatch, bBatch);
  } catch {
    throw new Error(
      `matmul: ${formatShape(as)} @ ${formatShape(bs)}: batch dimensions ${formatShape(aBatch)} and ${formatShape(bBatch)} cannot be broadcast`,
    );
  }
  const batches = numel(batch);
  // Which matrix of each operand every output matrix reads (batch broadcasting).
  const aIndex = broadcastIndex(aBatch, batch);
  const bIndex = broadcastIndex(bBatch, batch);
  const out = new Float32Array(batches * n * m);
  for (let t = 0; t < batches; t++) {
    matmulInto(a.data, aIndex[t] * n * k, b.data, bIndex[t] * k * m, out, t * n * m, n, k, m);
  }
  const outShape = [...batch];
  if (as.length > 1) outShape.push(n);
  if (bs.length > 1) outShape.push(m);
  return fromOp('matmul', out, outShape, [a, b], (g) => {
    let ga: Float32Array | null = null;
    let gb: Float32Array | null = null;
    if (a.requiresGrad) {
      const acc = new Float64Array(a.data.length);
      for (let t = 0; t < batches; t++)
        addGradA(g, t * n * m, b.data, bIndex[t] * k * m, acc, aIndex[t] * n * k, n, k, m);
      ga = Float32Array.from(acc);
    }
    if (b.requiresGrad) {
      const acc = new Float64Array(b.data.length);
      for (let t = 0; t < batches; t++)
        addGradB(a.data, aIndex[t] * n * k, g, t * n * m, acc, bIndex[t] * k * m, n, k, m);
      gb = Float32Array.from(acc);
    }
    return [ga, gb];
  });
}
