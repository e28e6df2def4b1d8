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
      let i = 0;
      // Two rows of C by four rows of B per pass: each B value loaded serves two multiply-adds and
      // each C value is loaded and stored once per four.
      for (; i + 1 < M; i += 2) {
        const cRow0 = cOffset + i * N;
        const cRow1 = cRow0 + N;
        const aRow0 = aOffset + i * aRowStride;
        const aRow1 = aRow0 + aRowStride;
        let k = k0;
        for (; k + 3 < k1; k += 4) {
          const a00 = A[aRow0 + k * aColStride];
          const a01 = A[aRow0 + (k + 1) * aColStride];
          const a02 = A[aRow0 + (k + 2) * aColStride];
          const a03 = A[aRow0 + (k + 3) * aColStride];
          const a10 = A[aRow1 + k * aColStride];
          const a11 = A[aRow1 + (k + 1) * aColStride];
          const a12 = A[aRow1 + (k + 2) * aColStride];
          const a13 = A[aRow1 + (k + 3) * aColStride];
          const b0 = bOffset + k * N;
          const b1 = b0 + N;
          const b2 = b1 + N;
          const b3 = b2 + N;
          for (let j = j0; j < j1; j++) {
            const x0 = B[b0 + j];
            const x1 = B[b1 + j];
            const x2 = B[b2 + j];
            const x3 = B[b3 + j];
            C[cRow0 + j] += a00 * x0 + a01 * x1 + a02 * x2 + a03 * x3;
            C[cRow1 + j] += a10 * x0 + a11 * x1 + a12 * x2 + a13 * x3;
          }
        }
        for (; k < k1; k++) {
          const a0 = A[aRow0 + k * aColStride];
          const a1 = A[aRow1 + k * aColStride];
          const b = bOffset + k * N;
          for (let j = j0; j < j1; j++) {
            const x = B[b + j];
            C[cRow0 + j] += a0 * x;
            C[cRow1 + j] += a1 * x;
          }
        }
      }
      for (; i < M; i++) {
        const cRow = cOffset + i * N;
        const aRow = aOffset + i * aRowStride;
        let k = k0;
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

/** Length of the dot-product chunks in gemmNT: six 2048-float rows (48 KB) stay close to L1. */
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
    let i = 0;
    // Two rows of A against four rows of B: eight dot products share six loads per step.
    for (; i + 1 < M; i += 2) {
      const aRow0 = aOffset + i * K;
      const aRow1 = aRow0 + K;
      const cRow0 = cOffset + i * N;
      const cRow1 = cRow0 + N;
      let j = 0;
      for (; j + 3 < N; j += 4) {
        const b0 = bOffset + j * K;
        const b1 = b0 + K;
        const b2 = b1 + K;
        const b3 = b2 + K;
        // Kept apart from convDirectWeightGrad's 3x3 accumulators for speed: each block's sums stay in named locals (registers), no array.
        let s00 = 0;
        let s01 = 0;
        let s02 = 0;
        let s03 = 0;
        let s10 = 0;
        let s11 = 0;
        let s12 = 0;
        let s13 = 0;
        for (let p = p0; p < p1; p++) {
          const x0 = A[aRow0 + p];
          const x1 = A[aRow1 + p];
          const y0 = B[b0 + p];
          const y1 = B[b1 + p];
          const y2 = B[b2 + p];
          const y3 = B[b3 + p];
          s00 += x0 * y0;
          s01 += x0 * y1;
          s02 += x0 * y2;
          s03 += x0 * y3;
          s10 += x1 * y0;
          s11 += x1 * y1;
          s12 += x1 * y2;
          s13 += x1 * y3;
        }
        C[cRow0 + j] += s00;
        C[cRow0 + j + 1] += s01;
        C[cRow0 + j + 2] += s02;
        C[cRow0 + j + 3] += s03;
        C[cRow1 + j] += s10;
        C[cRow1 + j + 1] += s11;
        C[cRow1 + j + 2] += s12;
        C[cRow1 + j + 3] += s13;
      }
      for (; j < N; j++) {
        const b = bOffset + j * K;
        let s0 = 0;
        let s1 = 0;
        for (let p = p0; p < p1; p++) {
          const y = B[b + p];
          s0 += A[aRow0 + p] * y;
          s1 += A[aRow1 + p] * y;
        }
        C[cRow0 + j] += s0;
        C[cRow1 + j] += s1;
      }
    }
    for (; i < M; i++) {
      const aRow = aOffset + i * K;
      const cRow = cOffset + i * N;
      for (let j = 0; j < N; j++) {
        const b = bOffset + j * K;
        let s = 0;
        for (let p = p0; p < p1; p++) s += A[aRow + p] * B[b + p];
        C[cRow + j] += s;
      }
    }
  }
}
