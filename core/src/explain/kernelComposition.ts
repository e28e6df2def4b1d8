import { planeFromDense, type DenseArray, type Dense64 } from './dense.ts';
import { readPositivePair, type Pair } from '../conv/geometry.ts';

/** One of the two layers being composed: its stride and dilation (no padding: see composeKernels). */
export interface ComposedLayerOptions {
  readonly stride?: Pair;
  readonly dilation?: Pair;
}

export interface ComposedKernel extends Dense64 {
  /** The single layer equivalent to the two: this kernel, with this stride and dilation 1. */
  readonly strideHeight: number;
  readonly strideWidth: number;
  /** Bias of the equivalent layer: b2 + b1 · sum(K2). */
  readonly bias: number;
  /** Size in words, e.g. `2x2 then 3x3 = one 4x4 kernel (2 + 3 - 1 = 4)`. */
  readonly explanation: string;
}

/**
 * The one kernel equivalent to correlating with `first` then `second` (no padding, no nonlinearity).
 * With first-layer stride s1 and dilations d1, d2, output (i, j) reads input s1·s2·i + s1·d2·a + d1·c
 * for each pair of weights K2[a]·K1[c] (per axis), so the composite holds, at offset s1·d2·a + d1·c,
 * the sum of those products: a full (flipped) convolution of the two kernels. Its extent is
 * d1·(k1 - 1) + s1·d2·(k2 - 1) + 1 (k1 + k2 - 1 for stride and dilation 1); its stride is s1·s2.
 * Padding is refused because zero cells added between the layers are not the first layer's output.
 */
export function composeKernels(
  first: DenseArray,
  second: DenseArray,
  firstOptions: ComposedLayerOptions = {},
  secondOptions: ComposedLayerOptions = {},
  biases: { readonly first?: number; readonly second?: number } = {},
): ComposedKernel {
  const fn = 'composeKernels';
  const k1 = planeFromDense(fn, 'first kernel', first);
  const k2 = planeFromDense(fn, 'second kernel', second);
  for (const opts of [firstOptions, secondOptions]) {
    if ('padding' in opts) {
      throw new Error(
        `${fn}: padding is not supported: padding between layers is not the first layer's output`,
      );
    }
  }
  const [s1h, s1w] = readPositivePair(fn, 'first stride', firstOptions.stride ?? 1);
  const [d1h, d1w] = readPositivePair(fn, 'first dilation', firstOptions.dilation ?? 1);
  const [s2h, s2w] = readPositivePair(fn, 'second stride', secondOptions.stride ?? 1);
  const [d2h, d2w] = readPositivePair(fn, 'second dilation', secondOptions.dilation ?? 1);
  const b1 = biases.first ?? 0;
  const b2 = biases.second ?? 0;
  if (!Number.isFinite(b1) || !Number.isFinite(b2)) {
    throw new Error(`${fn}: biases must be finite numbers, got ${b1} and ${b2}`);
  }
  const height = d1h * (k1.height - 1) + s1h * d2h * (k2.height - 1) + 1;
  const width = d1w * (k1.width - 1) + s1w * d2w * (k2.width - 1) + 1;
  const data = new Float64Array(height * width);
  let sumSecond = 0;
  for (let a = 0; a < k2.height; a++) {
    for (let b = 0; b < k2.width; b++) {
      const w2 = k2.data[a * k2.width + b];
      sumSecond += w2;
      for (let c = 0; c < k1.height; c++) {
        for (let d = 0; d < k1.width; d++) {
          const row = s1h * d2h * a + d1h * c;
          const col = s1w * d2w * b + d1w * d;
          data[row * width + col] += w2 * k1.data[c * k1.width + d];
        }
      }
    }
  }
  const simple = s1h === 1 && s1w === 1 && d1h === 1 && d1w === 1 && d2h === 1 && d2w === 1;
  const explanation = simple
    ? `${k1.height}x${k1.width} then ${k2.height}x${k2.width} = one ${height}x${width} kernel ` +
      `(${k1.height} + ${k2.height} - 1 = ${height}, ${k1.width} + ${k2.width} - 1 = ${width})`
    : `${k1.height}x${k1.width} then ${k2.height}x${k2.width} = one ${height}x${width} kernel with stride ` +
      `${s1h * s2h}x${s1w * s2w} (height ${d1h}·(${k1.height} - 1) + ${s1h}·${d2h}·(${k2.height} - 1) + 1 = ${height}, ` +
      `width ${d1w}·(${k1.width} - 1) + ${s1w}·${d2w}·(${k2.width} - 1) + 1 = ${width})`;
  return {
    shape: [height, width],
    data,
    strideHeight: s1h * s2h,
    strideWidth: s1w * s2w,
    bias: b2 + b1 * sumSecond,
    explanation,
  };
}
