import { planeFromDense, type DenseArray } from '../dense.ts';
import type { ExerciseResult } from './result.ts';

/** Fewest taps a finite-difference kernel needs along its direction for a derivative of `order`: order + 1. */
export function minimumDerivativeKernelSize(order: number): number {
  if (!Number.isInteger(order) || order < 1)
    throw new Error(`minimumDerivativeKernelSize: order must be a positive integer, got ${order}`);
  return order + 1;
}

/**
 * A second-derivative kernel along `direction` ('horizontal' = along a row, 'vertical' = along a
 * column): as the moments of its weights, it must give 0 on constants (Σk = 0) and on ramps (Σk·u = 0
 * and Σk·v = 0), a non-zero response to u² (Σk·u² ≠ 0) and none to v² or u·v. Those constraints need
 * at least 3 taps along the direction: with 2 taps, Σk = 0 forces [w, -w], which responds to a ramp.
 */
export function checkSecondDerivativeKernel(
  kernel: DenseArray,
  direction: 'horizontal' | 'vertical',
): ExerciseResult {
  const fn = 'checkSecondDerivativeKernel';
  const k = planeFromDense(fn, 'kernel', kernel);
  if (direction !== 'horizontal' && direction !== 'vertical') {
    throw new Error(`${fn}: direction must be 'horizontal' or 'vertical', got ${JSON.stringify(direction)}`);
  }
  const taps = direction === 'horizontal' ? k.width : k.height;
  const minimum = minimumDerivativeKernelSize(2);
  if (taps < minimum) {
    return {
      passed: false,
      message:
        `The kernel has ${taps} tap${taps === 1 ? '' : 's'} along the ${direction} direction; a second derivative needs at least ${minimum}: ` +
        'with 2 taps, zero response to flat regions forces [w, -w], which still responds to a ramp (it is a first derivative).',
    };
  }
  // Moments with u along the direction and v across it.
  let m0 = 0,
    mu = 0,
    mv = 0,
    muu = 0,
    mvv = 0,
    muv = 0,
    scale = 0;
  for (let a = 0; a < k.height; a++) {
    for (let b = 0; b < k.width; b++) {
      const w = k.data[a * k.width + b];
      const u = direction === 'horizontal' ? b : a;
      const v = direction === 'horizontal' ? a : b;
      m0 += w;
      mu += w * u;
      mv += w * v;
      muu += w * u * u;
      mvv += w * v * v;
      muv += w * u * v;
      scale += Math.abs(w);
    }
  }
  const extent = Math.max(k.height, k.width) ** 2;
  const small = (m: number): boolean => Math.abs(m) <= 1e-3 * scale * extent;
  const fmt = (v: number): number => Number(v.toFixed(3));
  if (scale === 0) return { passed: false, message: 'Every weight is zero: the kernel responds to nothing.' };
  if (!small(m0))
    return {
      passed: false,
      message: `The weights sum to ${fmt(m0)}: a second derivative gives 0 on a flat region, so they must sum to 0.`,
    };
  if (!small(mu) || !small(mv)) {
    return {
      passed: false,
      message:
        'The kernel responds to a linear ramp (a first derivative): a second derivative gives 0 on ramps in every direction.',
    };
  }
  if (small(muu))
    return {
      passed: false,
      message: `The kernel gives 0 on a parabola along the ${direction} direction: it measures no curvature there.`,
    };
  if (!small(mvv) || !small(muv)) {
    return {
      passed: false,
      message: `The kernel also responds to curvature across the ${direction} direction (like a Laplacian), not only along it.`,
    };
  }
  return {
    passed: true,
    message: `A ${direction} second derivative: 0 on flat regions and ramps, ${fmt(muu)} times the curvature along the ${direction} direction, with ${taps} taps (the minimum is ${minimum}).`,
  };
}
