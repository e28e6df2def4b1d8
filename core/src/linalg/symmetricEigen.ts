/** Eigenvalues (descending) and unit eigenvectors (rows of `vectors`, in the same order) of a symmetric matrix. */
export interface Eigen {
  readonly values: Float64Array;
  /** n x n row-major: row k is the eigenvector of values[k]. */
  readonly vectors: Float64Array;
}

/**
 * Cyclic Jacobi rotations: slow for big matrices but exact enough and simple, and the matrices here are
 * Gram matrices of kernel windows (a few to a few dozen rows).
 */
export function symmetricEigen(matrix: ArrayLike<number>, n: number): Eigen {
  if (!Number.isInteger(n) || n < 1 || matrix.length !== n * n) {
    throw new Error(`symmetricEigen: needs an n x n matrix, got n = ${n} and ${matrix.length} values`);
  }
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(a[i]));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off = Math.max(off, Math.abs(a[p * n + q]));
    if (off <= 1e-15 * scale || off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        // A <- Jᵀ A J on rows/columns p and q; V <- V J keeps the eigenvectors as columns of V.
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j] - a[i * n + i]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((col, k) => {
    values[k] = a[col * n + col];
    for (let r = 0; r < n; r++) vectors[k * n + r] = v[r * n + col];
  });
  return { values, vectors };
}
