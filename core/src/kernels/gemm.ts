// Cache-blocked single-precision matrix products for the im2col convolution path. Plain loops over
// Float32Arrays: no allocation, no closures. Every matrix is a row-major block inside a larger array,
// given by an offset; accumulators are JavaScript numbers (float64) and results are stored as float32.

/** Columns of B and C handled per block: a C row block (2 KB) stays in L1 while B streams through. */
const COLUMN_BLOCK = 512;
/** Rows of B per block: 64 x 512 floats = 128 KB of B, reused for every row of A, fits in L2. */
const DEPTH_BLOCK = 64;

/**
 * C[M, N] (+)= A[M, K] · B[K, N]. B and C are row-major with row length N. A's element (i, k) is read
 * at `aOffset + i * aRowStride + k * aColStride`, so the same loop computes Aᵀ · B for an A stored as
 * [K, M] (aRowStride = 1, aColStride = M). With `accumulate` false, C is overwritten.
 */
export function gemm(
  M: number,
  N: number,
  K: number,
  A: Float32Array,
  aOffset: number,
  aRowStride: number,
  aColStride: number,
  B: Float32Array,
  bOffset: number,
  C: Float32Array,
  cOffset: number,
  accumulate: boolean,
): void {
  if (!accumulate) C.fill(0, cOffset, cOffset + M * N);
  for (let j0 = 0; j0 < N; j0 += COLUMN_BLOCK) {
    const j1 = Math.min(N, j0 + COLUMN_BLOCK);
    for (let k0 = 0; k0 < K; k0 += DEPTH_BLOCK) {
      const k1 = Math.min(K, k0 + DEPTH_BLOCK);
      for (let i = 0; i < M; i++) {
        const cRow = cOffset + i * N;
        const aRow = aOffset + i * aRowStride;
        let k = k0;
        // Four rows of B per pass: one load and one store of C for every four multiply-adds.
        for (; k + 3 < k1; k += 4) {
          const a0 = A[aRow + k * aColStride];
          const a1 = A[aRow + (k + 1) * aColStride];
          const a2 = A[aRow + (k + 2) * aColStride];
          const a3 = A[aRow + (k + 3) * aColStride];
          const b0 = bOffset + k * N;
          const b1 = b0 + N;
          const b2 = b1 + N;
          const b3 = b2 + N;
          for (let j = j0; j < j1; j++) {
            C[cRow + j] += a0 * B[b0 + j] + a1 * B[b1 + j] + a2 * B[b2 + j] + a3 * B[b3 + j];
          }
        }
        for (; k < k1; k++) {
          const a = A[aRow + k * aColStride];
          const b = bOffset + k * N;
          for (let j = j0; j < j1; j++) C[cRow + j] += a * B[b + j];
        }
      }
    }
  }
}

/** Length of the dot-product chunks in gemmNT: five 2048-float rows (40 KB) stay close to L1. */
const DOT_BLOCK = 2048;

/**
 * C[M, N] += A[M, K] · B[N, K]ᵀ: every C value is a dot product of a row of A with a row of B, both
 * contiguous. Used for the weight gradient, where K (the output positions) is long and M, N are short.
 */
export function gemmNT(
  M: number,
  N: number,
  K: number,
  A: Float32Array,
  aOffset: number,
  B: Float32Array,
  bOffset: number,
  C: Float32Array,
  cOffset: number,
): void {
  for (let p0 = 0; p0 < K; p0 += DOT_BLOCK) {
    const p1 = Math.min(K, p0 + DOT_BLOCK);
    for (let i = 0; i < M; i++) {
      const aRow = aOffset + i * K;
      const cRow = cOffset + i * N;
      let j = 0;
      // Four rows of B at once: each A value is loaded once for four multiply-adds.
      for (; j + 3 < N; j += 4) {
        const b0 = bOffset + j * K;
        const b1 = b0 + K;
        const b2 = b1 + K;
        const b3 = b2 + K;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let p = p0; p < p1; p++) {
          const a = A[aRow + p];
          s0 += a * B[b0 + p];
          s1 += a * B[b1 + p];
          s2 += a * B[b2 + p];
          s3 += a * B[b3 + p];
        }
        C[cRow + j] += s0;
        C[cRow + j + 1] += s1;
        C[cRow + j + 2] += s2;
        C[cRow + j + 3] += s3;
      }
      for (; j < N; j++) {
        const b = bOffset + j * K;
        let s = 0;
        for (let p = p0; p < p1; p++) s += A[aRow + p] * B[b + p];
        C[cRow + j] += s;
      }
    }
  }
}
