import { maxAbsDifference, planeFromDense, type DenseArray, type Dense64 } from '../dense.ts';
import { correlate2d } from '../correlate.ts';
import { readPositivePair, type Pair } from '../../conv/geometry.ts';
import { pool2d } from '../pooling.ts';
import type { ExerciseResult } from './result.ts';

export interface AvgPoolAsConvolutionResult extends ExerciseResult {
  readonly convolution: Dense64 | null;
  readonly pooling: Dense64;
  /** Largest difference between the two, or null when the shapes differ. */
  readonly maxAbsDifference: number | null;
}

/**
 * The exercise "average pooling is a convolution": the user's kernel and stride, applied to `input`,
 * must give avgPool2d(input, window) (PyTorch's default stride = window). The answer is a uniform
 * kernel of 1 / (p·q) over the p x q window with stride equal to the window; the message names what
 * differs.
 */
export function checkAvgPoolAsConvolution(
  input: DenseArray,
  window: Pair,
  kernel: DenseArray,
  stride: Pair,
): AvgPoolAsConvolutionResult {
  const fn = 'checkAvgPoolAsConvolution';
  const x = planeFromDense(fn, 'input', input);
  const k = planeFromDense(fn, 'kernel', kernel);
  const [ph, pw] = readPositivePair(fn, 'window', window);
  const [sh, sw] = readPositivePair(fn, 'stride', stride);
  if (ph > x.height || pw > x.width)
    throw new Error(`${fn}: the window ${ph}x${pw} is larger than the input ${x.height}x${x.width}`);
  const pooling = pool2d(input, [ph, pw], 'avg');
  let convolution: Dense64 | null = null;
  if (k.height <= x.height && k.width <= x.width) {
    const c = correlate2d(input, kernel, { stride: [sh, sw] });
    convolution = { shape: c.shape, data: c.data };
  }
  const sameShape =
    convolution !== null &&
    convolution.shape[0] === pooling.shape[0] &&
    convolution.shape[1] === pooling.shape[1];
  const difference = sameShape ? maxAbsDifference(convolution!, pooling) : null;
  const base = { convolution, pooling, maxAbsDifference: difference };
  const uniform = 1 / (ph * pw);
  const hints: string[] = [];
  if (k.height !== ph || k.width !== pw)
    hints.push(`the kernel should be ${ph}x${pw} like the window, not ${k.height}x${k.width}`);
  else if (
    Array.from({ length: k.data.length }, (_, i) => k.data[i]).some((v) => Math.abs(v - uniform) > 1e-6)
  ) {
    hints.push(`every weight should be 1/${ph * pw} = ${Number(uniform.toFixed(4))}`);
  }
  if (sh !== ph || sw !== pw)
    hints.push(
      `the stride should equal the window, ${ph}x${pw}, so windows do not overlap (got ${sh}x${sw})`,
    );
  if (difference !== null && difference <= 1e-6 * (1 + Math.max(...Array.from(pooling.data, Math.abs)))) {
    return {
      ...base,
      passed: true,
      message: `Average pooling is this convolution: a uniform ${ph}x${pw} kernel of 1/${ph * pw} with stride ${ph}x${pw} gives the same output (largest difference ${difference.toExponential(1)}).`,
    };
  }
  return {
    ...base,
    passed: false,
    message:
      (sameShape
        ? `The outputs differ by up to ${Number(difference!.toFixed(4))}`
        : 'The outputs do not even have the same shape') +
      (hints.length > 0 ? `: ${hints.join('; ')}.` : '.'),
  };
}
