import { describe, expect, it } from 'vitest';
import { checkBlurKernel } from '../../../../core/src/explain/exercises/blur.ts';
import { checkEdgeDetector } from '../../../../core/src/explain/exercises/edgeDetector.ts';
import {
  checkSecondDerivativeKernel,
  minimumDerivativeKernelSize,
} from '../../../../core/src/explain/exercises/secondDerivative.ts';
import { correlate2d } from '../../../../core/src/explain/correlate.ts';
import { fromRows, type Dense64 } from '../../../../core/src/explain/dense.ts';

/** A ramp image f(x, y) = ux·x + uy·y with x = column, y = row upward. */
function ramp(ux: number, uy: number, size = 7) {
  const data = new Float64Array(size * size);
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++) data[r * size + c] = ux * c + uy * (size - 1 - r);
  return { shape: [size, size], data };
}

/** The largest |value| of corr(image, kernel): the response measured by convolving, independently of the check's moment formulas. */
function peak(image: Dense64, kernel: Dense64): number {
  return Math.max(...Array.from(correlate2d(image, kernel).data, Math.abs));
}

describe('exercise: an edge detector for a direction', () => {
  it('[1, -1] detects 0° (and 180°) edges, not 90°; its responses agree with convolving ramps', () => {
    const k = fromRows([[1, -1]]);
    expect(checkEdgeDetector(k, 0).passed).toBe(true);
    expect(checkEdgeDetector(k, 180).passed).toBe(true);
    const vertical = checkEdgeDetector(k, 90);
    expect(vertical.passed).toBe(false);
    expect(vertical.message).toContain('does not respond to brightness changing along 90°');
    expect(peak(ramp(1, 0), k)).toBeCloseTo(1, 12);
    expect(peak(ramp(0, 1), k)).toBeCloseTo(0, 12);
  });

  it('[[1], [-1]] detects 90°; Sobel-x detects 0°', () => {
    expect(checkEdgeDetector(fromRows([[1], [-1]]), 90).passed).toBe(true);
    expect(
      checkEdgeDetector(
        fromRows([
          [-1, 0, 1],
          [-2, 0, 2],
          [-1, 0, 1],
        ]),
        0,
      ).passed,
    ).toBe(true);
  });

  it('[[1, 0], [0, -1]] detects -45° (down-right) edges, confirmed by convolving ramps along ±45°', () => {
    const k = fromRows([
      [1, 0],
      [0, -1],
    ]);
    expect(checkEdgeDetector(k, -45).passed).toBe(true);
    expect(checkEdgeDetector(k, 45).passed).toBe(false);
    expect(peak(ramp(Math.SQRT1_2, -Math.SQRT1_2), k)).toBeGreaterThan(1);
    expect(peak(ramp(Math.SQRT1_2, Math.SQRT1_2), k)).toBeCloseTo(0, 12);
  });

  it('fails a kernel whose weights do not sum to zero, and an all-zero kernel', () => {
    const blur = checkEdgeDetector(fromRows([[1, 1]]), 0);
    expect(blur.passed).toBe(false);
    expect(blur.message).toMatch(/^The weights sum to 2/);
    expect(checkEdgeDetector(fromRows([[0, 0]]), 0).message).toBe(
      'Every weight is zero: the kernel responds to nothing.',
    );
  });

  it('throws when the angle is not finite or the kernel not 2-D', () => {
    expect(() => checkEdgeDetector(fromRows([[1, -1]]), NaN)).toThrow(
      'checkEdgeDetector: the angle must be a finite number of degrees, got NaN',
    );
    expect(() => checkEdgeDetector({ shape: [2], data: [1, -1] }, 0)).toThrow(
      'checkEdgeDetector: kernel must be 2-D, got shape [2]',
    );
  });
});

