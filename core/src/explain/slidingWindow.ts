import type { Plane } from '../shape.ts';
import { planeFromDense, type DenseArray } from './dense.ts';
import { windowGeometry, type WindowGeometry, type WindowOptions } from './geometry.ts';
import { padGrid, type PadMode, type PaddedGrid } from './padding.ts';

/** Everything needed to show the window at any step, computed once per input/kernel/geometry. */
export interface SlidingWindowPlan {
  readonly geometry: WindowGeometry;
  readonly padMode: PadMode;
  readonly padded: PaddedGrid;
  readonly kernel: Plane;
  /** Steps in row-major order of the output: step s is output cell (floor(s / outWidth), s % outWidth). */
  readonly stepCount: number;
}

/** One kernel weight over one padded-input cell at the current step. */
export interface WindowCell {
  readonly kernelRow: number;
  readonly kernelCol: number;
  readonly paddedRow: number;
  readonly paddedCol: number;
  /** The input cell under the weight, or null in padding (the padded value still applies). */
  readonly inputRow: number | null;
  readonly inputCol: number | null;
  readonly isPadding: boolean;
  readonly value: number;
  readonly weight: number;
  readonly product: number;
}

/** The window at one step: where it is, what it covers, the products and their sum (one output cell). */
export interface WindowStep {
  readonly index: number;
  readonly outRow: number;
  readonly outCol: number;
  /** Padded-input coordinates of the window's top-left cell. */
  readonly top: number;
  readonly left: number;
  readonly cells: readonly WindowCell[];
  readonly sum: number;
}

/** Prepares the window's walk over `input` padded under `padMode`, with PyTorch's geometry. */
export function planSlidingWindow(
  input: DenseArray,
  kernel: DenseArray,
  options: WindowOptions = {},
  padMode: PadMode = 'zeros',
): SlidingWindowPlan {
  const fn = 'planSlidingWindow';
  const x = planeFromDense(fn, 'input', input);
  const k = planeFromDense(fn, 'kernel', kernel);
  const geometry = windowGeometry(fn, x.height, x.width, k.height, k.width, options);
  const padded = padGrid(
    fn,
    x,
    { top: geometry.padTop, bottom: geometry.padBottom, left: geometry.padLeft, right: geometry.padRight },
    padMode,
  );
  return {
    geometry,
    padMode,
    padded,
    kernel: { height: k.height, width: k.width, data: Float64Array.from(k.data) },
    stepCount: geometry.outHeight * geometry.outWidth,
  };
}

/** The window at step `index` (0 <= index < plan.stepCount). */
export function windowStep(plan: SlidingWindowPlan, index: number): WindowStep {
  if (!Number.isInteger(index) || index < 0 || index >= plan.stepCount) {
    throw new Error(`windowStep: step must be an integer in [0, ${plan.stepCount - 1}], got ${index}`);
  }
  const g = plan.geometry;
  const outRow = Math.floor(index / g.outWidth);
  const outCol = index % g.outWidth;
  const top = outRow * g.strideHeight;
  const left = outCol * g.strideWidth;
  const cells: WindowCell[] = [];
  let sum = 0;
  for (let a = 0; a < plan.kernel.height; a++) {
    for (let b = 0; b < plan.kernel.width; b++) {
      const paddedRow = top + a * g.dilationHeight;
      const paddedCol = left + b * g.dilationWidth;
      const p = paddedRow * plan.padded.width + paddedCol;
      const isPadding = plan.padded.isPadding[p] === 1;
      const value = plan.padded.data[p];
      const weight = plan.kernel.data[a * plan.kernel.width + b];
      const product = value * weight;
      sum += product;
      cells.push({
        kernelRow: a,
        kernelCol: b,
        paddedRow,
        paddedCol,
        inputRow: isPadding ? null : paddedRow - g.padTop,
        inputCol: isPadding ? null : paddedCol - g.padLeft,
        isPadding,
        value,
        weight,
        product,
      });
    }
  }
  return { index, outRow, outCol, top, left, cells, sum };
}

/** The products of a step written out, e.g. `0×1 + 1×2 + 3×0 = 2`. */
export function formatStep(step: WindowStep, digits = 3): string {
  const fmt = (v: number): string => String(Number(v.toFixed(digits)));
  const terms = step.cells.map((c) => `${fmt(c.value)}×${fmt(c.weight)}`);
  return `${terms.join(' + ')} = ${fmt(step.sum)}`;
}
