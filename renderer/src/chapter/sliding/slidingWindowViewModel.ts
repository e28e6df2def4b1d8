// What the sliding-window panel draws at a step, computed from the explain module's plan.
import type { SlidingWindowPlan, WindowStep } from '../../../../core/src/explain/index.ts';

/**
 * Every step's sum (the full output, row-major), computed once per plan: windowStep's products in its
 * order (so each sum is the one the step shows), without building its list of cells, since the lab's
 * largest output has 36,864 steps. Layout: padded and kernel data are row-major.
 */
export function allSums(plan: SlidingWindowPlan): Float64Array {
  const g = plan.geometry;
  const { data: padded, width: paddedWidth } = plan.padded;
  const { data: kernel, height: kh, width: kw } = plan.kernel;
  const sums = new Float64Array(plan.stepCount);
  for (let s = 0; s < plan.stepCount; s++) {
    const top = Math.floor(s / g.outWidth) * g.strideHeight;
    const left = (s % g.outWidth) * g.strideWidth;
    let sum = 0;
    for (let a = 0; a < kh; a++) {
      const rowStart = (top + a * g.dilationHeight) * paddedWidth + left;
      for (let b = 0; b < kw; b++) sum += padded[rowStart + b * g.dilationWidth] * kernel[a * kw + b];
    }
    sums[s] = sum;
  }
  return sums;
}

/** Padded-input indices (row-major) under the window at `step`. */
export function windowCells(plan: SlidingWindowPlan, step: WindowStep): Set<number> {
  return new Set(step.cells.map((c) => c.paddedRow * plan.padded.width + c.paddedCol));
}

/** The next step when playing: stops (returns null) after the last one. */
export function nextStep(current: number, count: number): number | null {
  return current + 1 < count ? current + 1 : null;
}

/** Milliseconds between steps at `speed` steps per second (0.25 to 30). */
export function stepDelay(speed: number): number {
  const s = Math.min(30, Math.max(0.25, Number.isFinite(speed) ? speed : 1));
  return Math.round(1000 / s);
}

/** A half-open range [start, end) of rows or columns to draw. */
export interface ViewRange {
  readonly start: number;
  readonly end: number;
}

/**
 * The rows (or columns) to draw out of `size`: all of them up to `maxView`, otherwise `maxView` of them
 * (or the focus's extent, if larger) centred on the focus [focusStart, focusStart + focusExtent) and
 * kept inside [0, size). Large inputs are drawn as this neighbourhood of the window, so the page never
 * holds thousands of cells (a 64x64 input would be 8,000 table cells).
 */
export function viewRange(size: number, focusStart: number, focusExtent: number, maxView: number): ViewRange {
  const view = Math.max(maxView, focusExtent);
  if (size <= view) return { start: 0, end: size };
  const centred = focusStart - Math.floor((view - focusExtent) / 2);
  const start = Math.min(Math.max(0, centred), size - view);
  return { start, end: start + view };
}
