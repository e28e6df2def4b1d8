import type { DenseArray } from './dense.ts';
import type { WindowOptions } from './geometry.ts';
import { patchMatrix } from './matrixView.ts';
import type { PadMode } from './padding.ts';
import { symmetricEigen } from '../linalg/symmetricEigen.ts';

export interface Learnability {
  /** True when every direction in weight space changes some output. */
  readonly learnable: boolean;
  readonly kernelHeight: number;
  readonly kernelWidth: number;
  /** Rank of the Gram matrix: how many independent weight directions the input can tell apart. */
  readonly rank: number;
  /** AᵀA of the im2col matrix A (size x size, row-major, size = kernel cells). */
  readonly gram: Float64Array;
  /** Its eigenvalues, largest first. */
  readonly eigenvalues: Float64Array;
  /** Unit vectors (kernel-shaped, row-major) along which no output changes: the gradient there is always zero. */
  readonly nullSpace: Float64Array[];
  /** Why, in plain language. */
  readonly reason: string;
}

const fmt = (v: number): string => String(Number(v.toFixed(3)));

/** `[1, -1]`-like rendering of a null vector, scaled so its largest entry is ±1. */
function describeDirection(v: Float64Array, height: number, width: number): string {
  let peak = 0;
  for (const x of v) if (Math.abs(x) > Math.abs(peak)) peak = x;
  const scaled = Array.from(v, (x) => fmt(x / peak));
  if (height === 1) return `[${scaled.join(', ')}]`;
  const rows: string[] = [];
  for (let r = 0; r < height; r++) rows.push(`[${scaled.slice(r * width, (r + 1) * width).join(', ')}]`);
  return `[${rows.join(', ')}]`;
}

/**
 * Whether a bias-free kernel of this size can be learned by gradient descent from `input`. The
 * gradient of the squared loss is 2Aᵀ(Aw - y) = 2(Gw - Aᵀy) with G = AᵀA, so it always lies in G's
 * range: along G's null space the gradient is zero and the weights never move; the loss cannot see
 * those directions at all, whatever the target.
 */
export function analyzeLearnability(
  input: DenseArray,
  kernelHeight: number,
  kernelWidth: number,
  options: WindowOptions = {},
  padMode: PadMode = 'zeros',
): Learnability {
  const a = patchMatrix(input, kernelHeight, kernelWidth, options, padMode);
  const [rows, n] = a.shape;
  const gram = new Float64Array(n * n);
  let everyWindowConstant = true;
  // Layout: A row-major rows x n (one window per row).
  for (let r = 0; r < rows; r++) {
    const base = r * n;
    for (let i = 0; i < n; i++) {
      const ai = a.data[base + i];
      if (ai !== a.data[base]) everyWindowConstant = false;
      for (let j = 0; j < n; j++) gram[i * n + j] += ai * a.data[base + j];
    }
  }
  const { values, vectors } = symmetricEigen(gram, n);
  const largest = Math.max(values[0], 0);
  const tolerance = Math.max(largest * 1e-9, 1e-12);
  let rank = 0;
  for (const v of values) if (v > tolerance) rank++;
  const nullSpace: Float64Array[] = [];
  for (let k = rank; k < n; k++) nullSpace.push(vectors.slice(k * n, (k + 1) * n));

  const direction =
    kernelHeight === 1
      ? 'horizontal direction'
      : kernelWidth === 1
        ? 'vertical direction'
        : 'directions within its window';
  const positions = n === 2 ? 'both kernel positions' : `all ${n} kernel positions`;
  const weights = Array.from({ length: n }, (_, i) => `w${i}`);
  let reason: string;
  if (rank === 0) {
    reason =
      'Every window sees only zeros: the output is zero whatever the weights, so the loss is the same for every ' +
      'kernel, the gradient of every weight is zero, and the weights never move.';
  } else if (rank === n) {
    reason =
      `The kernel can be learned: every direction of its ${n} weights changes some output, so the gradient can point ` +
      `anywhere (smallest eigenvalue of the windows' Gram matrix ${fmt(values[n - 1])}: the smaller it is, the slower ` +
      'the slowest direction learns).';
  } else if (everyWindowConstant && n >= 2) {
    reason =
      `The input has no change along the kernel's ${direction}: every window sees the same values in ${positions}, ` +
      `so each output depends only on the sum of the weights (${weights.join(' + ')}). Changing the weights without ` +
      `changing their sum (for example along ${describeDirection(nullSpace[0], kernelHeight, kernelWidth)}) changes ` +
      'no output, so the gradient in that direction is zero and gradient descent never moves the weights that way: ' +
      'an edge detector like [1, -1] gives zero everywhere on this input and cannot be learned from it.';
  } else {
    reason =
      `The windows of this input span only ${rank} of the ${n} directions of weight space: along ` +
      `${describeDirection(nullSpace[0], kernelHeight, kernelWidth)}${nullSpace.length > 1 ? ` (and ${nullSpace.length - 1} more)` : ''} ` +
      'no output changes, so the gradient there is zero and that part of the kernel is never learned.';
  }
  return {
    learnable: rank === n,
    kernelHeight,
    kernelWidth,
    rank,
    gram,
    eigenvalues: values,
    nullSpace,
    reason,
  };
}

/** The part of `weights` (a kernel, row-major) the input cannot see: its projection on the null space. */
export function unlearnablePart(result: Learnability, weights: ArrayLike<number>): Float64Array {
  const n = result.kernelHeight * result.kernelWidth;
  if (weights.length !== n) {
    throw new Error(`unlearnablePart: the kernel has ${n} weights but ${weights.length} were given`);
  }
  const out = new Float64Array(n);
  for (const v of result.nullSpace) {
    let dot = 0;
    for (let i = 0; i < n; i++) dot += v[i] * weights[i];
    for (let i = 0; i < n; i++) out[i] += dot * v[i];
  }
  return out;
}