describe('exercise: a second-derivative kernel and its minimum size', () => {
  it('[1, -2, 1] is a horizontal second derivative: zero on constants and ramps, 2 on x² (by convolution)', () => {
    const k = fromRows([[1, -2, 1]]);
    const result = checkSecondDerivativeKernel(k, 'horizontal');
    expect(result.passed).toBe(true);
    expect(result.message).toContain('with 3 taps (the minimum is 3)');
    const parabola = { shape: [1, 6], data: Float64Array.from([0, 1, 4, 9, 16, 25]) };
    expect(Array.from(correlate2d(parabola, k).data)).toEqual([2, 2, 2, 2]);
    expect(checkSecondDerivativeKernel(k, 'vertical').passed).toBe(false);
  });

  it('[[1], [-2], [1]] is a vertical one; a 2-tap kernel fails with the minimum size 3', () => {
    expect(checkSecondDerivativeKernel(fromRows([[1], [-2], [1]]), 'vertical').passed).toBe(true);
    const short = checkSecondDerivativeKernel(fromRows([[1, -1]]), 'horizontal');
    expect(short.passed).toBe(false);
    expect(short.message).toMatch(
      /^The kernel has 2 taps along the horizontal direction; a second derivative needs at least 3/,
    );
    expect(minimumDerivativeKernelSize(2)).toBe(3);
    expect(minimumDerivativeKernelSize(1)).toBe(2);
  });

  it('the Laplacian fails (it responds across the direction too); [1, 0, -1] fails (a first derivative)', () => {
    expect(
      checkSecondDerivativeKernel(
        fromRows([
          [0, 1, 0],
          [1, -4, 1],
          [0, 1, 0],
        ]),
        'horizontal',
      ).message,
    ).toContain('also responds to curvature across');
    expect(checkSecondDerivativeKernel(fromRows([[1, 0, -1]]), 'horizontal').message).toContain(
      'responds to a linear ramp',
    );
    expect(checkSecondDerivativeKernel(fromRows([[1, 1, 1]]), 'horizontal').message).toMatch(
      /^The weights sum to 3/,
    );
  });

  it('throws when the direction is unknown or the order invalid', () => {
    expect(() => checkSecondDerivativeKernel(fromRows([[1, -2, 1]]), 'diagonal' as never)).toThrow(
      "checkSecondDerivativeKernel: direction must be 'horizontal' or 'vertical', got \"diagonal\"",
    );
    expect(() => minimumDerivativeKernelSize(0)).toThrow(
      'minimumDerivativeKernelSize: order must be a positive integer, got 0',
    );
  });
});

describe('exercise: a blur', () => {
  it('a uniform 3x3 of 1/9 passes; a flat image keeps its brightness under it (by convolution)', () => {
    const k = { shape: [3, 3], data: new Float64Array(9).fill(1 / 9) };
    expect(checkBlurKernel(k).passed).toBe(true);
    const flat = { shape: [4, 4], data: new Float64Array(16).fill(5) };
    for (const v of correlate2d(flat, k).data) expect(v).toBeCloseTo(5, 12);
  });

  it('fails negative weights, a sum away from 1, and the identity', () => {
    expect(checkBlurKernel(fromRows([[0.5, -0.5, 1]])).message).toMatch(/^1 weight is negative/);
    expect(
      checkBlurKernel(
        fromRows([
          [1, 1],
          [1, 1],
        ]),
      ).message,
    ).toMatch(/^The weights sum to 4, not 1: a flat region would come out brighter/);
    expect(
      checkBlurKernel(
        fromRows([
          [0, 0, 0],
          [0, 1, 0],
          [0, 0, 0],
        ]),
      ).message,
    ).toMatch(/^Only one weight is non-zero/);
  });

  it('throws when the kernel holds a non-finite value', () => {
    expect(() => checkBlurKernel({ shape: [1, 2], data: [Infinity, 0] })).toThrow(
      'checkBlurKernel: kernel value 0 is Infinity',
    );
  });
});
