import { planeFromDense, type DenseArray } from '../dense.ts';
import type { ExerciseResult } from './result.ts';

/**
 * A blur averages neighbours: no negative weight (that would sharpen or detect edges), weights summing
 * to about 1 (so a flat region keeps its brightness), and more than one non-zero weight (else it only
 * copies or shifts the image).
 */
export function checkBlurKernel(kernel: DenseArray, tolerance = 0.01): ExerciseResult {
  const k = planeFromDense('checkBlurKernel', 'kernel', kernel);
  let sum = 0;
  let negatives = 0;
  let nonZero = 0;
  for (let i = 0; i < k.data.length; i++) {
    const v = k.data[i];
    sum += v;
    if (v < 0) negatives++;
    if (v !== 0) nonZero++;
  }
  if (negatives > 0) {
    return {
      passed: false,
      message: `${negatives} weight${negatives > 1 ? 's are' : ' is'} negative: a blur only averages, it never subtracts a neighbour.`,
    };
  }
  if (Math.abs(sum - 1) > tolerance) {
    return {
      passed: false,
      message: `The weights sum to ${Number(sum.toFixed(4))}, not 1: a flat region would come out ${sum > 1 ? 'brighter' : 'darker'}. Divide every weight by ${Number(sum.toFixed(4))}.`,
    };
  }
  if (nonZero < 2) {
    return {
      passed: false,
      message:
        'Only one weight is non-zero: that copies (or shifts) the image instead of averaging neighbours.',
    };
  }
  return {
    passed: true,
    message: `A blur: ${nonZero} non-negative weights summing to 1 average each cell with its neighbours.`,
  };
}
