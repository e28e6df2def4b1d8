import { checkDense, type DenseArray } from './dense.ts';
import type { WindowOptions } from './geometry.ts';
import { patchMatrix } from './matrixView.ts';
import type { PadMode } from './padding.ts';

/**
 * The squared loss of a bias-free convolution as a function of its weights w:
 *   L(w) = scale · (wᵀ G w - 2 bᵀ w + c),  G = AᵀA, b = Aᵀy, c = yᵀy,
 * where A is the im2col matrix of the input and y the flattened target. Computing G, b and c once
 * makes every point of a surface a handful of multiply-adds instead of a convolution.
 */
export interface QuadraticLoss {
  /** Number of weights (kernel cells). */
  readonly size: number;
  /** G, size x size, row-major. */
  readonly gram: Float64Array;
  readonly linear: Float64Array;
  readonly constant: number;
  /** 1 for a sum over output cells, 1 / cells for a mean. */
  readonly scale: number;
}

/** The loss `Σ (corr(X, K) - target)²` (or its mean) as a quadratic in K's weights. */
export function squaredLossQuadratic(
  input: DenseArray,
  target: DenseArray,
  kernelHeight: number,
  kernelWidth: number,
  options: WindowOptions = {},
  { reduction = 'sum', padMode = 'zeros' }: { reduction?: 'sum' | 'mean'; padMode?: PadMode } = {},
): QuadraticLoss {
  const fn = 'squaredLossQuadratic';
  if (reduction !== 'sum' && reduction !== 'mean') {
    throw new Error(`${fn}: reduction must be 'sum' or 'mean', got ${JSON.stringify(reduction)}`);
  }
  const a = patchMatrix(input, kernelHeight, kernelWidth, options, padMode);
  const [th, tw] = checkDense(fn, 'target', target, 2);
  if (th !== a.geometry.outHeight || tw !== a.geometry.outWidth) {
    throw new Error(
      `${fn}: the target is ${th}x${tw} but the output is ${a.geometry.outHeight}x${a.geometry.outWidth}`,
    );
  }
  const [rows, n] = a.shape;
  const gram = new Float64Array(n * n);
  const linear = new Float64Array(n);
  let constant = 0;
  // Layout: A row-major rows x n; G accumulates the outer product of each row with itself.
  for (let r = 0; r < rows; r++) {
    const y = target.data[r];
    constant += y * y;
    const base = r * n;
    for (let i = 0; i < n; i++) {
      const ai = a.data[base + i];
      linear[i] += ai * y;
      for (let j = 0; j < n; j++) gram[i * n + j] += ai * a.data[base + j];
    }
  }
  return { size: n, gram, linear, constant, scale: reduction === 'mean' ? 1 / rows : 1 };
}

/** L(w) from the quadratic's coefficients. */
export function evaluateQuadraticLoss(q: QuadraticLoss, weights: ArrayLike<number>): number {
  if (weights.length !== q.size) {
    throw new Error(`evaluateQuadraticLoss: the loss has ${q.size} weights but ${weights.length} were given`);
  }
  let quad = 0;
  let lin = 0;
  for (let i = 0; i < q.size; i++) {
    lin += q.linear[i] * weights[i];
    for (let j = 0; j < q.size; j++) quad += weights[i] * q.gram[i * q.size + j] * weights[j];
  }
  return q.scale * (quad - 2 * lin + q.constant);
}

/** ∇L(w) = scale · 2 (G w - b). */
export function quadraticLossGradient(q: QuadraticLoss, weights: ArrayLike<number>): Float64Array {
  if (weights.length !== q.size) {
    throw new Error(`quadraticLossGradient: the loss has ${q.size} weights but ${weights.length} were given`);
  }
  const out = new Float64Array(q.size);
  for (let i = 0; i < q.size; i++) {
    let s = -q.linear[i];
    for (let j = 0; j < q.size; j++) s += q.gram[i * q.size + j] * weights[j];
    out[i] = 2 * q.scale * s;
  }
  return out;
}

export interface SurfaceRange {
  readonly w0: readonly [number, number];
  readonly w1: readonly [number, number];
  /** Grid points along each axis (>= 2). */
  readonly steps: number;
}

export interface LossSurface {
  readonly range: SurfaceRange;
  /** steps x steps values, row r at w1 = w1min + r·dw1 and column c at w0 = w0min + c·dw0. */
  readonly values: Float64Array;
  readonly min: number;
  readonly max: number;
}

/** The loss of a two-weight kernel over a grid of (w0, w1), from the quadratic's coefficients. */
export function lossSurface(q: QuadraticLoss, range: SurfaceRange): LossSurface {
  const fn = 'lossSurface';
  if (q.size !== 2)
    throw new Error(`${fn}: the surface is drawn for kernels of 2 weights, this one has ${q.size}`);
  const { steps } = range;
  if (!Number.isInteger(steps) || steps < 2 || steps > 2048) {
    throw new Error(`${fn}: steps must be an integer in [2, 2048], got ${steps}`);
  }
  for (const [name, [lo, hi]] of [
    ['w0', range.w0],
    ['w1', range.w1],
  ] as const) {
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(lo < hi)) {
      throw new Error(`${fn}: the ${name} range must be two finite numbers, low < high, got [${lo}, ${hi}]`);
    }
  }
  const [g00, g01, , g11] = q.gram;
  const [b0, b1] = q.linear;
  const values = new Float64Array(steps * steps);
  let min = Infinity;
  let max = -Infinity;
  const d0 = (range.w0[1] - range.w0[0]) / (steps - 1);
  const d1 = (range.w1[1] - range.w1[0]) / (steps - 1);
  for (let r = 0; r < steps; r++) {
    const w1 = range.w1[0] + r * d1;
    for (let c = 0; c < steps; c++) {
      const w0 = range.w0[0] + c * d0;
      const v =
        q.scale * (g00 * w0 * w0 + 2 * g01 * w0 * w1 + g11 * w1 * w1 - 2 * (b0 * w0 + b1 * w1) + q.constant);
      values[r * steps + c] = v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return { range, values, min, max };
}

/** A square range around every point given (weights along a training path, the minimum...), padded by `margin` of its size. */
export function rangeAround(
  points: ReadonlyArray<readonly [number, number]>,
  steps = 64,
  margin = 0.25,
): SurfaceRange {
  if (points.length === 0) throw new Error('rangeAround: needs at least one point');
  let lo0 = Infinity;
  let hi0 = -Infinity;
  let lo1 = Infinity;
  let hi1 = -Infinity;
  for (const [w0, w1] of points) {
    if (!Number.isFinite(w0) || !Number.isFinite(w1))
      throw new Error(`rangeAround: point (${w0}, ${w1}) is not finite`);
    lo0 = Math.min(lo0, w0);
    hi0 = Math.max(hi0, w0);
    lo1 = Math.min(lo1, w1);
    hi1 = Math.max(hi1, w1);
  }
  const half = Math.max(hi0 - lo0, hi1 - lo1, 1) * (0.5 + margin);
  const c0 = (lo0 + hi0) / 2;
  const c1 = (lo1 + hi1) / 2;
  return { w0: [c0 - half, c0 + half], w1: [c1 - half, c1 + half], steps };
}
